import { redirect } from 'next/navigation'
import { SignUpForm } from '@/components/auth/sign-up-form'
import { getPageSession } from '@/lib/auth/page-session'
import { env } from '@/lib/env'
import { signUpAction } from '../actions'

export const metadata = { title: 'Create your account' }

export default async function SignUpPage() {
  if (await getPageSession()) redirect('/orgs')
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Create your account</h1>
      <p className="mb-6 mt-1 text-sm text-slate-600">Start finding roofs worth replacing. You can invite your team later.</p>
      <SignUpForm action={signUpAction} addressPrefix={`${new URL(env().APP_URL).host}/`} />
    </>
  )
}

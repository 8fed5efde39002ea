import Link from 'next/link'
import { Alert } from '@/components/ui/feedback'
import { ResetPasswordForm } from '@/components/auth/reset-password-form'
import { tokenField } from '@/lib/auth/schemas'
import { resetPasswordAction } from '../actions'

export const metadata = { title: 'Choose a new password' }

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams
  const parsed = tokenField.safeParse(token)
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Choose a new password</h1>
      {parsed.success ? (
        <>
          <p className="mb-6 mt-1 text-sm text-slate-600">After this, every device signed in to your account is signed out.</p>
          <ResetPasswordForm token={parsed.data} action={resetPasswordAction} />
        </>
      ) : (
        <>
          <Alert tone="error" className="mt-4">
            This link is invalid or incomplete. Open the link from the email again, or request a new one.
          </Alert>
          <Link href="/forgot-password" className="mt-6 inline-block font-medium text-brand-600 hover:underline">
            Request a new link
          </Link>
        </>
      )}
    </>
  )
}

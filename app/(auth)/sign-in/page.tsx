import { redirect } from 'next/navigation'
import { SignInForm } from '@/components/auth/sign-in-form'
import { Alert } from '@/components/ui/feedback'
import { getPageSession } from '@/lib/auth/page-session'
import { listMyOrgs } from '@/lib/auth/org-context'
import { postSignInTarget, safeNextPath } from '@/lib/auth/redirect-target'
import { signInAction } from '../actions'

export const metadata = { title: 'Sign in' }

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams
  const next = safeNextPath(typeof sp.next === 'string' ? sp.next : null) ?? undefined
  // already signed in (also the refresh right after the sign-in action sets the cookie): the SAME target the
  // action returns, so the two navigations never race to different pages
  const session = await getPageSession()
  if (session) {
    const [first] = await listMyOrgs({ userId: session.user.id })
    redirect(postSignInTarget({ next, firstOrgSlug: first?.org.slug, emailVerified: !!session.user.emailVerifiedAt }))
  }
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Sign in</h1>
      <p className="mb-6 mt-1 text-sm text-slate-600">Welcome back. Your leads are waiting.</p>
      {sp.reset === '1' && (
        <Alert tone="success" className="mb-4">
          Your password was changed. Sign in with the new one.
        </Alert>
      )}
      {sp.verified === '1' && (
        <Alert tone="success" className="mb-4">
          Your email is confirmed. Sign in to continue.
        </Alert>
      )}
      <SignInForm action={signInAction} next={next} />
    </>
  )
}

// Explains verification; confirms a ?token= link; offers a resend (with cooldown) to the signed-in user.
import Link from 'next/link'
import { redirect } from 'next/navigation'
import { Alert } from '@/components/ui/feedback'
import { ResendVerificationButton } from '@/components/auth/resend-verification-button'
import { getPageSession } from '@/lib/auth/page-session'
import { recentTokens } from '@/lib/auth/auth-tokens'
import { RESEND_COOLDOWN_MS } from '@/lib/auth/resend-verification'
import { resendVerificationAction } from '../actions'

export const metadata = { title: 'Confirm your email' }
export const dynamic = 'force-dynamic'

export default async function VerifyEmailPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams
  if (typeof token === 'string' && token) redirect(`/verify-email/${encodeURIComponent(token)}`)
  const session = await getPageSession()
  if (session?.user.emailVerifiedAt) {
    return (
      <>
        <h1 className="text-2xl font-semibold tracking-tight">Your email is confirmed</h1>
        <Alert tone="success" className="mt-4">
          {session.user.email} is verified.
        </Alert>
        <Link href="/orgs" className="mt-6 inline-block font-medium text-brand-600 hover:underline">
          Continue to Fish Mouth
        </Link>
      </>
    )
  }
  // the link was just sent (sign-up or a resend): start the button in its cooldown instead of failing a click
  const [last] = session ? await recentTokens({ userId: session.user.id, kind: 'EMAIL_VERIFY', sinceMs: RESEND_COOLDOWN_MS }) : []
  const initialCooldown = last ? cooldownLeftSeconds(last.createdAt) : 0
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Confirm your email</h1>
      <p className="mt-2 text-sm text-slate-600">
        {session ? (
          <>
            We sent a link to <strong>{session.user.email}</strong>.{' '}
          </>
        ) : (
          <>We sent you a link when you signed up. </>
        )}
        Open it to confirm your address; it works once and expires in 24 hours. Until then you cannot open your organization.
      </p>
      <div className="mt-6">
        {session ? (
          <ResendVerificationButton action={resendVerificationAction} initialCooldown={initialCooldown} />
        ) : (
          <p className="text-sm text-slate-600">
            <Link href="/sign-in?next=/verify-email" className="font-medium text-brand-600 hover:underline">
              Sign in
            </Link>{' '}
            to get a new link.
          </p>
        )}
      </div>
    </>
  )
}

/** Seconds left of the resend cooldown (server-side, per request). */
function cooldownLeftSeconds(sentAt: Date): number {
  return Math.max(0, Math.ceil((sentAt.getTime() + RESEND_COOLDOWN_MS - Date.now()) / 1000))
}

// Public invitation page: shows org, inviter and role; then accept (signed in with the invited email),
// explain (signed in as someone else), or sign in / create an account (signed out).
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { getPageSession } from '@/lib/auth/page-session'
import { getInvitationByToken, type PublicInvitation } from '@/lib/members/get-invitation-by-token'
import { AppError } from '@/lib/errors'
import { ROLE_LABELS } from '@/lib/members/schemas'
import { Card } from '@/components/ui/card'
import { Alert } from '@/components/ui/feedback'
import { buttonVariants } from '@/components/ui/button'
import { AcceptInvitationButton, SignUpFromInvitationForm } from './invite-forms'
import { acceptInvitationAction, signUpFromInvitationAction } from './actions'

export const metadata = { title: 'Invitation', robots: { index: false } }

async function load(token: string): Promise<PublicInvitation> {
  try {
    return await getInvitationByToken({ token })
  } catch (e) {
    if (e instanceof AppError && e.code === 'NOT_FOUND') notFound()
    throw e
  }
}

const STATE_TEXT = {
  expired: 'This invitation has expired. Ask the person who invited you to resend it.',
  canceled: 'This invitation was canceled. Ask the organization for a new one if you still need access.',
  accepted: 'This invitation was already used.',
} as const

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params
  const [inv, session] = await Promise.all([load(token), getPageSession()])
  const here = `/invite/${token}`
  return (
    <main id="main" className="mx-auto max-w-lg p-6 md:p-10">
      <Card>
        <p className="text-sm font-semibold text-brand-700">Fish Mouth</p>
        <h1 className="mt-2 text-xl font-semibold">Join {inv.orgName}</h1>
        <p className="mt-1 text-sm text-slate-600">
          {inv.inviterName ? `${inv.inviterName} invited` : 'You were invited'} <strong>{inv.email}</strong> to join as{' '}
          <strong>{ROLE_LABELS[inv.role]}</strong>.
        </p>
        <div className="mt-6 space-y-4">
          {inv.state !== 'pending' ? (
            <>
              <Alert tone={inv.state === 'accepted' ? 'info' : 'warning'}>{STATE_TEXT[inv.state]}</Alert>
              {inv.state === 'accepted' && session && (
                <Link href={`/${inv.orgSlug}`} className={buttonVariants({ variant: 'secondary' })}>
                  Go to {inv.orgName}
                </Link>
              )}
            </>
          ) : session && session.user.email === inv.email ? (
            <AcceptInvitationButton token={token} orgName={inv.orgName} accept={acceptInvitationAction} />
          ) : session ? (
            <Alert tone="warning" title="This invitation is for another email address">
              You are signed in as <strong>{session.user.email}</strong>, but the invitation was sent to <strong>{inv.email}</strong>. Sign
              out, then open this link again and sign in (or create an account) with {inv.email}.
            </Alert>
          ) : (
            <>
              <div className="rounded-md border border-slate-200 p-4">
                <h2 className="font-medium">Already have an account?</h2>
                <p className="mt-1 text-sm text-slate-600">Sign in as {inv.email} and you will come back here to accept.</p>
                <Link
                  href={`/sign-in?next=${encodeURIComponent(here)}`}
                  className={buttonVariants({ variant: 'secondary', size: 'sm', className: 'mt-3' })}
                >
                  Sign in
                </Link>
              </div>
              <div className="rounded-md border border-slate-200 p-4">
                <h2 className="font-medium">New to Fish Mouth?</h2>
                <p className="mt-1 text-sm text-slate-600">
                  Create your account for {inv.email}. You join {inv.orgName}; no new organization is created.
                </p>
                <SignUpFromInvitationForm token={token} email={inv.email} signUp={signUpFromInvitationAction} />
              </div>
            </>
          )}
        </div>
      </Card>
    </main>
  )
}

import { Card, PageHeader } from '@/components/ui/card'
import { ChangePasswordForm } from '@/components/auth/change-password-form'
import { SessionsList } from '@/components/auth/sessions-list'
import { TwoFactorPanel } from '@/components/auth/two-factor-panel'
import { requirePageSession } from '@/lib/auth/page-session'
import { listSessions } from '@/lib/auth/list-sessions'
import { getSecurityOverview } from '@/lib/auth/two-factor/get-security-overview'
import {
  changePasswordAction,
  confirmTwoFactorAction,
  disableTwoFactorAction,
  regenerateRecoveryCodesAction,
  revokeSessionAction,
  signOutEverywhereAction,
  startTwoFactorAction,
} from '../actions'

export const metadata = { title: 'Security' }
export const dynamic = 'force-dynamic'

export default async function SecurityPage() {
  const session = await requirePageSession('/account/security')
  const [sessions, overview] = await Promise.all([
    listSessions({ userId: session.user.id, currentSessionId: session.sessionId }),
    getSecurityOverview({ userId: session.user.id }),
  ])
  return (
    <>
      <PageHeader title="Security" description="Password, two-factor authentication and the devices signed in to your account." />
      <div className="space-y-6">
        <Card>
          <h2 className="mb-4 text-lg font-semibold">Password</h2>
          <ChangePasswordForm email={session.user.email} action={changePasswordAction} />
        </Card>
        <Card>
          <h2 className="mb-4 text-lg font-semibold">Two-factor authentication</h2>
          <TwoFactorPanel
            enabledAt={overview.twoFactorEnabledAt?.toISOString() ?? null}
            unusedRecoveryCodes={overview.unusedRecoveryCodes}
            actions={{
              start: startTwoFactorAction,
              confirm: confirmTwoFactorAction,
              disable: disableTwoFactorAction,
              regenerate: regenerateRecoveryCodesAction,
            }}
          />
        </Card>
        <Card>
          <h2 className="mb-1 text-lg font-semibold">Where you are signed in</h2>
          <p className="mb-4 text-sm text-slate-600">
            Sessions end after 30 minutes without activity (24 hours at most), or after 30 days with “remember me”.
          </p>
          <SessionsList
            sessions={sessions.map((s) => ({
              ...s,
              createdAt: s.createdAt.toISOString(),
              lastSeenAt: s.lastSeenAt.toISOString(),
              expiresAt: undefined,
            }))}
            revoke={revokeSessionAction}
            signOutEverywhere={signOutEverywhereAction}
          />
        </Card>
      </div>
    </>
  )
}

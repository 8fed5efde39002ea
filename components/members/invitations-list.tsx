'use client'
import { useState, useTransition } from 'react'
import { useRouter } from 'next/navigation'
import { ROLE_LABELS } from '@/lib/members/schemas'
import { Button } from '@/components/ui/button'
import { Alert, EmptyState, ErrorNotice } from '@/components/ui/feedback'
import { RoleBadge } from './role-badge'
import type { ActionError, ActionFn } from '@/lib/action-result'

export interface InvitationView {
  id: string
  email: string
  role: keyof typeof ROLE_LABELS
  expiresAt: string
  expired: boolean
  sendCount: number
  invitedBy: string | null
  canManage: boolean
}

type IdAction = ActionFn<{ orgSlug: string; invitationId: string }, unknown>

export function InvitationsList({
  orgSlug,
  invitations,
  resend,
  cancel,
}: {
  orgSlug: string
  invitations: InvitationView[]
  resend: IdAction
  cancel: IdAction
}) {
  const router = useRouter()
  const [pending, start] = useTransition()
  const [error, setError] = useState<ActionError | null>(null)
  const [notice, setNotice] = useState<string | null>(null)

  const run = (fn: IdAction, id: string, success: string) =>
    start(async () => {
      setError(null)
      setNotice(null)
      const r = await fn({ orgSlug, invitationId: id })
      if (r.ok) {
        setNotice(success)
        router.refresh()
      } else setError(r.error)
    })

  if (invitations.length === 0) return <EmptyState title="No pending invitations">Invite teammates with the form above.</EmptyState>

  return (
    <div className="space-y-3">
      {notice && <Alert tone="success">{notice}</Alert>}
      {error && <ErrorNotice error={error} />}
      <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
        {invitations.map((i) => (
          <li key={i.id} className="flex flex-wrap items-center gap-3 px-4 py-3 text-sm">
            <div className="min-w-0 flex-1">
              <p className="truncate font-medium">{i.email}</p>
              <p className="text-xs text-slate-500">
                {i.expired ? (
                  <span className="font-medium text-red-700">Expired</span>
                ) : (
                  <>Expires {new Date(i.expiresAt).toLocaleDateString()}</>
                )}
                {i.invitedBy && <> · invited by {i.invitedBy}</>} · sent {i.sendCount}×
              </p>
            </div>
            <RoleBadge role={i.role} />
            {i.canManage && (
              <span className="flex gap-2">
                <Button
                  size="sm"
                  variant="secondary"
                  disabled={pending}
                  onClick={() => run(resend, i.id, `Invitation to ${i.email} sent again.`)}
                >
                  Resend
                </Button>
                <Button
                  size="sm"
                  variant="ghost"
                  disabled={pending}
                  onClick={() => run(cancel, i.id, `Invitation to ${i.email} canceled.`)}
                >
                  Cancel invite
                </Button>
              </span>
            )}
          </li>
        ))}
      </ul>
    </div>
  )
}

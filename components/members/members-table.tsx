'use client'
// Members with role badges; role select limited to roles the viewer may grant; remove with confirmation.
// Controls are hidden when the viewer's role cannot use them — the server re-checks every call.
import { useState, useTransition } from 'react'
import { useRouter } from 'next/navigation'
import { ROLE_LABELS, ROLE_VALUES } from '@/lib/members/schemas'
import { Button } from '@/components/ui/button'
import { Select } from '@/components/ui/field'
import { Alert, ErrorNotice } from '@/components/ui/feedback'
import { RoleBadge } from './role-badge'
import type { ActionError, ActionFn, ActionResult } from '@/lib/action-result'

type Role = keyof typeof ROLE_LABELS

export interface MemberRowView {
  membershipId: string
  name: string
  email: string
  role: Role
  joinedAt: string
  isMe: boolean
  /** roles the viewer may set for this member; empty = cannot change */
  assignableRoles: Role[]
  canRemove: boolean
}

export function MembersTable({
  orgSlug,
  members,
  changeRole,
  remove,
}: {
  orgSlug: string
  members: MemberRowView[]
  changeRole: ActionFn<{ orgSlug: string; membershipId: string; role: Role }, unknown>
  remove: ActionFn<{ orgSlug: string; membershipId: string }, unknown>
}) {
  const router = useRouter()
  const [pending, start] = useTransition()
  const [error, setError] = useState<ActionError | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [confirming, setConfirming] = useState<string | null>(null)

  const run = (fn: () => Promise<ActionResult<unknown>>, success: string) =>
    start(async () => {
      setError(null)
      setNotice(null)
      const r = await fn()
      if (r.ok) {
        setNotice(success)
        setConfirming(null)
        router.refresh()
      } else setError(r.error)
    })

  return (
    <div className="space-y-3">
      {notice && <Alert tone="success">{notice}</Alert>}
      {error && <ErrorNotice error={error} />}
      {/* relative: the sr-only (absolute) header text stays inside the scroll box instead of widening the page */}
      <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Members of this organization</caption>
          <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-4 py-2">
                Name
              </th>
              <th scope="col" className="px-4 py-2">
                Role
              </th>
              <th scope="col" className="hidden px-4 py-2 sm:table-cell">
                Joined
              </th>
              <th scope="col" className="px-4 py-2">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {members.map((m) => (
              <tr key={m.membershipId}>
                <td className="px-4 py-3">
                  <p className="font-medium">
                    {m.name}
                    {m.isMe && <span className="ml-1 text-xs text-slate-500">(you)</span>}
                  </p>
                  <p className="text-xs text-slate-500">{m.email}</p>
                </td>
                <td className="px-4 py-3">
                  {m.assignableRoles.length > 0 ? (
                    <Select
                      aria-label={`Role of ${m.name}`}
                      className="h-8 w-36"
                      value={m.role}
                      disabled={pending}
                      onChange={(e) => {
                        const role = e.target.value as Role
                        run(() => changeRole({ orgSlug, membershipId: m.membershipId, role }), `${m.name} is now ${ROLE_LABELS[role]}.`)
                      }}
                    >
                      {ROLE_VALUES.filter((r) => r === m.role || m.assignableRoles.includes(r)).map((r) => (
                        <option key={r} value={r}>
                          {ROLE_LABELS[r]}
                        </option>
                      ))}
                    </Select>
                  ) : (
                    <RoleBadge role={m.role} />
                  )}
                </td>
                <td className="hidden px-4 py-3 text-slate-600 sm:table-cell">{new Date(m.joinedAt).toLocaleDateString()}</td>
                <td className="px-4 py-3 text-right">
                  {m.canRemove &&
                    !m.isMe &&
                    (confirming === m.membershipId ? (
                      <span className="inline-flex flex-wrap items-center justify-end gap-2">
                        <span className="text-xs text-slate-600">Remove {m.name}? They are signed out everywhere.</span>
                        <Button
                          size="sm"
                          variant="danger"
                          loading={pending}
                          onClick={() => run(() => remove({ orgSlug, membershipId: m.membershipId }), `${m.name} was removed.`)}
                        >
                          Remove
                        </Button>
                        <Button size="sm" variant="ghost" onClick={() => setConfirming(null)}>
                          Cancel
                        </Button>
                      </span>
                    ) : (
                      <Button size="sm" variant="ghost" onClick={() => setConfirming(m.membershipId)}>
                        Remove…
                      </Button>
                    ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  )
}

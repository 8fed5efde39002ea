'use client'
// Detail header controls: status (a lost reason is required for LOST) and assignee (MANAGER and up).
import { useState } from 'react'
import { useRouter } from 'next/navigation'
import { Button } from '@/components/ui/button'
import { Input, Label, Select } from '@/components/ui/field'
import { ErrorNotice } from '@/components/ui/feedback'
import type { ActionError, ActionFn } from '@/lib/action-result'
import { lostReasonSchema, type LEAD_STATUSES } from '@/lib/leads/schemas'
import { STATUS_LABELS } from './lead-format'
import type { MemberOption } from './lead-filters'

type Status = (typeof LEAD_STATUSES)[number]

export function LeadStatusControl({
  orgSlug,
  leadId,
  status,
  lostReason,
  disabled,
  change,
}: {
  orgSlug: string
  leadId: string
  status: Status
  lostReason: string | null
  disabled?: boolean
  change: ActionFn<{ orgSlug: string; leadId: string; status: Status; lostReason?: string | null }, unknown>
}) {
  const router = useRouter()
  const [next, setNext] = useState<Status>(status)
  const [reason, setReason] = useState(lostReason ?? '')
  const [reasonError, setReasonError] = useState<string | null>(null)
  const [error, setError] = useState<ActionError | null>(null)
  const [busy, setBusy] = useState(false)
  const dirty = next !== status || (next === 'LOST' && reason !== (lostReason ?? ''))

  const save = async (e: React.FormEvent) => {
    e.preventDefault()
    setError(null)
    if (next === 'LOST') {
      const r = lostReasonSchema.safeParse(reason)
      if (!r.success) {
        setReasonError(r.error.issues[0]?.message ?? 'Say why the lead was lost')
        return
      }
    }
    setReasonError(null)
    setBusy(true)
    const r = await change({ orgSlug, leadId, status: next, lostReason: next === 'LOST' ? reason : null })
    setBusy(false)
    if (!r.ok) {
      setError(r.error)
      return
    }
    router.refresh()
  }

  return (
    <form onSubmit={save} className="space-y-2" noValidate aria-label="Lead status">
      <div className="flex flex-wrap items-end gap-2">
        <div className="w-52 space-y-1">
          <Label htmlFor="lead-status">Status</Label>
          <Select id="lead-status" value={next} disabled={disabled} onChange={(e) => setNext(e.target.value as Status)}>
            {Object.entries(STATUS_LABELS).map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </Select>
        </div>
        {next === 'LOST' && (
          <div className="w-64 space-y-1">
            <Label htmlFor="lead-lost-reason">Lost reason</Label>
            <Input
              id="lead-lost-reason"
              value={reason}
              maxLength={200}
              disabled={disabled}
              onChange={(e) => setReason(e.target.value)}
              aria-invalid={!!reasonError}
              aria-describedby={reasonError ? 'lead-lost-reason-error' : undefined}
            />
          </div>
        )}
        {!disabled && dirty && (
          <Button type="submit" size="md" loading={busy}>
            Save status
          </Button>
        )}
      </div>
      {reasonError && (
        <p id="lead-lost-reason-error" role="alert" className="text-xs text-red-600">
          {reasonError}
        </p>
      )}
      {error && <ErrorNotice error={error} />}
    </form>
  )
}

export function LeadAssigneeControl({
  orgSlug,
  leadId,
  assigneeId,
  members,
  update,
}: {
  orgSlug: string
  leadId: string
  assigneeId: string | null
  members: MemberOption[]
  update: ActionFn<{ orgSlug: string; leadId: string; patch: { assigneeId: string | null } }, unknown>
}) {
  const router = useRouter()
  const [error, setError] = useState<ActionError | null>(null)
  const [busy, setBusy] = useState(false)
  const [saved, setSaved] = useState(false)
  const onChange = async (e: React.ChangeEvent<HTMLSelectElement>) => {
    setError(null)
    setSaved(false)
    setBusy(true)
    const r = await update({ orgSlug, leadId, patch: { assigneeId: e.target.value || null } })
    setBusy(false)
    if (!r.ok) {
      setError(r.error)
      return
    }
    setSaved(true)
    router.refresh()
  }
  return (
    <div className="space-y-1">
      <Label htmlFor="lead-assignee-select">Assignee</Label>
      <div className="flex items-center gap-2">
        <Select
          id="lead-assignee-select"
          className="w-56"
          defaultValue={assigneeId ?? ''}
          onChange={onChange}
          disabled={busy}
          aria-busy={busy}
        >
          <option value="">Unassigned</option>
          {members.map((m) => (
            <option key={m.membershipId} value={m.membershipId}>
              {m.name} ({m.role.toLowerCase()})
            </option>
          ))}
        </Select>
        <span role="status" className="text-xs text-emerald-700">
          {saved ? 'Saved' : ''}
        </span>
      </div>
      {error && <ErrorNotice error={error} />}
    </div>
  )
}

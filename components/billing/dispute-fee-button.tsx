'use client'
// "Dispute this lead's fee" (30-day lead-quality guarantee): reason + optional note, then the outcome (credited at
// once, or sent to staff review). Used on the billing page's fee list; the lead page can reuse it with a leadId.
import { useId, useState } from 'react'
import { useRouter } from 'next/navigation'
import { Button } from '@/components/ui/button'
import { Field, Select } from '@/components/ui/field'
import { Alert, ErrorNotice } from '@/components/ui/feedback'
import type { ActionError, ActionFn } from '@/lib/action-result'
import { formatCents } from '@/lib/billing/plans'
import {
  LEAD_DISPUTE_NOTE_MAX,
  LEAD_DISPUTE_REASONS,
  LEAD_DISPUTE_REASON_LABELS,
  type LeadDisputeReasonId,
} from '@/lib/billing/lead-dispute-schemas'

export type DisputeFeeFn = ActionFn<
  { orgSlug: string; dispute: { usageEventId?: string; leadId?: string; reason: LeadDisputeReasonId; note?: string } },
  { status: 'CREDITED' | 'OPEN'; creditCents: number; review: boolean }
>

export function DisputeFeeButton({
  orgSlug,
  usageEventId,
  leadId,
  what,
  dispute,
}: {
  orgSlug: string
  usageEventId?: string
  leadId?: string
  /** names the lead for screen readers ("123 Main St") */
  what: string
  dispute: DisputeFeeFn
}) {
  const router = useRouter()
  const id = useId()
  const [open, setOpen] = useState(false)
  const [reason, setReason] = useState<LeadDisputeReasonId | ''>('')
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const [fieldError, setFieldError] = useState<string | null>(null)
  const [error, setError] = useState<ActionError | null>(null)
  const [done, setDone] = useState<string | null>(null)

  if (done)
    return (
      <p className="text-xs font-medium text-emerald-800" role="status">
        {done}
      </p>
    )
  if (!open)
    return (
      <Button size="sm" variant="secondary" onClick={() => setOpen(true)} aria-label={`Dispute the fee for ${what}`}>
        Dispute fee…
      </Button>
    )

  const submit = async (e: React.FormEvent) => {
    e.preventDefault()
    setError(null)
    if (!reason) return setFieldError('Choose why this lead does not qualify')
    setFieldError(null)
    setBusy(true)
    const r = await dispute({
      orgSlug,
      dispute: { ...(usageEventId ? { usageEventId } : { leadId }), reason, note: note.trim() || undefined },
    })
    setBusy(false)
    if (!r.ok) return setError(r.error)
    setDone(
      r.data.status === 'CREDITED'
        ? `Credited ${formatCents({ cents: r.data.creditCents, alwaysCents: true })}.`
        : "Sent to staff review: this period's disputes passed 10 % of its quality leads.",
    )
    router.refresh()
  }

  return (
    <form onSubmit={submit} noValidate aria-label={`Dispute the fee for ${what}`} className="w-full min-w-64 space-y-2 text-left">
      <Field id={`${id}-reason`} label="Why does it not qualify?" error={fieldError ?? undefined}>
        <Select
          id={`${id}-reason`}
          value={reason}
          aria-invalid={!!fieldError}
          onChange={(e) => setReason(e.target.value as LeadDisputeReasonId | '')}
        >
          <option value="">Choose a reason</option>
          {LEAD_DISPUTE_REASONS.map((r) => (
            <option key={r} value={r}>
              {LEAD_DISPUTE_REASON_LABELS[r]}
            </option>
          ))}
        </Select>
      </Field>
      <div className="space-y-1">
        <label htmlFor={`${id}-note`} className="block text-sm font-medium text-slate-800">
          Note (optional)
        </label>
        <textarea
          id={`${id}-note`}
          value={note}
          maxLength={LEAD_DISPUTE_NOTE_MAX}
          rows={2}
          onChange={(e) => setNote(e.target.value)}
          className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-100"
        />
      </div>
      <div className="flex gap-2">
        <Button type="submit" size="sm" loading={busy}>
          Dispute fee
        </Button>
        <Button type="button" size="sm" variant="ghost" onClick={() => setOpen(false)}>
          Cancel
        </Button>
      </div>
      {error && <ErrorNotice error={error} />}
      {!error && <Alert tone="info">Fees disputed within the guarantee are credited to your next invoice.</Alert>}
    </form>
  )
}

'use client'
// Staff revenue console (STAFF_ADMIN): credit an organization's Stripe balance, refund a paid invoice. Dollars as
// typed → integer cents; validated with the use cases' own schemas before sending, and again on the server. Each
// form carries a request id (a new one after every success): a double submit or a retried request is ONE adjustment.
import { useId, useState } from 'react'
import { Button } from '@/components/ui/button'
import { Field, Input, Select } from '@/components/ui/field'
import { ErrorNotice } from '@/components/ui/feedback'
import type { ActionError, ActionFn } from '@/lib/action-result'
import {
  dollarsToCents,
  issueStaffCreditSchema,
  issueStaffRefundSchema,
  STAFF_ADJUSTMENT_NOTE_MAX,
  STAFF_ADJUSTMENT_REASON_LABELS,
  STAFF_ADJUSTMENT_REASONS,
  type IssueStaffCreditInput,
  type IssueStaffRefundInput,
  type StaffAdjustmentReason,
} from '@/lib/billing/staff-adjustment-schemas'

interface AdjustmentDone {
  adjustmentId: string
  amountCents: number
  sandbox: boolean
  stripeObjectId: string
}
type FieldErrors = Partial<Record<'orgId' | 'amount' | 'reason' | 'note', string>>

const usd = (cents: number) => `$${(cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`
const newRequestId = () => crypto.randomUUID()

function fieldErrorsOf(issues: { path: PropertyKey[]; message: string }[]): FieldErrors {
  const out: FieldErrors = {}
  for (const i of issues) {
    const key = String(i.path[0] ?? '')
    const f = key === 'amountCents' ? 'amount' : key
    if ((f === 'orgId' || f === 'amount' || f === 'reason' || f === 'note') && !out[f]) out[f] = i.message
  }
  return out
}

function ReasonAndNote({
  id,
  reason,
  setReason,
  note,
  setNote,
  errors,
}: {
  id: string
  reason: StaffAdjustmentReason | ''
  setReason: (r: StaffAdjustmentReason | '') => void
  note: string
  setNote: (n: string) => void
  errors: FieldErrors
}) {
  return (
    <>
      <Field id={`${id}-reason`} label="Reason" error={errors.reason}>
        <Select
          id={`${id}-reason`}
          value={reason}
          aria-invalid={!!errors.reason}
          aria-describedby={errors.reason ? `${id}-reason-error` : undefined}
          onChange={(e) => setReason(e.target.value as StaffAdjustmentReason | '')}
        >
          <option value="">Choose…</option>
          {STAFF_ADJUSTMENT_REASONS.map((r) => (
            <option key={r} value={r}>
              {STAFF_ADJUSTMENT_REASON_LABELS[r]}
            </option>
          ))}
        </Select>
      </Field>
      <div className="space-y-1 sm:col-span-2">
        <label htmlFor={`${id}-note`} className="block text-sm font-medium text-slate-800">
          Note (audit trail)
        </label>
        <textarea
          id={`${id}-note`}
          value={note}
          maxLength={STAFF_ADJUSTMENT_NOTE_MAX}
          rows={2}
          required
          aria-invalid={!!errors.note}
          aria-describedby={errors.note ? `${id}-note-error` : `${id}-note-hint`}
          onChange={(e) => setNote(e.target.value)}
          className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-100 aria-[invalid=true]:border-red-500"
        />
        {errors.note ? (
          <p id={`${id}-note-error`} role="alert" className="text-xs text-red-600">
            {errors.note}
          </p>
        ) : (
          <p id={`${id}-note-hint`} className="text-xs text-slate-500">
            1–{STAFF_ADJUSTMENT_NOTE_MAX} characters; kept with the audit row.
          </p>
        )}
      </div>
    </>
  )
}

function DoneNotice({ what, done, onAgain }: { what: string; done: AdjustmentDone; onAgain: () => void }) {
  return (
    <div role="status" className="space-y-2 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
      <p>
        {what} of {usd(done.amountCents)} done{done.sandbox ? ' (sandbox: recorded, nothing moved at Stripe)' : ''}.{' '}
        <span className="font-mono text-xs break-all">{done.stripeObjectId}</span>
      </p>
      <Button type="button" size="sm" variant="secondary" onClick={onAgain}>
        Issue another
      </Button>
    </div>
  )
}

export function StaffCreditForm({
  orgs,
  issue,
}: {
  orgs: { orgId: string; orgName: string; orgSlug: string; sandbox: boolean }[]
  issue: ActionFn<IssueStaffCreditInput, AdjustmentDone>
}) {
  const id = useId()
  const [orgId, setOrgId] = useState('')
  const [amount, setAmount] = useState('')
  const [reason, setReason] = useState<StaffAdjustmentReason | ''>('')
  const [note, setNote] = useState('')
  const [requestId, setRequestId] = useState(newRequestId)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [error, setError] = useState<ActionError | null>(null)
  const [busy, setBusy] = useState(false)
  const [done, setDone] = useState<AdjustmentDone | null>(null)

  if (done)
    return (
      <DoneNotice
        what="Credit"
        done={done}
        onAgain={() => {
          setDone(null)
          setAmount('')
          setNote('')
          setReason('')
          setRequestId(newRequestId())
        }}
      />
    )

  const submit = async (e: React.FormEvent) => {
    e.preventDefault()
    setError(null)
    const parsed = issueStaffCreditSchema.safeParse({ orgId, amountCents: dollarsToCents(amount), reason, note, requestId })
    if (!parsed.success) return setErrors(fieldErrorsOf(parsed.error.issues))
    setErrors({})
    setBusy(true)
    const r = await issue(parsed.data)
    setBusy(false)
    if (!r.ok) return setError(r.error)
    setDone(r.data)
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Credit an organization" className="grid gap-3 sm:grid-cols-2">
      <Field id={`${id}-org`} label="Organization" error={errors.orgId}>
        <Select
          id={`${id}-org`}
          value={orgId}
          aria-invalid={!!errors.orgId}
          aria-describedby={errors.orgId ? `${id}-org-error` : undefined}
          onChange={(e) => setOrgId(e.target.value)}
        >
          <option value="">Choose…</option>
          {orgs.map((o) => (
            <option key={o.orgId} value={o.orgId}>
              {o.orgName} (/{o.orgSlug}){o.sandbox ? ' — sandbox' : ''}
            </option>
          ))}
        </Select>
      </Field>
      <Field id={`${id}-amount`} label="Amount (USD)" hint="Up to $10,000.00" error={errors.amount}>
        <Input
          id={`${id}-amount`}
          inputMode="decimal"
          autoComplete="off"
          placeholder="25.00"
          value={amount}
          aria-invalid={!!errors.amount}
          aria-describedby={errors.amount ? `${id}-amount-error` : `${id}-amount-hint`}
          onChange={(e) => setAmount(e.target.value)}
        />
      </Field>
      <ReasonAndNote id={id} reason={reason} setReason={setReason} note={note} setNote={setNote} errors={errors} />
      <div className="sm:col-span-2">
        <Button type="submit" size="sm" loading={busy}>
          Credit
        </Button>
      </div>
      {error && (
        <div className="sm:col-span-2">
          <ErrorNotice error={error} />
        </div>
      )}
    </form>
  )
}

export function StaffRefundForm({
  invoiceId,
  invoiceLabel,
  refundableCents,
  issue,
}: {
  invoiceId: string
  invoiceLabel: string
  refundableCents: number
  issue: ActionFn<IssueStaffRefundInput, AdjustmentDone>
}) {
  const id = useId()
  const [amount, setAmount] = useState('')
  const [reason, setReason] = useState<StaffAdjustmentReason | ''>('')
  const [note, setNote] = useState('')
  const [requestId, setRequestId] = useState(newRequestId)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [error, setError] = useState<ActionError | null>(null)
  const [busy, setBusy] = useState(false)
  const [done, setDone] = useState<AdjustmentDone | null>(null)

  if (done)
    return (
      <DoneNotice
        what="Refund"
        done={done}
        onAgain={() => {
          setDone(null)
          setAmount('')
          setNote('')
          setReason('')
          setRequestId(newRequestId())
        }}
      />
    )

  const submit = async (e: React.FormEvent) => {
    e.preventDefault()
    setError(null)
    const amountCents = amount.trim() === '' ? undefined : dollarsToCents(amount)
    const parsed = issueStaffRefundSchema.safeParse({ invoiceId, amountCents, reason, note, requestId })
    const fieldErrors = parsed.success ? {} : fieldErrorsOf(parsed.error.issues)
    if (amountCents !== undefined && amountCents > refundableCents && !fieldErrors.amount)
      fieldErrors.amount = `At most ${usd(refundableCents)} can still be refunded`
    if (!parsed.success || Object.keys(fieldErrors).length) return setErrors(fieldErrors)
    setErrors({})
    setBusy(true)
    const r = await issue(parsed.data)
    setBusy(false)
    if (!r.ok) return setError(r.error)
    setDone(r.data)
  }

  return (
    <form onSubmit={submit} noValidate aria-label={`Refund invoice ${invoiceLabel}`} className="grid gap-3 sm:grid-cols-2">
      <Field id={`${id}-amount`} label="Amount (USD)" hint={`Leave empty for the full ${usd(refundableCents)} left`} error={errors.amount}>
        <Input
          id={`${id}-amount`}
          inputMode="decimal"
          autoComplete="off"
          placeholder={(refundableCents / 100).toFixed(2)}
          value={amount}
          aria-invalid={!!errors.amount}
          aria-describedby={errors.amount ? `${id}-amount-error` : `${id}-amount-hint`}
          onChange={(e) => setAmount(e.target.value)}
        />
      </Field>
      <ReasonAndNote id={id} reason={reason} setReason={setReason} note={note} setNote={setNote} errors={errors} />
      <div className="sm:col-span-2">
        <Button type="submit" size="sm" variant="secondary" loading={busy}>
          Refund
        </Button>
      </div>
      {error && (
        <div className="sm:col-span-2">
          <ErrorNotice error={error} />
        </div>
      )}
    </form>
  )
}

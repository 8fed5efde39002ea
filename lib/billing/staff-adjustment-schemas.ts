// Input of the staff credit and refund use cases (lib/billing/issue-staff-credit.ts, issue-staff-refund.ts,
// retry-staff-adjustment.ts): the same schemas for the staff console's forms, the server actions and the tests.
// Isomorphic (no server-only): the forms validate with them too. Money is integer cents.
import { z } from 'zod'

export const STAFF_ADJUSTMENT_REASONS = ['goodwill', 'service_issue', 'billing_error', 'other'] as const
export type StaffAdjustmentReason = (typeof STAFF_ADJUSTMENT_REASONS)[number]

export const STAFF_ADJUSTMENT_REASON_LABELS: Record<StaffAdjustmentReason, string> = {
  goodwill: 'Goodwill',
  service_issue: 'Service issue',
  billing_error: 'Billing error',
  other: 'Other',
}

/** $10,000: the most one staff credit gives (also a CHECK on billing_adjustments). */
export const STAFF_CREDIT_MAX_CENTS = 1_000_000
export const STAFF_ADJUSTMENT_NOTE_MAX = 500

const cents = (max?: number) => {
  const base = z.number({ error: 'Enter an amount in cents' }).int('Whole cents only').min(1, 'The amount must be at least 1 cent')
  return max === undefined ? base.max(Number.MAX_SAFE_INTEGER) : base.max(max, `At most $${(max / 100).toLocaleString('en-US')}`)
}
const reason = z.enum(STAFF_ADJUSTMENT_REASONS, { error: 'Choose a reason' })
const note = z
  .string({ error: 'Say why (the customer may see it in Stripe)' })
  .trim()
  .min(1, 'Say why (a short note for the audit trail)')
  .max(STAFF_ADJUSTMENT_NOTE_MAX, `At most ${STAFF_ADJUSTMENT_NOTE_MAX} characters`)
/** A client-made id for the row: the same submission twice (double click, a retried request) is one adjustment. */
const requestId = z.uuid().optional()

export const issueStaffCreditSchema = z.object({
  orgId: z.uuid({ error: 'Choose an organization' }),
  amountCents: cents(STAFF_CREDIT_MAX_CENTS),
  reason,
  note,
  requestId,
})
export type IssueStaffCreditInput = z.infer<typeof issueStaffCreditSchema>

export const issueStaffRefundSchema = z.object({
  invoiceId: z.string().trim().min(1).max(64),
  /** omitted: everything of the invoice not refunded yet */
  amountCents: cents().optional(),
  reason,
  note,
  requestId,
})
export type IssueStaffRefundInput = z.infer<typeof issueStaffRefundSchema>

export const retryStaffAdjustmentSchema = z.object({ adjustmentId: z.uuid() })
export type RetryStaffAdjustmentInput = z.infer<typeof retryStaffAdjustmentSchema>

/** "12.34" (dollars as typed in a form) → 1234 cents; anything else (letters, 3 decimals, negative) → NaN. */
export function dollarsToCents(text: string): number {
  const t = text.trim().replace(/^\$/, '').replace(/,/g, '')
  if (!/^\d+(\.\d{1,2})?$/.test(t)) return Number.NaN
  const [whole, frac = ''] = t.split('.')
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'))
}

// Input of the lead-quality guarantee use cases (lib/billing/dispute-lead-fee.ts, decide-lead-dispute.ts,
// lift-dispute-freeze.ts): the same schemas for the billing page's form, the lead page button, the staff console
// and the tests. Isomorphic (no server-only): the forms validate with them too.
import { z } from 'zod'

export const LEAD_DISPUTE_REASONS = ['WRONG_ADDRESS', 'NO_ROOF_VISIBLE', 'COMMERCIAL_PROPERTY', 'DUPLICATE'] as const
export type LeadDisputeReasonId = (typeof LEAD_DISPUTE_REASONS)[number]

export const LEAD_DISPUTE_REASON_LABELS: Record<LeadDisputeReasonId, string> = {
  WRONG_ADDRESS: 'Wrong address',
  NO_ROOF_VISIBLE: 'No roof visible',
  COMMERCIAL_PROPERTY: 'Commercial property',
  DUPLICATE: 'Duplicate',
}

export const LEAD_DISPUTE_NOTE_MAX = 1000

/** One fee, named by its ledger row (`usageEventId`) or by its lead (`leadId`): exactly one of them. */
export const disputeLeadFeeSchema = z
  .object({
    usageEventId: z.uuid().optional(),
    leadId: z.uuid().optional(),
    reason: z.enum(LEAD_DISPUTE_REASONS, { error: 'Choose why this lead does not qualify' }),
    note: z
      .string()
      .trim()
      .max(LEAD_DISPUTE_NOTE_MAX, `At most ${LEAD_DISPUTE_NOTE_MAX} characters`)
      .optional()
      .transform((v) => (v ? v : undefined)),
  })
  .refine((v) => (v.usageEventId ? 1 : 0) + (v.leadId ? 1 : 0) === 1, {
    message: 'Name the fee by its usage event or by its lead (one of them)',
    path: ['usageEventId'],
  })
export type DisputeLeadFeeInput = z.infer<typeof disputeLeadFeeSchema>

export const decideLeadDisputeSchema = z.object({
  disputeId: z.uuid(),
  decision: z.enum(['CREDIT', 'REJECT']),
  note: z.string().trim().max(LEAD_DISPUTE_NOTE_MAX).optional(),
})
export type DecideLeadDisputeInput = z.infer<typeof decideLeadDisputeSchema>

export const liftDisputeFreezeSchema = z.object({
  orgId: z.uuid(),
  note: z.string().trim().min(1, 'Say why the freeze is lifted').max(LEAD_DISPUTE_NOTE_MAX),
})
export type LiftDisputeFreezeInput = z.infer<typeof liftDisputeFreezeSchema>

// The quality-lead fee (PRODUCT §3): a lead scored ≥ 60 from LIVE data is billed once, when it first reaches ≥ 60,
// once per normalized address per org. Called by the scan pipeline's score stage (lib/scans/advance-scan-property.ts)
// inside the scoring transaction, so the fee and the score commit together: reserve (cap / trial allowance) then
// commit (ledger row + meter message). A refusal (QUOTA_EXCEEDED: SPEND_CAP or TRIAL_LIMIT) rolls the scoring
// back and fails the property with that reason; its stages are stored, so re-running failed properties after the
// cap is raised resumes at scoring with no new provider call. Sandbox data records a sandbox row (shown, never
// counted, never billed). The partial unique index "a quality lead once per normalized address per org (live
// only)" is the final guard: a conflict there means already billed, and the reservation is given back.
import 'server-only'
import type { Tx } from '@/lib/db'
import { QUALITY_LEAD_MIN_SCORE } from '@/lib/billing/plans'
import { reserveSpend } from '@/lib/billing/reserve-spend'
import { commitSpend } from '@/lib/billing/commit-spend'

export type RecordQualityLeadResult =
  | { status: 'below_threshold' | 'already_recorded' }
  | { status: 'recorded'; usageEventId: string; billable: boolean; free: boolean; sandbox: boolean; amountCents: number }

export const qualityLeadIdentifier = ({ leadId, sandbox }: { leadId: string; sandbox: boolean }) =>
  sandbox ? `sandbox:lead:${leadId}` : `lead:${leadId}`

/**
 * In the scoring transaction `tx` (call `prepareSpendWarnings()` before opening it). Throws QUOTA_EXCEEDED
 * (SPEND_CAP / TRIAL_LIMIT) or FORBIDDEN (BILLING_READ_ONLY / DISPUTE_FROZEN) when the fee may not be taken.
 */
export async function recordQualityLead({
  tx,
  orgId,
  leadId,
  normalizedAddress,
  score,
  sandbox,
  occurredAt,
}: {
  tx: Tx
  orgId: string
  leadId: string
  normalizedAddress: string
  score: number
  /** the score came from sandbox data (a sandbox scan, a sandbox assessment) */
  sandbox: boolean
  occurredAt?: Date
}): Promise<RecordQualityLeadResult> {
  if (score < QUALITY_LEAD_MIN_SCORE) return { status: 'below_threshold' }
  const identifier = qualityLeadIdentifier({ leadId, sandbox })
  // first time only: this lead's row, or (live) any quality-lead row for the address, means it was recorded before
  const seen = await tx.usageEvent.findFirst({
    where: sandbox
      ? { identifier }
      : { OR: [{ identifier }, { orgId, kind: 'QUALITY_LEAD', normalizedAddress, sandbox: false, creditOfId: null }] },
    select: { id: true },
  })
  if (seen) return { status: 'already_recorded' }
  const r = await reserveSpend({ tx, orgId, kind: 'QUALITY_LEAD', quantity: 1, identifier, sandbox })
  const c = await commitSpend({ tx, reservationId: r.reservationId, leadId, normalizedAddress, occurredAt })
  if (!c.usageEventId || c.duplicate) return { status: 'already_recorded' }
  return {
    status: 'recorded',
    usageEventId: c.usageEventId,
    billable: c.billable,
    free: r.free,
    sandbox: r.sandbox,
    amountCents: r.amountCents,
  }
}

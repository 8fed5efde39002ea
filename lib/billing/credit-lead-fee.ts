// The credit of one disputed quality-lead fee (the 30-day lead-quality guarantee), shared by the OWNER's dispute
// (credited at once while the period's dispute rate stays ≤ 10 %) and the staff decision on a reviewed dispute.
//
// In the caller's transaction: ONE negative ledger row (`credit:lead:<lead id>`, credit_of_id = the fee; the unique
// credit_of_id makes a second credit of the same fee impossible), the spend counter of the fee's period gives the
// amount back to the cap, the dispute becomes CREDITED, and — when the fee went to Stripe — ONE `billing.lead-credit`
// job is queued in the same transaction; it puts the money on the customer's Stripe balance with the idempotency key
// `credit:<usage event id>` (lib/billing/apply-lead-credit.ts), so a retried job never credits twice.
import 'server-only'
import type { Tx } from '@/lib/db'
import { enqueue } from '@/lib/jobs/enqueue'

export const LEAD_CREDIT_QUEUE = 'billing.lead-credit' as const

export interface DisputedFee {
  id: string
  orgId: string
  kind: 'QUALITY_LEAD'
  quantity: number
  unitCents: number
  amountCents: number
  leadId: string | null
  periodStart: Date
  sandbox: boolean
  free: boolean
  billable: boolean
}

export const creditIdentifier = (fee: Pick<DisputedFee, 'id' | 'leadId'>) => (fee.leadId ? `credit:lead:${fee.leadId}` : `credit:${fee.id}`)
export const stripeCreditIdempotencyKey = (usageEventId: string) => `credit:${usageEventId}`

/** Credits `fee` for dispute `disputeId` (OPEN or being created). Returns the credit row id. */
export async function creditLeadFee(
  tx: Tx,
  { fee, disputeId, decidedById, now }: { fee: DisputedFee; disputeId: string; decidedById: string | null; now: Date },
): Promise<{ creditEventId: string; stripeCreditQueued: boolean }> {
  const credit = await tx.usageEvent.create({
    data: {
      orgId: fee.orgId,
      kind: fee.kind,
      quantity: fee.quantity,
      unitCents: fee.unitCents,
      amountCents: -fee.amountCents,
      identifier: creditIdentifier(fee),
      leadId: fee.leadId,
      sandbox: fee.sandbox,
      free: fee.free,
      billable: false,
      creditOfId: fee.id,
      periodStart: fee.periodStart,
      occurredAt: now,
    },
    select: { id: true },
  })
  // the fee counted against its period's cap (not free, not sandbox): give it back, never below what is reserved
  if (!fee.free && !fee.sandbox && fee.amountCents > 0) {
    await tx.$executeRaw`
      UPDATE spend_counters
         SET used_cents = GREATEST(reserved_cents, used_cents - ${fee.amountCents}), updated_at = now()
       WHERE org_id = ${fee.orgId}::uuid AND period_start = ${fee.periodStart}`
  }
  await tx.leadDispute.update({
    where: { id: disputeId },
    data: { status: 'CREDITED', creditCents: fee.amountCents, decidedAt: now, decidedById },
    select: { id: true },
  })
  // only what Stripe billed is credited at Stripe (sandbox accounts and non-billable rows never reached it)
  if (fee.billable)
    await enqueue({ queue: LEAD_CREDIT_QUEUE, data: { disputeId, orgId: fee.orgId }, tx, options: { singletonKey: disputeId } })
  return { creditEventId: credit.id, stripeCreditQueued: fee.billable }
}

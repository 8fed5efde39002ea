// The 30-day lead-quality guarantee (PRODUCT §4): within 30 days of the first paid invoice the OWNER disputes one
// quality-lead fee (wrong address, no roof visible, commercial property, duplicate) and gets it credited at once —
// a negative ledger row plus a Stripe customer-balance credit (lib/billing/credit-lead-fee.ts). When the disputes
// of the fee's period pass 10 % of that period's quality leads, a new dispute stays OPEN for staff review
// (lib/billing/decide-lead-dispute.ts) and staff get one alert per org and period.
//
// billing.manage (OWNER). Another org's fee, a sandbox or unknown fee → NOT_FOUND; a free trial lead → NO_FEE;
// outside the window → GUARANTEE_EXPIRED; a fee disputed before → ALREADY_DISPUTED. The org's billing account row is
// locked for the transaction, so two disputes at once cannot both slip under the 10 % line.
import 'server-only'
import { db, type Tx } from '@/lib/db'
import { AppError, notFound } from '@/lib/errors'
import { writeAudit } from '@/lib/audit/write-audit'
import { assertCan, auditActorOf, userIdOf, type Actor } from '@/lib/auth/actor'
import { GUARANTEE_DAYS } from '@/lib/billing/entitlements'
import { creditLeadFee, LEAD_CREDIT_QUEUE, type DisputedFee } from '@/lib/billing/credit-lead-fee'
import type { LeadDisputeReasonId } from '@/lib/billing/lead-dispute-schemas'
import { prepareQueues } from '@/lib/jobs/enqueue'

/** Disputes above this share of a period's quality leads go to staff review instead of an instant credit. */
export const DISPUTE_REVIEW_PERCENT = 10

export interface LeadDisputeResult {
  disputeId: string
  usageEventId: string
  /** CREDITED at once, or OPEN for staff review */
  status: 'CREDITED' | 'OPEN'
  creditCents: number
  /** the dispute went to the staff review queue (the period's disputes passed 10 % of its quality leads) */
  review: boolean
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const DAY_MS = 86_400_000

export const disputeReviewAlertKey = (orgId: string, periodStart: Date) => `lead-disputes-review:${orgId}:${periodStart.toISOString()}`

async function findFee(tx: Tx, orgId: string, by: { usageEventId?: string; leadId?: string }) {
  // the fee itself (never a credit row), live data only; by lead: the lead's one quality-lead fee
  return tx.usageEvent.findFirst({
    where: {
      orgId,
      kind: 'QUALITY_LEAD',
      creditOfId: null,
      sandbox: false,
      ...(by.usageEventId ? { id: by.usageEventId } : { leadId: by.leadId }),
    },
    orderBy: { createdAt: 'asc' },
    select: {
      id: true,
      orgId: true,
      quantity: true,
      unitCents: true,
      amountCents: true,
      leadId: true,
      periodStart: true,
      sandbox: true,
      free: true,
      billable: true,
      dispute: { select: { id: true, status: true } },
    },
  })
}

/** `usageEventId` or `leadId` (exactly one), `reason`, `note`: parsed by disputeLeadFeeSchema at the edge. */
export async function disputeLeadFee({
  actor,
  usageEventId,
  leadId,
  reason,
  note,
  now = new Date(),
}: {
  actor: Actor
  usageEventId?: string
  leadId?: string
  reason: LeadDisputeReasonId
  note?: string
  now?: Date
}): Promise<LeadDisputeResult> {
  const orgId = assertCan(actor, 'billing.manage')
  const ref = usageEventId ?? leadId
  if ((usageEventId ? 1 : 0) + (leadId ? 1 : 0) !== 1)
    throw new AppError('VALIDATION_FAILED', 'Name the fee by its usage event or by its lead (one of them)')
  if (!ref || !UUID_RE.test(ref)) throw notFound('Quality-lead fee')
  await prepareQueues([LEAD_CREDIT_QUEUE])
  try {
    return await db.$transaction(async (tx) => {
      const [account] = await tx.$queryRaw<Array<{ first_paid_at: Date | null }>>`
        SELECT first_paid_at FROM billing_accounts WHERE org_id = ${orgId}::uuid FOR UPDATE`
      if (!account) throw notFound('Billing account')
      const fee = await findFee(tx, orgId, { usageEventId, leadId })
      if (!fee) throw notFound('Quality-lead fee')
      if (fee.free || fee.amountCents <= 0)
        throw new AppError('CONFLICT', 'This quality lead was free; there is no fee to dispute', { details: { reason: 'NO_FEE' } })
      if (fee.dispute)
        throw new AppError('CONFLICT', 'This lead fee was already disputed', {
          details: { reason: 'ALREADY_DISPUTED', disputeId: fee.dispute.id, status: fee.dispute.status },
        })
      const endsAt = account.first_paid_at ? new Date(account.first_paid_at.getTime() + GUARANTEE_DAYS * DAY_MS) : null
      if (!endsAt || now.getTime() > endsAt.getTime()) {
        throw new AppError(
          'FORBIDDEN',
          endsAt
            ? `The ${GUARANTEE_DAYS}-day lead-quality guarantee ended on ${endsAt.toISOString().slice(0, 10)}`
            : `The ${GUARANTEE_DAYS}-day lead-quality guarantee starts with your first paid invoice`,
          { details: { reason: 'GUARANTEE_EXPIRED', endsAt: endsAt?.toISOString() ?? null } },
        )
      }

      // the period's quality leads and the disputes already made on them (this one included)
      const [{ leads, disputes }] = await tx.$queryRaw<Array<{ leads: number; disputes: number }>>`
        SELECT count(*)::int AS leads, count(d.id)::int AS disputes
          FROM usage_events u LEFT JOIN lead_disputes d ON d.usage_event_id = u.id
         WHERE u.org_id = ${orgId}::uuid AND u.kind = 'QUALITY_LEAD' AND u.credit_of_id IS NULL AND NOT u.sandbox
           AND u.period_start = ${fee.periodStart}`
      const review = (disputes + 1) * 100 > leads * DISPUTE_REVIEW_PERCENT

      const dispute = await tx.leadDispute.create({
        data: { orgId, usageEventId: fee.id, leadId: fee.leadId, reason, note: note ?? null, createdById: userIdOf(actor) },
        select: { id: true },
      })
      const fact = { usageEventId: fee.id, leadId: fee.leadId, reason, amountCents: fee.amountCents, periodStart: fee.periodStart }
      if (review) {
        await tx.staffAlert.createMany({
          data: [
            {
              orgId,
              kind: 'lead_dispute_review',
              severity: 'warning',
              title: 'Lead disputes above 10 % of the period’s quality leads',
              body:
                `${disputes + 1} of ${leads} quality-lead fees of the period starting ${fee.periodStart.toISOString().slice(0, 10)} ` +
                'are disputed. New disputes wait for a decision in the review queue.',
              details: { periodStart: fee.periodStart.toISOString(), leads, disputes: disputes + 1 },
              dedupeKey: disputeReviewAlertKey(orgId, fee.periodStart),
            },
          ],
          skipDuplicates: true,
        })
        await writeAudit(tx, {
          orgId,
          actor: auditActorOf(actor),
          action: 'billing.lead_dispute.review',
          targetType: 'lead_dispute',
          targetId: dispute.id,
          after: { ...fact, status: 'OPEN', periodLeads: leads, periodDisputes: disputes + 1 },
        })
        return { disputeId: dispute.id, usageEventId: fee.id, status: 'OPEN' as const, creditCents: 0, review: true }
      }
      const disputedFee: DisputedFee = { ...fee, kind: 'QUALITY_LEAD' }
      const { creditEventId } = await creditLeadFee(tx, { fee: disputedFee, disputeId: dispute.id, decidedById: null, now })
      await writeAudit(tx, {
        orgId,
        actor: auditActorOf(actor),
        action: 'billing.lead_dispute.credited',
        targetType: 'lead_dispute',
        targetId: dispute.id,
        after: { ...fact, status: 'CREDITED', creditCents: fee.amountCents, creditEventId },
      })
      return { disputeId: dispute.id, usageEventId: fee.id, status: 'CREDITED' as const, creditCents: fee.amountCents, review: false }
    })
  } catch (err) {
    // two disputes of one fee at once: the unique usage_event_id (or credit_of_id) decides
    if ((err as { code?: string })?.code === 'P2002')
      throw new AppError('CONFLICT', 'This lead fee was already disputed', { details: { reason: 'ALREADY_DISPUTED' } })
    throw err
  }
}

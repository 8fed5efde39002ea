// Staff decide a lead dispute that went to review (the org's disputes passed 10 % of the period's quality leads):
// CREDIT gives the fee back exactly as an instant dispute does (lib/billing/credit-lead-fee.ts), REJECT closes it.
// STAFF_ADMIN only (staff.billing.adjust); audited with the staff member; a dispute decided before → CONFLICT
// REVIEW_DECIDED (two staff clicking at once decide it once: the row is locked). Cross-org by nature (staff).
import 'server-only'
import { db } from '@/lib/db'
import { AppError, notFound } from '@/lib/errors'
import { assertStaffCan, type Actor } from '@/lib/auth/actor'
import { writeStaffAudit } from '@/lib/audit/staff-audit'
import { creditLeadFee, LEAD_CREDIT_QUEUE } from '@/lib/billing/credit-lead-fee'
import type { DecideLeadDisputeInput } from '@/lib/billing/lead-dispute-schemas'
import { prepareQueues } from '@/lib/jobs/enqueue'

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export interface DecidedLeadDispute {
  disputeId: string
  orgId: string
  status: 'CREDITED' | 'REJECTED'
  creditCents: number
}

/** `disputeId`, `decision`, `note`: parsed by decideLeadDisputeSchema at the edge. */
export async function unsafeDecideLeadDispute({
  actor,
  disputeId,
  decision,
  note,
  now = new Date(),
}: { actor: Actor; now?: Date } & DecideLeadDisputeInput): Promise<DecidedLeadDispute> {
  const staff = assertStaffCan(actor, 'staff.billing.adjust')
  if (!UUID_RE.test(disputeId)) throw notFound('Lead dispute')
  await prepareQueues([LEAD_CREDIT_QUEUE])
  return db.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<Array<{ id: string; org_id: string; status: string }>>`
      SELECT id, org_id, status::text FROM lead_disputes WHERE id = ${disputeId}::uuid FOR UPDATE`
    if (!locked) throw notFound('Lead dispute')
    if (locked.status !== 'OPEN')
      throw new AppError('CONFLICT', 'This dispute was already decided', { details: { reason: 'REVIEW_DECIDED', status: locked.status } })
    const dispute = await tx.leadDispute.findUniqueOrThrow({
      where: { id: disputeId },
      select: {
        id: true,
        orgId: true,
        reason: true,
        usageEvent: {
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
          },
        },
      },
    })
    const fact = { usageEventId: dispute.usageEvent.id, leadId: dispute.usageEvent.leadId, reason: dispute.reason, note: note ?? null }
    if (decision === 'REJECT') {
      await tx.leadDispute.update({
        where: { id: disputeId },
        data: { status: 'REJECTED', decidedAt: now, decidedById: staff.userId },
        select: { id: true },
      })
      await writeStaffAudit(tx, {
        actor: staff,
        orgId: dispute.orgId,
        action: 'staff.billing.lead_dispute.reject',
        targetType: 'lead_dispute',
        targetId: disputeId,
        after: { ...fact, status: 'REJECTED' },
      })
      return { disputeId, orgId: dispute.orgId, status: 'REJECTED' as const, creditCents: 0 }
    }
    const fee = { ...dispute.usageEvent, kind: 'QUALITY_LEAD' as const }
    const { creditEventId } = await creditLeadFee(tx, { fee, disputeId, decidedById: staff.userId, now })
    await writeStaffAudit(tx, {
      actor: staff,
      orgId: dispute.orgId,
      action: 'staff.billing.lead_dispute.credit',
      targetType: 'lead_dispute',
      targetId: disputeId,
      after: { ...fact, status: 'CREDITED', creditCents: fee.amountCents, creditEventId },
    })
    return { disputeId, orgId: dispute.orgId, status: 'CREDITED' as const, creditCents: fee.amountCents }
  })
}

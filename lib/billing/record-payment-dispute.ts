// A card dispute (charge.dispute.*): re-read from Stripe, kept with its evidence (the usage ledger rows and the lead
// data of the disputed period, as they are now), billable work frozen (billing_accounts.dispute_frozen_at, read by
// assertBillableWorkAllowed) and staff alerted — once per dispute, however often the event arrives. Later events
// about the same dispute only update its status.
import 'server-only'
import { db } from '@/lib/db'
import { writeAudit } from '@/lib/audit/write-audit'
import { retrieveDispute } from '@/lib/external/stripe'
import type { Prisma } from '@/lib/generated/prisma/client'

const CLOSED = new Set(['won', 'lost', 'warning_closed'])
const EVIDENCE_ROWS = 5_000
const DAY_MS = 86_400_000

export async function recordPaymentDispute({ disputeId, eventId }: { disputeId: string; eventId?: string }): Promise<string> {
  const d = await retrieveDispute({ disputeId })
  const charge = typeof d.charge === 'string' ? null : d.charge
  const customerId = typeof charge?.customer === 'string' ? charge.customer : (charge?.customer?.id ?? null)
  const account = customerId
    ? await db.billingAccount.findUnique({ where: { stripeCustomerId: customerId }, select: { id: true, orgId: true, periodStart: true } })
    : null
  if (!account) return 'unknown customer'
  const closedAt = CLOSED.has(d.status) ? new Date() : null
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM billing_accounts WHERE id = ${account.id}::uuid FOR UPDATE`
    const existing = await tx.paymentDispute.findUnique({ where: { stripeDisputeId: d.id }, select: { id: true, status: true } })
    if (existing) {
      if (existing.status !== d.status)
        await tx.paymentDispute.update({
          where: { id: existing.id },
          data: { status: d.status, ...(closedAt ? { closedAt } : {}) },
          select: { id: true },
        })
      return `dispute ${d.status}`
    }
    // evidence: what was billed in the disputed period (and the 35 days before the dispute) and the leads behind it
    const since = new Date(Math.min(account.periodStart.getTime(), Date.now() - 35 * DAY_MS))
    const rows = await tx.usageEvent.findMany({
      where: { orgId: account.orgId, OR: [{ periodStart: account.periodStart }, { occurredAt: { gte: since } }] },
      orderBy: { occurredAt: 'asc' },
      take: EVIDENCE_ROWS,
      select: {
        id: true,
        kind: true,
        quantity: true,
        unitCents: true,
        amountCents: true,
        identifier: true,
        leadId: true,
        normalizedAddress: true,
        sandbox: true,
        free: true,
        billable: true,
        creditOfId: true,
        occurredAt: true,
      },
    })
    const leadIds = [...new Set(rows.map((r) => r.leadId).filter((x): x is string => !!x))]
    const leads = leadIds.length
      ? await tx.lead.findMany({
          where: { orgId: account.orgId, id: { in: leadIds } },
          select: {
            id: true,
            addressLine1: true,
            city: true,
            state: true,
            zip: true,
            score: true,
            band: true,
            scoreVersion: true,
            scoreBreakdown: true,
            createdAt: true,
          },
        })
      : []
    const evidence = JSON.parse(
      JSON.stringify({
        collectedAt: new Date(),
        periodStart: account.periodStart,
        ledger: rows,
        leads,
        truncated: rows.length >= EVIDENCE_ROWS,
      }),
    ) as Prisma.InputJsonValue
    const created = await tx.paymentDispute.create({
      data: {
        orgId: account.orgId,
        stripeDisputeId: d.id,
        chargeId: charge?.id ?? (typeof d.charge === 'string' ? d.charge : null),
        amountCents: d.amount,
        reason: d.reason?.slice(0, 64) ?? null,
        status: d.status,
        evidence,
        closedAt,
      },
      select: { id: true },
    })
    const frozen = await tx.billingAccount.updateMany({
      where: { id: account.id, disputeFrozenAt: null },
      data: { disputeFrozenAt: new Date() },
    })
    await tx.staffAlert.upsert({
      where: { dedupeKey: `payment-dispute:${d.id}` },
      update: {},
      create: {
        orgId: account.orgId,
        kind: 'payment_dispute',
        severity: 'critical',
        title: 'Card dispute: billable work frozen',
        body: `A ${(d.amount / 100).toFixed(2)} USD charge was disputed (${d.reason}). The organization's billable work is frozen until staff lift it; evidence (${rows.length} ledger rows, ${leads.length} leads) is stored with the dispute.`,
        details: { disputeId: d.id, paymentDisputeId: created.id, chargeId: charge?.id ?? null, amountCents: d.amount },
        dedupeKey: `payment-dispute:${d.id}`,
      },
      select: { id: true },
    })
    await writeAudit(tx, {
      orgId: account.orgId,
      actor: { type: 'SYSTEM' },
      action: 'billing.dispute.created',
      targetType: 'payment_dispute',
      targetId: created.id,
      after: { stripeDisputeId: d.id, amountCents: d.amount, reason: d.reason, frozen: frozen.count > 0, eventId },
    })
    return `dispute recorded, frozen`
  })
}

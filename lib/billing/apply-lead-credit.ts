// Job billing.lead-credit: puts a CREDITED lead dispute's amount on the customer's Stripe balance (the next invoice
// uses it first). Queued in the transaction that credited the ledger (lib/billing/credit-lead-fee.ts), so a
// committed credit always has its job. The Stripe call carries the idempotency key `credit:<usage event id>`: a
// retried job (crash after Stripe answered) gets Stripe's first answer back and never credits twice. Sandbox
// accounts and fees that never reached Stripe are skipped. Runs as the `billing` system actor of the dispute's org.
import 'server-only'
import { db } from '@/lib/db'
import { notFound } from '@/lib/errors'
import { writeAudit } from '@/lib/audit/write-audit'
import { assertCan, type Actor } from '@/lib/auth/actor'
import { stripeCreditIdempotencyKey } from '@/lib/billing/credit-lead-fee'
import { createCustomerCredit } from '@/lib/external/stripe'

export type ApplyLeadCreditResult =
  | { status: 'credited'; stripeTransactionId: string; sandbox: boolean }
  | { status: 'skipped'; reason: 'not_credited' | 'not_billed' | 'sandbox_account' | 'no_customer' }

export async function applyLeadCredit({ actor, disputeId }: { actor: Actor; disputeId: string }): Promise<ApplyLeadCreditResult> {
  const orgId = assertCan(actor, 'billing.read')
  const dispute = await db.leadDispute.findFirst({
    where: { id: disputeId, orgId },
    select: {
      id: true,
      status: true,
      creditCents: true,
      leadId: true,
      usageEvent: { select: { id: true, billable: true } },
      org: { select: { billingAccount: { select: { stripeCustomerId: true, sandbox: true } } } },
    },
  })
  if (!dispute) throw notFound('Lead dispute')
  if (dispute.status !== 'CREDITED' || dispute.creditCents <= 0) return { status: 'skipped', reason: 'not_credited' }
  if (!dispute.usageEvent.billable) return { status: 'skipped', reason: 'not_billed' }
  const account = dispute.org.billingAccount
  if (!account?.stripeCustomerId) return { status: 'skipped', reason: 'no_customer' }
  if (account.sandbox) return { status: 'skipped', reason: 'sandbox_account' }
  const idempotencyKey = stripeCreditIdempotencyKey(dispute.usageEvent.id)
  const t = await createCustomerCredit({
    customerId: account.stripeCustomerId,
    amountCents: dispute.creditCents,
    description: 'Lead-quality guarantee: disputed quality-lead fee credited',
    idempotencyKey,
    metadata: {
      org_id: orgId,
      lead_dispute_id: dispute.id,
      usage_event_id: dispute.usageEvent.id,
      ...(dispute.leadId ? { lead_id: dispute.leadId } : {}),
    },
  })
  await db.$transaction(async (tx) => {
    // one audit row per credit, even when a retried job reaches this line twice
    const seen = await tx.auditLog.findFirst({
      where: { orgId, action: 'billing.credit.applied', targetId: dispute.id },
      select: { id: true },
    })
    if (seen) return
    await writeAudit(tx, {
      orgId,
      actor: { type: 'SYSTEM' },
      action: 'billing.credit.applied',
      targetType: 'lead_dispute',
      targetId: dispute.id,
      after: { amountCents: dispute.creditCents, stripeTransactionId: t.id, idempotencyKey, sandbox: t.sandbox },
    })
  })
  return { status: 'credited', stripeTransactionId: t.id, sandbox: t.sandbox }
}

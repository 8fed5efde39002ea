// Re-reads an invoice from Stripe into billing_invoices (the billing page's list), records the first paid invoice
// (the lead-quality guarantee counts from it), then re-reads its subscription: a paid invoice makes it active again at
// once, a failed one past due (lib/billing/apply-subscription-state.ts maps it). Payloads are never trusted.
import 'server-only'
import { db } from '@/lib/db'
import { writeAudit } from '@/lib/audit/write-audit'
import { retrieveInvoice, type StripeInvoice } from '@/lib/external/stripe'
import type { ApplySource } from '@/lib/billing/apply-subscription-state'
import { syncSubscription } from '@/lib/billing/sync-subscription'

const fromUnix = (s: number | null | undefined) => (typeof s === 'number' && s > 0 ? new Date(s * 1000) : null)

export function subscriptionIdOfInvoice(inv: StripeInvoice): string | null {
  const legacy = (inv as unknown as { subscription?: string | { id: string } | null }).subscription
  const sub = inv.parent?.subscription_details?.subscription ?? legacy ?? null
  return typeof sub === 'string' ? sub : (sub?.id ?? null)
}

/** The fields of billing_invoices from a Stripe invoice. */
function rowOf(inv: StripeInvoice, orgId: string, readAt: Date) {
  const tax = (inv as unknown as { tax?: number | null }).tax ?? (inv.total_taxes ?? []).reduce((s, t) => s + (t.amount ?? 0), 0)
  return {
    orgId,
    number: inv.number ?? null,
    status: inv.status ?? 'draft',
    amountDueCents: inv.amount_due ?? 0,
    amountPaidCents: inv.amount_paid ?? 0,
    taxCents: tax ?? 0,
    currency: (inv.currency ?? 'usd').slice(0, 3),
    hostedInvoiceUrl: inv.hosted_invoice_url?.slice(0, 1000) ?? null,
    invoicePdfUrl: inv.invoice_pdf?.slice(0, 1000) ?? null,
    periodStart: fromUnix(inv.period_start),
    periodEnd: fromUnix(inv.period_end),
    attemptCount: inv.attempt_count ?? 0,
    nextAttemptAt: fromUnix(inv.next_payment_attempt),
    paidAt: fromUnix(inv.status_transitions?.paid_at),
    createdAt: fromUnix(inv.created) ?? readAt,
    syncedAt: readAt,
  }
}

export async function syncInvoice({ invoiceId, source }: { invoiceId: string; source: ApplySource }): Promise<string> {
  const readAt = new Date()
  const inv = await retrieveInvoice({ invoiceId })
  const customerId = typeof inv.customer === 'string' ? inv.customer : (inv.customer?.id ?? null)
  const account = customerId
    ? await db.billingAccount.findUnique({ where: { stripeCustomerId: customerId }, select: { id: true, orgId: true, firstPaidAt: true } })
    : null
  const subscriptionId = subscriptionIdOfInvoice(inv)
  if (!account) {
    // the first invoice of a checkout can arrive before the subscription names the org: the subscription decides
    return subscriptionId ? `invoice of unknown customer; ${await syncSubscription({ subscriptionId, source })}` : 'unknown customer'
  }
  const row = rowOf(inv, account.orgId, readAt)
  await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM billing_accounts WHERE id = ${account.id}::uuid FOR UPDATE`
    const existing = await tx.billingInvoice.findUnique({ where: { id: inv.id }, select: { status: true, syncedAt: true } })
    if (existing && existing.syncedAt.getTime() > readAt.getTime()) return // a newer read is already stored
    if (existing) await tx.billingInvoice.update({ where: { id: inv.id }, data: row, select: { id: true } })
    else await tx.billingInvoice.create({ data: { id: inv.id, ...row }, select: { id: true } })
    if (row.status === 'paid' && row.amountPaidCents > 0 && row.paidAt) {
      const acct = await tx.billingAccount.findUniqueOrThrow({ where: { id: account.id }, select: { firstPaidAt: true } })
      if (!acct.firstPaidAt || acct.firstPaidAt > row.paidAt)
        await tx.billingAccount.update({ where: { id: account.id }, data: { firstPaidAt: row.paidAt }, select: { id: true } })
    }
    if (existing?.status !== row.status)
      await writeAudit(tx, {
        orgId: account.orgId,
        actor: { type: 'SYSTEM' },
        action: 'billing.invoice.synced',
        targetType: 'billing_invoice',
        targetId: inv.id,
        before: existing ? { status: existing.status } : null,
        after: {
          status: row.status,
          number: row.number,
          amountDueCents: row.amountDueCents,
          amountPaidCents: row.amountPaidCents,
          attemptCount: row.attemptCount,
          ...(source.kind === 'webhook' ? { eventId: source.eventId } : { source: source.kind }),
        },
      })
  })
  const note = `invoice ${row.status}`
  return subscriptionId ? `${note}; ${await syncSubscription({ subscriptionId, source })}` : note
}

// Re-reads a subscription from Stripe and applies what Stripe says NOW (never the event payload), so duplicate,
// out-of-order and stale events all converge. Used by webhook processing, the dunning clock and plan changes.
import 'server-only'
import { z } from 'zod'
import { db } from '@/lib/db'
import { retrieveInvoice, retrieveSubscription, type StripeSubscription, type StripeSubscriptionItem } from '@/lib/external/stripe'
import { prepareQueues } from '@/lib/jobs/enqueue'
import { applySubscriptionState, type ApplySource, type SubscriptionSnapshot } from '@/lib/billing/apply-subscription-state'
import { isPaidPlan, planForPrices, type PaidPlanId } from '@/lib/billing/stripe-prices'

const uuid = z.uuid()
const fromUnix = (s: number | null | undefined) => (typeof s === 'number' && s > 0 ? new Date(s * 1000) : null)
const idOf = (v: string | { id: string } | null | undefined) => (typeof v === 'string' ? v : (v?.id ?? null))

/** Subscription metadata we write: the org, and a downgrade waiting for the period end. */
export const SUB_META = { orgId: 'org_id', downgradeFrom: 'fm_downgrade_from', downgradeAt: 'fm_downgrade_at' } as const

/** What we keep of a Stripe subscription (the price that is not metered is the plan's). */
export function snapshotOf(
  sub: StripeSubscription,
  readAt: Date,
  extra: { pastDueSince?: Date | null; sandbox?: boolean } = {},
): SubscriptionSnapshot {
  const items = sub.items?.data ?? []
  const flat = items.find((i) => (i.price as { recurring?: { usage_type?: string } })?.recurring?.usage_type !== 'metered') ?? items[0]
  const item = flat as (StripeSubscriptionItem & { current_period_start?: number; current_period_end?: number }) | undefined
  const legacy = sub as unknown as { current_period_start?: number; current_period_end?: number }
  const meta = (sub.metadata ?? {}) as Record<string, string>
  const from = meta[SUB_META.downgradeFrom]
  return {
    subscriptionId: sub.id,
    customerId: idOf(sub.customer as string | { id: string }),
    status: sub.status,
    priceId: item?.price?.id ?? null,
    plan: planForPrices(items.map((i) => i.price?.id)),
    currentPeriodStart: fromUnix(item?.current_period_start ?? legacy.current_period_start),
    currentPeriodEnd: fromUnix(item?.current_period_end ?? legacy.current_period_end),
    cancelAtPeriodEnd: !!sub.cancel_at_period_end,
    canceledAt: fromUnix(sub.canceled_at ?? sub.ended_at),
    downgradeFrom: from && isPaidPlan(from) ? (from as PaidPlanId) : null,
    downgradeAt: fromUnix(Number(meta[SUB_META.downgradeAt]) || null),
    pastDueSince: extra.pastDueSince ?? null,
    readAt,
    sandbox: extra.sandbox ?? false,
  }
}

/** Reads the subscription (and, when it is past due, its unpaid latest invoice for the dunning start) from Stripe. */
export async function readSubscriptionSnapshot(subscriptionId: string): Promise<SubscriptionSnapshot & { orgHint: string | null }> {
  const readAt = new Date()
  const sub = await retrieveSubscription({ subscriptionId })
  let pastDueSince: Date | null = null
  const latest = idOf(sub.latest_invoice as string | { id: string } | null)
  if ((sub.status === 'past_due' || sub.status === 'unpaid') && latest) {
    const inv = await retrieveInvoice({ invoiceId: latest })
    pastDueSince = fromUnix(inv.created)
  }
  const meta = (sub.metadata ?? {}) as Record<string, string>
  return { ...snapshotOf(sub, readAt, { pastDueSince }), orgHint: meta[SUB_META.orgId] ?? null }
}

/** Re-reads `subscriptionId` and applies it to the org whose Stripe customer it belongs to (or, for the first event
 *  of a checkout, the org named in its metadata / the session's client_reference_id). Returns a note for logs. */
export async function syncSubscription({
  subscriptionId,
  orgHint = null,
  source,
}: {
  subscriptionId: string
  orgHint?: string | null
  source: ApplySource
}): Promise<string> {
  await prepareQueues(['billing.dunning'])
  const snap = await readSubscriptionSnapshot(subscriptionId)
  let account = snap.customerId
    ? await db.billingAccount.findUnique({ where: { stripeCustomerId: snap.customerId }, select: { orgId: true } })
    : null
  if (!account) {
    const hint = [snap.orgHint, orgHint].find((h) => h && uuid.safeParse(h).success)
    if (hint) {
      const byOrg = await db.billingAccount.findUnique({ where: { orgId: hint }, select: { orgId: true, stripeCustomerId: true } })
      // only an org with no Stripe customer yet (or this one) may adopt it
      if (byOrg && (!byOrg.stripeCustomerId || byOrg.stripeCustomerId === snap.customerId)) account = byOrg
    }
  }
  if (!account) return 'unknown customer'
  const r = await db.$transaction((tx) => applySubscriptionState({ tx, orgId: account.orgId, snapshot: snap, source }))
  return r.outcome === 'applied' ? `synced ${snap.status} → ${r.state} ${r.plan}` : r.outcome
}

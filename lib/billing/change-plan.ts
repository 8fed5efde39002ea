// Plan changes on an existing subscription (OWNER). Upgrade: immediate and prorated (`create_prorations`).
// Downgrade: the new flat price goes on the subscription with no proration (the next renewal bills it) and the
// subscription's metadata records the plan paid for until the period end, so applySubscriptionState keeps that
// plan until then and shows `pendingPlan`; data over the new plan's limits becomes read-only, never deleted.
// Choosing the current plan while a downgrade is pending cancels the downgrade. Entitlements change only when the
// webhook that follows is processed (sandbox: applied here through the same applySubscriptionState).
import 'server-only'
import { db } from '@/lib/db'
import { assertCan, auditActorOf, type Actor } from '@/lib/auth/actor'
import { writeAudit } from '@/lib/audit/write-audit'
import { AppError } from '@/lib/errors'
import {
  retrieveSubscription,
  updateSubscription,
  type StripeSubscriptionItem,
  type StripeSubscriptionUpdateParams,
} from '@/lib/external/stripe'
import { applySubscriptionState } from '@/lib/billing/apply-subscription-state'
import { hasLiveSubscription, hasSandboxSubscription, loadAccount, parsePaidPlan, planRank } from '@/lib/billing/billing-account'
import { changedSandboxSnapshot } from '@/lib/billing/sandbox-subscription'
import { pricesForPlan, type PaidPlanId } from '@/lib/billing/stripe-prices'
import { SUB_META } from '@/lib/billing/sync-subscription'

export interface PlanChange {
  plan: PaidPlanId
  kind: 'upgrade' | 'downgrade' | 'downgrade_canceled'
  /** when the new plan takes effect (null = now) */
  effectiveAt: Date | null
  /** true while the change waits for Stripe's webhook (live); false when already applied (sandbox) */
  pending: boolean
  sandbox: boolean
}

const isMetered = (i: StripeSubscriptionItem) => (i.price as { recurring?: { usage_type?: string } }).recurring?.usage_type === 'metered'

export async function changePlan({
  actor,
  plan: rawPlan,
  now = new Date(),
}: {
  actor: Actor
  plan: PaidPlanId
  now?: Date
}): Promise<PlanChange> {
  const orgId = assertCan(actor, 'billing.manage')
  const target = parsePaidPlan(rawPlan)
  const account = await loadAccount(orgId)
  const live = hasLiveSubscription(account)
  if (!live && !hasSandboxSubscription(account))
    throw new AppError('CONFLICT', 'There is no subscription to change: choose a plan first', { details: { reason: 'NO_SUBSCRIPTION' } })
  if (account.state === 'READ_ONLY')
    throw new AppError('FORBIDDEN', 'Update your card first: the account is read-only until the invoice is paid', {
      details: { reason: 'BILLING_READ_ONLY' },
    })
  const current = account.org.plan
  if (target === (account.pendingPlan ?? current))
    throw new AppError('CONFLICT', `The ${target.toLowerCase()} plan is already your plan`, {
      details: { reason: 'PLAN_UNCHANGED', plan: target },
    })
  const kind: PlanChange['kind'] =
    target === current ? 'downgrade_canceled' : planRank(target) > planRank(current) ? 'upgrade' : 'downgrade'
  const periodEnd = account.currentPeriodEnd ?? account.periodEnd
  const effectiveAt = kind === 'downgrade' ? periodEnd : null

  if (live) {
    const sub = await retrieveSubscription({ subscriptionId: account.stripeSubscriptionId! })
    const flat = sub.items.data.find((i) => !isMetered(i)) ?? sub.items.data[0]
    const metered = sub.items.data.find((i) => i !== flat && isMetered(i))
    if (!flat) throw new AppError('CONFLICT', 'The subscription has no plan item', { details: { reason: 'NO_SUBSCRIPTION' } })
    const prices = pricesForPlan(target)
    const params: StripeSubscriptionUpdateParams =
      kind === 'downgrade'
        ? {
            // the metered price stays until the period end (its usage is billed at the plan it was recorded on)
            items: [{ id: flat.id, price: prices.priceId }],
            proration_behavior: 'none',
            metadata: { [SUB_META.downgradeFrom]: current, [SUB_META.downgradeAt]: String(Math.floor(periodEnd.getTime() / 1000)) },
          }
        : {
            items: [{ id: flat.id, price: prices.priceId }, ...(metered ? [{ id: metered.id, price: prices.meteredPriceId }] : [])],
            proration_behavior: kind === 'upgrade' ? 'create_prorations' : 'none',
            metadata: { [SUB_META.downgradeFrom]: '', [SUB_META.downgradeAt]: '' },
          }
    await updateSubscription({ subscriptionId: sub.id, params })
    await db.$transaction((tx) =>
      writeAudit(tx, {
        orgId,
        actor: auditActorOf(actor),
        action: 'billing.plan.change_requested',
        before: { plan: current, pendingPlan: account.pendingPlan },
        after: { plan: target, kind, effectiveAt, sandbox: false },
      }),
    )
    return { plan: target, kind, effectiveAt, pending: true, sandbox: false }
  }

  const snapshot = changedSandboxSnapshot(
    account,
    kind === 'downgrade'
      ? { plan: target, downgradeFrom: current as PaidPlanId, downgradeAt: periodEnd }
      : { plan: target, downgradeFrom: null, downgradeAt: null },
    now,
  )
  await db.$transaction(async (tx) => {
    await writeAudit(tx, {
      orgId,
      actor: auditActorOf(actor),
      action: 'billing.plan.change_requested',
      before: { plan: current, pendingPlan: account.pendingPlan },
      after: { plan: target, kind, effectiveAt, sandbox: true },
    })
    await applySubscriptionState({ tx, orgId, snapshot, source: { kind: 'sandbox_change' }, actor: auditActorOf(actor), now })
  })
  return { plan: target, kind, effectiveAt, pending: false, sandbox: true }
}

/** After a downgrade's period end: moves the metered item to the new plan's metered price and clears the
 *  downgrade metadata (the dunning/period job calls it; idempotent). Returns whether Stripe was changed. */
export async function finishDowngrade({ subscriptionId, now = new Date() }: { subscriptionId: string; now?: Date }): Promise<boolean> {
  const sub = await retrieveSubscription({ subscriptionId })
  const meta = (sub.metadata ?? {}) as Record<string, string>
  const at = Number(meta[SUB_META.downgradeAt])
  if (!meta[SUB_META.downgradeFrom] || !at || at * 1000 > now.getTime()) return false
  const flat = sub.items.data.find((i) => !isMetered(i))
  const metered = sub.items.data.find((i) => isMetered(i))
  const { planForPrice } = await import('@/lib/billing/stripe-prices')
  const plan = planForPrice(flat?.price?.id)
  const items = plan && metered ? [{ id: metered.id, price: pricesForPlan(plan).meteredPriceId }] : []
  await updateSubscription({
    subscriptionId,
    params: {
      ...(items.length ? { items, proration_behavior: 'none' as const } : {}),
      metadata: { [SUB_META.downgradeFrom]: '', [SUB_META.downgradeAt]: '' },
    },
    idempotencyKey: `finish-downgrade:${subscriptionId}:${at}`,
  })
  return true
}

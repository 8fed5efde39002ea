// The sandbox's stand-in for a Stripe subscription (Stripe not live): a snapshot made here instead of re-read from
// Stripe, applied through the same applySubscriptionState, always flagged sandbox (never billed, labelled).
import 'server-only'
import type { SubscriptionSnapshot } from '@/lib/billing/apply-subscription-state'
import { addMonthsUtc } from '@/lib/billing/period'
import type { LoadedAccount } from '@/lib/billing/billing-account'
import type { PaidPlanId } from '@/lib/billing/stripe-prices'

export const sandboxSubscriptionId = (orgId: string) => `sandbox_sub_${orgId}`
export const sandboxPriceId = (plan: PaidPlanId) => `sandbox_price_${plan.toLowerCase()}`

/** A new sandbox subscription on `plan`, one month from `now`. */
export function newSandboxSnapshot({ orgId, plan, now }: { orgId: string; plan: PaidPlanId; now: Date }): SubscriptionSnapshot {
  return {
    subscriptionId: sandboxSubscriptionId(orgId),
    customerId: null,
    status: 'active',
    priceId: sandboxPriceId(plan),
    plan,
    currentPeriodStart: now,
    currentPeriodEnd: addMonthsUtc(now, 1),
    cancelAtPeriodEnd: false,
    canceledAt: null,
    downgradeFrom: null,
    downgradeAt: null,
    pastDueSince: null,
    readAt: now,
    sandbox: true,
  }
}

/** The account's current sandbox subscription with `change` applied. */
export function changedSandboxSnapshot(
  a: LoadedAccount,
  change: Partial<Pick<SubscriptionSnapshot, 'plan' | 'cancelAtPeriodEnd' | 'downgradeFrom' | 'downgradeAt' | 'status' | 'canceledAt'>>,
  now: Date,
): SubscriptionSnapshot {
  const plan = change.plan ?? a.pendingPlan ?? a.org.plan
  const paid: PaidPlanId = plan === 'TRIAL' ? 'PROFESSIONAL' : plan
  const pendingDowngrade = a.pendingPlan ? { downgradeFrom: a.org.plan as PaidPlanId, downgradeAt: a.currentPeriodEnd } : {}
  return {
    subscriptionId: a.stripeSubscriptionId ?? sandboxSubscriptionId(a.orgId),
    customerId: null,
    status: a.status ?? 'active',
    priceId: sandboxPriceId(paid),
    plan: paid,
    currentPeriodStart: a.periodStart,
    currentPeriodEnd: a.currentPeriodEnd ?? a.periodEnd,
    cancelAtPeriodEnd: a.cancelAtPeriodEnd,
    canceledAt: null,
    downgradeFrom: null,
    downgradeAt: null,
    ...pendingDowngrade,
    pastDueSince: null,
    readAt: now,
    sandbox: true,
    ...change,
  }
}

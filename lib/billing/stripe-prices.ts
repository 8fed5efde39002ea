// Plan ⇄ Stripe price ids, from the environment (STRIPE_PRICE_<PLAN> = the monthly plan price, STRIPE_PRICE_<PLAN>_LEADS
// = its metered per-quality-lead price). The one place that knows which Stripe price is which plan.
import 'server-only'
import { AppError } from '@/lib/errors'
import { providerEnv } from '@/lib/external/config'
import type { PlanId } from '@/lib/billing/plans'

export type PaidPlanId = Exclude<PlanId, 'TRIAL'>
export const PAID_PLANS: readonly PaidPlanId[] = ['PROFESSIONAL', 'ENTERPRISE']

export interface PlanPrices {
  /** the flat monthly price */
  priceId: string
  /** the metered quality-lead price (billed from meter events) */
  meteredPriceId: string
}

function configured(): Record<PaidPlanId, Partial<PlanPrices>> {
  const e = providerEnv()
  return {
    PROFESSIONAL: { priceId: e.STRIPE_PRICE_PROFESSIONAL, meteredPriceId: e.STRIPE_PRICE_PROFESSIONAL_LEADS },
    ENTERPRISE: { priceId: e.STRIPE_PRICE_ENTERPRISE, meteredPriceId: e.STRIPE_PRICE_ENTERPRISE_LEADS },
  }
}

/** The Stripe prices of a paid plan; UPSTREAM_UNAVAILABLE when they are not configured (checkout cannot start). */
export function pricesForPlan(plan: PaidPlanId): PlanPrices {
  const p = configured()[plan]
  if (!p.priceId || !p.meteredPriceId)
    throw new AppError('UPSTREAM_UNAVAILABLE', `Stripe prices for the ${plan} plan are not configured`, {
      details: { provider: 'stripe', missing: [`STRIPE_PRICE_${plan}`, `STRIPE_PRICE_${plan}_LEADS`] },
    })
  return { priceId: p.priceId, meteredPriceId: p.meteredPriceId }
}

/** The paid plan a Stripe price (flat or metered) belongs to, or null for a price we do not know. */
export function planForPrice(priceId: string | null | undefined): PaidPlanId | null {
  if (!priceId) return null
  const all = configured()
  return PAID_PLANS.find((plan) => all[plan].priceId === priceId || all[plan].meteredPriceId === priceId) ?? null
}

/** The plan of a subscription from its items' prices (the flat price decides; a metered one alone also counts). */
export function planForPrices(priceIds: ReadonlyArray<string | null | undefined>): PaidPlanId | null {
  const all = configured()
  const flat = PAID_PLANS.find((plan) => priceIds.some((id) => id && all[plan].priceId === id))
  return flat ?? priceIds.map((id) => planForPrice(id)).find((p) => p !== null) ?? null
}

export function isPaidPlan(plan: string): plan is PaidPlanId {
  return (PAID_PLANS as readonly string[]).includes(plan)
}

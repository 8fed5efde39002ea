// Plan changes through Stripe: upgrade immediate and prorated; downgrade waits for the period end (the paid plan
// stays, pendingPlan shows the next one); cancel at the period end (data kept 90 days) and reactivate. Entitlements
// move only when the webhooks that follow are processed. Sandbox subscriptions change through the same state code.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { changePlan } from '@/lib/billing/change-plan'
import { cancelSubscription } from '@/lib/billing/cancel-subscription'
import { reactivateSubscription } from '@/lib/billing/reactivate-subscription'
import { completeSandboxCheckout } from '@/lib/billing/complete-sandbox-checkout'
import { startCheckout } from '@/lib/billing/start-checkout'
import { SIMULATOR_PRICE_IDS } from '@/tests/fakes/stripe-fake'
import {
  account,
  memberOf,
  orgWithMember,
  settle,
  startBillingStripe,
  setLiveStripeEnv,
  setSandboxStripeEnv,
  type BillingStripe,
  subscribedOrg as subscribedOrgOn,
} from '@/tests/integration/billing/stripe-harness'

const DAY = 86_400_000
let s: BillingStripe
beforeAll(async () => {
  s = await startBillingStripe({ duplicateRate: 0.2, reorder: true, seed: 3 })
})
afterAll(() => s?.stop())
beforeEach(() => {
  setLiveStripeEnv(s.fake, s.secret)
  s.fake.configureWebhooks(s.webhooks)
})

const subscribedOrg = (plan: 'PROFESSIONAL' | 'ENTERPRISE') => subscribedOrgOn(s.fake, plan)

describe('plan changes (Stripe)', () => {
  it('upgrade: immediate, prorated, applied from the webhook', async () => {
    const { org, actor, subscriptionId } = await subscribedOrg('PROFESSIONAL')
    const r = await changePlan({ actor, plan: 'ENTERPRISE' })
    expect(r).toMatchObject({ kind: 'upgrade', effectiveAt: null, pending: true })
    const sub = s.fake.subscriptions.get(subscriptionId)!
    expect([sub.priceId, sub.meteredPriceId]).toEqual([SIMULATOR_PRICE_IDS.ENTERPRISE, SIMULATOR_PRICE_IDS.ENTERPRISE_LEADS])
    const upgradeRequest = s.fake.requests.find((q) => q.method === 'POST' && q.path === `/v1/subscriptions/${subscriptionId}`)!
    expect(upgradeRequest.body).toMatchObject({ proration_behavior: 'create_prorations' })
    await settle(s.fake)
    expect(await account(org.id)).toMatchObject({ state: 'ACTIVE', pendingPlan: null, spendCapCents: 200_000, org: { plan: 'ENTERPRISE' } })
    await expect(changePlan({ actor, plan: 'ENTERPRISE' })).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { reason: 'PLAN_UNCHANGED' },
    })
  })

  it('downgrade: the paid plan stays until the period end, pendingPlan shows the next; choosing it again cancels the downgrade', async () => {
    const { org, actor, subscriptionId } = await subscribedOrg('ENTERPRISE')
    const end = (await account(org.id)).currentPeriodEnd!
    const r = await changePlan({ actor, plan: 'PROFESSIONAL' })
    expect(r).toMatchObject({ kind: 'downgrade', effectiveAt: end, pending: true })
    await settle(s.fake)
    expect(await account(org.id)).toMatchObject({ pendingPlan: 'PROFESSIONAL', org: { plan: 'ENTERPRISE' } })
    expect(s.fake.subscriptions.get(subscriptionId)!.priceId).toBe(SIMULATOR_PRICE_IDS.PROFESSIONAL)

    expect(await changePlan({ actor, plan: 'ENTERPRISE' })).toMatchObject({ kind: 'downgrade_canceled' })
    await settle(s.fake)
    expect(await account(org.id)).toMatchObject({ pendingPlan: null, org: { plan: 'ENTERPRISE' } })

    // downgrade again and let the period end: the renewal bills the lower plan and the plan follows
    await changePlan({ actor, plan: 'PROFESSIONAL' })
    await settle(s.fake)
    const shift = Math.ceil((end.getTime() - Date.now()) / 1000) + 60
    s.fake.advanceClock(shift)
    const sub = s.fake.subscriptions.get(subscriptionId)!
    sub.metadata = { ...sub.metadata, fm_downgrade_at: String(Math.floor(Date.now() / 1000) - 1) } // the period end has passed
    await s.fake.renewSubscription(subscriptionId)
    await settle(s.fake)
    s.fake.advanceClock(-shift)
    expect(await account(org.id)).toMatchObject({ pendingPlan: null, state: 'ACTIVE', org: { plan: 'PROFESSIONAL' } })
    const renewal = [...s.fake.invoices.values()].find(
      (i) => i.subscription === subscriptionId && i.billingReason === 'subscription_cycle',
    )!
    expect(renewal.lines[0]).toMatchObject({ amount: 29_900 })
  })

  it('cancel at the period end keeps the data 90 days; reactivate undoes it; the period end cancels for real', async () => {
    const { org, actor, subscriptionId } = await subscribedOrg('PROFESSIONAL')
    const end = (await account(org.id)).currentPeriodEnd!
    const c = await cancelSubscription({ actor })
    expect(c).toMatchObject({ endsAt: end, pending: true })
    expect(c.dataRetainedUntil.getTime() - end.getTime()).toBe(90 * DAY)
    await settle(s.fake)
    const a = await account(org.id)
    expect(a).toMatchObject({ cancelAtPeriodEnd: true, state: 'ACTIVE', org: { plan: 'PROFESSIONAL' } })
    expect(a.dataRetainedUntil!.getTime()).toBe(end.getTime() + 90 * DAY)

    await reactivateSubscription({ actor })
    await settle(s.fake)
    expect(await account(org.id)).toMatchObject({ cancelAtPeriodEnd: false, dataRetainedUntil: null })
    await expect(reactivateSubscription({ actor })).rejects.toMatchObject({ details: { reason: 'NOT_CANCELING' } })

    await cancelSubscription({ actor })
    await settle(s.fake)
    await s.fake.renewSubscription(subscriptionId) // the period ends
    await settle(s.fake)
    const ended = await account(org.id)
    expect(ended).toMatchObject({ state: 'CANCELED', status: 'canceled', org: { plan: 'PROFESSIONAL' } })
    expect(ended.dataRetainedUntil!.getTime() - ended.canceledAt!.getTime()).toBe(90 * DAY)
    await expect(reactivateSubscription({ actor })).rejects.toMatchObject({ details: { reason: 'NO_SUBSCRIPTION' } })
    // subscribing again is a new checkout
    expect((await startCheckout({ actor, plan: 'PROFESSIONAL' })).url).toContain('/checkout/')
  })

  it('only the OWNER changes or cancels; no subscription → NO_SUBSCRIPTION', async () => {
    const { org, actor } = await orgWithMember('OWNER')
    await expect(changePlan({ actor, plan: 'ENTERPRISE' })).rejects.toMatchObject({ details: { reason: 'NO_SUBSCRIPTION' } })
    await expect(cancelSubscription({ actor })).rejects.toMatchObject({ details: { reason: 'NO_SUBSCRIPTION' } })
    const admin = await memberOf(org.id, 'ADMIN')
    await expect(changePlan({ actor: admin, plan: 'ENTERPRISE' })).rejects.toMatchObject({ code: 'FORBIDDEN' })
    await expect(cancelSubscription({ actor: admin })).rejects.toMatchObject({ code: 'FORBIDDEN' })
  })
})

describe('plan changes (sandbox)', () => {
  it('upgrade, downgrade pending, cancel and reactivate apply at once, labelled sandbox', async () => {
    setSandboxStripeEnv()
    const { org, actor } = await orgWithMember('OWNER')
    await completeSandboxCheckout({ actor, plan: 'PROFESSIONAL' })
    expect(await changePlan({ actor, plan: 'ENTERPRISE' })).toMatchObject({ kind: 'upgrade', pending: false, sandbox: true })
    expect(await account(org.id)).toMatchObject({ sandbox: true, org: { plan: 'ENTERPRISE' } })
    await changePlan({ actor, plan: 'PROFESSIONAL' })
    expect(await account(org.id)).toMatchObject({ pendingPlan: 'PROFESSIONAL', org: { plan: 'ENTERPRISE' } })
    await cancelSubscription({ actor })
    expect(await account(org.id)).toMatchObject({ cancelAtPeriodEnd: true })
    await reactivateSubscription({ actor })
    expect(await account(org.id)).toMatchObject({ cancelAtPeriodEnd: false, pendingPlan: 'PROFESSIONAL' })
  })
})

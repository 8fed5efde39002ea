// The dunning clock from stored dates, correct when webhooks are lost: a renewal that failed without its webhook is
// found by re-reading Stripe (the clock starts at the unpaid invoice's date); day 0/3/7/14 each run once (emails,
// retries, READ_ONLY, cancel); a payment whose webhook was lost restores ACTIVE before any escalation.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { systemActor } from '@/lib/auth/actor'
import { advanceDunning } from '@/lib/billing/advance-dunning'
import {
  account,
  audits,
  settle,
  startBillingStripe,
  setLiveStripeEnv,
  type BillingStripe,
  subscribedOrg as subscribedOrgOn,
} from '@/tests/integration/billing/stripe-harness'

const DAY = 86_400_000
let s: BillingStripe
beforeAll(async () => {
  s = await startBillingStripe()
})
afterAll(() => s?.stop())
beforeEach(() => {
  setLiveStripeEnv(s.fake, s.secret)
  s.fake.configureWebhooks(s.webhooks)
})

async function subscribedOrg() {
  const o = await subscribedOrgOn(s.fake)
  expect(o.account.state).toBe('ACTIVE')
  return o
}
const run = (orgId: string, now: Date) => advanceDunning({ actor: systemActor({ process: 'billing', orgId }), now })
const dunningMails = (orgId: string) =>
  db.emailMessage.findMany({ where: { orgId, template: { startsWith: 'billing-dunning-' } }, orderBy: { createdAt: 'asc' } })

describe('dunning clock', () => {
  it('a lost payment_failed webhook: the clock finds it, then day 3 / 7 / 14 each run once and the org is canceled', async () => {
    const { org, customer, subscriptionId } = await subscribedOrg()
    // the renewal fails and NO webhook reaches us
    s.fake.configureWebhooks(null)
    s.fake.failNextPayment({ customer, count: 10 })
    // Stripe's clock reaches the period end, renews and fails to charge
    const periodEnd = (await account(org.id)).currentPeriodEnd!
    const shift = Math.ceil((periodEnd.getTime() - Date.now()) / 1000)
    s.fake.advanceClock(shift)
    await s.fake.renewSubscription(subscriptionId)
    expect((await account(org.id)).state).toBe('ACTIVE')

    // the daily run after the period end re-reads Stripe: past due since the unpaid invoice
    const t0 = new Date(periodEnd.getTime() + 3 * 3600_000)
    const r0 = await run(org.id, t0)
    expect(r0).toMatchObject({ state: 'PAST_DUE', step: 0, resynced: true })
    const a0 = await account(org.id)
    // the clock starts at the unpaid invoice (made at the period end), not when we noticed
    expect(Math.abs(a0.pastDueSince!.getTime() - periodEnd.getTime())).toBeLessThan(60_000)
    expect((await dunningMails(org.id)).map((m) => m.template)).toEqual(['billing-dunning-0'])
    await run(org.id, t0) // again the same day: nothing new
    expect(await dunningMails(org.id)).toHaveLength(1)

    const since = a0.pastDueSince!.getTime()
    const r3 = await run(org.id, new Date(since + 3 * DAY + 1000))
    expect(r3).toMatchObject({ step: 3, retried: 'declined', state: 'PAST_DUE' })
    expect(await run(org.id, new Date(since + 3 * DAY + 2000))).toMatchObject({ step: null })
    const r7 = await run(org.id, new Date(since + 7 * DAY + 1000))
    expect(r7).toMatchObject({ step: 7, retried: 'declined', state: 'READ_ONLY' })
    const r14 = await run(org.id, new Date(since + 14 * DAY + 1000))
    expect(r14).toMatchObject({ step: 14, retried: 'declined', state: 'CANCELED' })
    const end = await account(org.id)
    expect(end.dataRetainedUntil!.getTime() - end.canceledAt!.getTime()).toBe(90 * DAY)
    expect(s.fake.subscriptions.get(subscriptionId)!.status).toBe('canceled')
    expect((await dunningMails(org.id)).map((m) => m.template)).toEqual([
      'billing-dunning-0',
      'billing-dunning-3',
      'billing-dunning-7',
      'billing-dunning-14',
    ])
    const states = (await audits(org.id, 'billing.state.changed')).map((a) => (a.after as { state: string }).state)
    expect(states).toEqual(['ACTIVE', 'PAST_DUE', 'READ_ONLY', 'CANCELED'])
    // a payment attempt per retry step plus the renewal: 1 + 3
    const inv = [...s.fake.invoices.values()].filter((i) => i.subscription === subscriptionId && i.billingReason === 'subscription_cycle')
    expect(inv).toHaveLength(1)
    expect(inv[0]!.attemptCount).toBe(4)
    s.fake.advanceClock(-shift)
  })

  it('webhooks drive PAST_DUE; a payment whose webhook was lost restores ACTIVE before day 7 escalates', async () => {
    const { org, customer, subscriptionId } = await subscribedOrg()
    s.fake.failNextPayment({ customer })
    await s.fake.renewSubscription(subscriptionId)
    await settle(s.fake)
    const a = await account(org.id)
    expect(a).toMatchObject({ state: 'PAST_DUE', status: 'past_due', dunningDay: 0 })
    expect(await db.billingInvoice.count({ where: { orgId: org.id, status: 'open' } })).toBe(1)

    // the customer fixes the card and pays in the portal, but that webhook is lost
    s.fake.configureWebhooks(null)
    const open = [...s.fake.invoices.values()].find((i) => i.subscription === subscriptionId && i.status === 'open')!
    const portal = await fetch(`${s.fake.url}/billing_portal/x/invoices/${open.id}/pay`, { method: 'POST', redirect: 'manual' })
    expect(portal.status).toBe(303)
    expect((await account(org.id)).state).toBe('PAST_DUE')
    const r = await run(org.id, new Date(a.pastDueSince!.getTime() + 7 * DAY + 1000))
    expect(r).toMatchObject({ state: 'ACTIVE', step: null, resynced: true })
    const after = await account(org.id)
    expect(after).toMatchObject({ state: 'ACTIVE', pastDueSince: null, dunningDay: 0 })
    expect(await audits(org.id, 'billing.state.changed')).toHaveLength(3) // ACTIVE, PAST_DUE, ACTIVE — never READ_ONLY
  })

  it('a retry that succeeds on day 3 makes the account ACTIVE at once', async () => {
    const { org, customer, subscriptionId } = await subscribedOrg()
    s.fake.failNextPayment({ customer })
    await s.fake.renewSubscription(subscriptionId)
    await settle(s.fake)
    const since = (await account(org.id)).pastDueSince!
    const r = await run(org.id, new Date(since.getTime() + 3 * DAY + 1000))
    expect(r).toMatchObject({ step: 3, retried: 'paid', state: 'ACTIVE' })
    expect((await dunningMails(org.id)).map((m) => m.template)).toEqual([]) // the day-0 mail is the queued job's; no failure mail now
  })
})

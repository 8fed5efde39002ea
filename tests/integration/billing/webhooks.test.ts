// Every Stripe handler with duplicate, out-of-order and stale events: invoices (paid / payment_failed), subscriptions
// (a stale snapshot never overwrites a newer one), card disputes (evidence, freeze, one staff alert).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { waitFor } from '@/tests/wait-for'
import { applySubscriptionState } from '@/lib/billing/apply-subscription-state'
import { readSubscriptionSnapshot } from '@/lib/billing/sync-subscription'
import { stripeSignature } from '@/tests/fakes/stripe-fake'
import {
  account,
  audits,
  settle,
  startBillingStripe,
  setLiveStripeEnv,
  type BillingStripe,
  subscribedOrg as subscribedOrgOn,
} from '@/tests/integration/billing/stripe-harness'

let s: BillingStripe
beforeAll(async () => {
  s = await startBillingStripe({ duplicateRate: 0.3, reorder: true, seed: 42 })
})
afterAll(() => s?.stop())
beforeEach(() => {
  setLiveStripeEnv(s.fake, s.secret)
  s.fake.configureWebhooks(s.webhooks)
})

const subscribedOrg = () => subscribedOrgOn(s.fake)
const redeliver = (types: RegExp, customer: string) =>
  Promise.all(
    s.fake.events
      .filter((e) => types.test(e.type) && e.data.object.customer === customer)
      .map((e) => {
        const body = JSON.stringify(e)
        return s.webhooks.deliver!(body, {
          'content-type': 'application/json',
          'stripe-signature': stripeSignature({ body, secret: s.secret }),
        })
      }),
  )

describe('invoice events', () => {
  it('payment_failed → PAST_DUE; an old invoice.paid replayed late changes nothing; paying → ACTIVE at once', async () => {
    const { org, customer, subscriptionId } = await subscribedOrg()
    s.fake.failNextPayment({ customer })
    await s.fake.renewSubscription(subscriptionId)
    await settle(s.fake)
    expect(await account(org.id)).toMatchObject({ state: 'PAST_DUE', status: 'past_due' })
    const failed = await db.billingInvoice.findFirstOrThrow({ where: { orgId: org.id, status: 'open' } })
    expect(failed.attemptCount).toBe(1)
    expect(failed.nextAttemptAt).not.toBeNull()

    // the first invoice's paid events once more (stale: new event ids, old payloads) — Stripe now says past_due
    const stale = s.fake.events.filter((e) => e.type === 'invoice.paid' && e.data.object.customer === customer)
    for (const e of stale) {
      const body = JSON.stringify({ ...e, id: `${e.id}_late` })
      await s.webhooks.deliver!(body, {
        'content-type': 'application/json',
        'stripe-signature': stripeSignature({ body, secret: s.secret }),
      })
    }
    await waitProcessed(stale.map((e) => `${e.id}_late`))
    expect(await account(org.id)).toMatchObject({ state: 'PAST_DUE' })

    // paid in the portal → invoice.paid → ACTIVE
    const portal = await fetch(`${s.fake.url}/billing_portal/x/invoices/${failed.id}/pay`, { method: 'POST', redirect: 'manual' })
    expect(portal.status).toBe(303)
    await settle(s.fake)
    expect(await account(org.id)).toMatchObject({ state: 'ACTIVE', pastDueSince: null })
    expect((await db.billingInvoice.findUniqueOrThrow({ where: { id: failed.id } })).status).toBe('paid')
    // all of it again: converges, no new transitions
    const transitions = (await audits(org.id, 'billing.state.changed')).length
    await redeliver(/^(invoice\.|customer\.subscription\.)/, customer)
    await settle(s.fake)
    expect((await audits(org.id, 'billing.state.changed')).length).toBe(transitions)
  })
})

describe('subscription snapshots', () => {
  it('a snapshot read before the one applied is stale and ignored', async () => {
    const { org, subscriptionId } = await subscribedOrg()
    const old = await readSubscriptionSnapshot(subscriptionId)
    s.fake.subscriptions.get(subscriptionId)!.status = 'past_due'
    const newer = await readSubscriptionSnapshot(subscriptionId)
    const first = await db.$transaction((tx) => applySubscriptionState({ tx, orgId: org.id, snapshot: newer, source: { kind: 'resync' } }))
    expect(first).toMatchObject({ outcome: 'applied', state: 'PAST_DUE' })
    const second = await db.$transaction((tx) => applySubscriptionState({ tx, orgId: org.id, snapshot: old, source: { kind: 'resync' } }))
    expect(second.outcome).toBe('stale')
    expect((await account(org.id)).state).toBe('PAST_DUE')
  })
})

describe('card disputes', () => {
  it('charge.dispute.created (twice) → one dispute with evidence, billable work frozen, one staff alert', async () => {
    const { org, customer } = await subscribedOrg()
    const d = await s.fake.createDispute({ customer, reason: 'fraudulent' })
    await settle(s.fake)
    await redeliver(/^charge\.dispute\./, customer)
    const [e] = s.fake.events.filter((x) => x.type === 'charge.dispute.created' && (x.data.object as { id: string }).id === d.id)
    const body = JSON.stringify({ ...e, id: `${e!.id}_dup` })
    await s.webhooks.deliver!(body, { 'content-type': 'application/json', 'stripe-signature': stripeSignature({ body, secret: s.secret }) })
    await waitProcessed([`${e!.id}_dup`])
    const disputes = await db.paymentDispute.findMany({ where: { orgId: org.id } })
    expect(disputes).toHaveLength(1)
    expect(disputes[0]).toMatchObject({ stripeDisputeId: d.id, amountCents: 29_900, reason: 'fraudulent', status: 'needs_response' })
    expect(disputes[0]!.evidence).toMatchObject({ ledger: expect.any(Array), leads: expect.any(Array) })
    expect((await account(org.id)).disputeFrozenAt).not.toBeNull()
    expect(await db.staffAlert.count({ where: { orgId: org.id, kind: 'payment_dispute' } })).toBe(1)
    expect(await audits(org.id, 'billing.dispute.created')).toHaveLength(1)
  })
})

const waitProcessed = (ids: string[]) =>
  waitFor(
    async () => (await db.webhookEvent.count({ where: { provider: 'STRIPE', eventId: { in: ids }, status: 'processed' } })) === ids.length,
    { timeoutMs: 30_000, what: 'events processed' },
  )

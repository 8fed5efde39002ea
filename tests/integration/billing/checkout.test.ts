// Checkout: the customer is made once, Checkout carries the plan + metered price, and ENTITLEMENTS CHANGE ONLY FROM
// THE VERIFIED WEBHOOKS (never from the success redirect); duplicated and reordered webhooks converge. The sandbox
// checkout applies the same state, labelled sandbox, and is refused while Stripe is live.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { stripeSignature } from '@/tests/fakes/stripe-fake'
import { waitFor } from '@/tests/wait-for'
import { startCheckout } from '@/lib/billing/start-checkout'
import { completeSandboxCheckout } from '@/lib/billing/complete-sandbox-checkout'
import { openBillingPortal } from '@/lib/billing/open-billing-portal'
import { SIMULATOR_PRICE_IDS } from '@/tests/fakes/stripe-fake'
import {
  account,
  audits,
  memberOf,
  orgWithMember,
  payCheckout,
  settle,
  startBillingStripe,
  setLiveStripeEnv,
  setSandboxStripeEnv,
  type BillingStripe,
} from '@/tests/integration/billing/stripe-harness'

let s: BillingStripe
beforeAll(async () => {
  s = await startBillingStripe({ duplicateRate: 0.5, reorder: true, seed: 7 })
})
afterAll(() => s?.stop())
beforeEach(() => {
  setLiveStripeEnv(s.fake, s.secret)
  s.fake.configureWebhooks(s.webhooks)
})

describe('startCheckout + webhooks', () => {
  it('a paid checkout changes the plan only once its webhooks are processed (duplicated, reordered), never from the redirect', async () => {
    const { org, actor, email } = await orgWithMember('OWNER')
    const first = await startCheckout({ actor, plan: 'PROFESSIONAL' })
    const second = await startCheckout({ actor, plan: 'PROFESSIONAL' })
    expect(first.sandbox).toBe(false)
    expect(first.url).toMatch(new RegExp(`^${s.fake.url}/checkout/cs_test_`))
    // the customer is made once and kept
    const a0 = await account(org.id)
    expect(s.fake.customers.has(a0.stripeCustomerId!)).toBe(true)
    expect([...s.fake.customers.values()].filter((c) => c.metadata.org_id === org.id)).toHaveLength(1)
    expect(s.fake.customers.get(a0.stripeCustomerId!)!.email).toBe(email)
    const session = s.fake.checkoutSessions.get(first.url.split('/').pop()!)!
    expect(session).toMatchObject({ customer: a0.stripeCustomerId, clientReferenceId: org.id })
    expect(session.lineItems.map((l) => l.price)).toEqual([SIMULATOR_PRICE_IDS.PROFESSIONAL, SIMULATOR_PRICE_IDS.PROFESSIONAL_LEADS])
    expect(session.successUrl).toMatch(new RegExp(`/${org.slug}/settings/billing\\?checkout=success$`))
    expect(second.url).not.toBe(first.url)

    // Stripe takes the payment, but its webhooks have not arrived: nothing changes (the redirect carries no power)
    s.fake.configureWebhooks(null)
    const paid = await payCheckout(s.fake, first.url)
    expect(paid).toMatchObject({ status: 303, location: session.successUrl })
    const before = await account(org.id)
    expect(before).toMatchObject({ state: 'TRIALING', stripeSubscriptionId: null, org: { plan: 'TRIAL' } })

    // the webhooks arrive (every event once more with probability 0.5, scrambled): one effect
    s.fake.configureWebhooks(s.webhooks)
    const created = s.fake.events.filter((e) => e.data.object.customer === a0.stripeCustomerId || e.type === 'checkout.session.completed')
    for (const e of created)
      await s.webhooks.deliver!(JSON.stringify(e), { 'content-type': 'application/json', 'stripe-signature': sign(JSON.stringify(e)) })
    await settle(s.fake)
    await waitProcessed(created.map((e) => e.id))
    const after = await account(org.id)
    expect(after).toMatchObject({ state: 'ACTIVE', status: 'active', sandbox: false, spendCapCents: 50_000, org: { plan: 'PROFESSIONAL' } })
    expect(after.stripeSubscriptionId).toBe(s.fake.checkoutSessions.get(session.id)!.subscription)
    expect(after.firstPaidAt).not.toBeNull()
    expect(after.currentPeriodEnd!.getTime()).toBeGreaterThan(Date.now() + 27 * 86_400_000)
    const invoices = await db.billingInvoice.findMany({ where: { orgId: org.id } })
    expect(invoices).toHaveLength(1)
    expect(invoices[0]).toMatchObject({ status: 'paid', amountPaidCents: 29_900 })
    expect(await audits(org.id, 'billing.state.changed')).toHaveLength(1)
    expect(await audits(org.id, 'billing.plan.changed')).toHaveLength(1)

    // every event again, in another order (Stripe retries): still one effect
    for (const e of [...created].reverse())
      await s.webhooks.deliver!(JSON.stringify({ ...e }), {
        'content-type': 'application/json',
        'stripe-signature': sign(JSON.stringify(e)),
      })
    expect(await audits(org.id, 'billing.state.changed')).toHaveLength(1)
    expect(await db.billingInvoice.count({ where: { orgId: org.id } })).toBe(1)

    // a second checkout now is refused: change the plan instead
    await expect(startCheckout({ actor, plan: 'PROFESSIONAL' })).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { reason: 'PLAN_UNCHANGED' },
    })
    await expect(startCheckout({ actor, plan: 'ENTERPRISE' })).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { reason: 'SUBSCRIPTION_EXISTS' },
    })
    // the portal opens on the customer
    const portal = await openBillingPortal({ actor })
    expect(portal.url).toMatch(new RegExp(`^${s.fake.url}/billing_portal/`))
  })

  it('the webhooks the fake sends itself (duplicates + reorder on) converge too', async () => {
    const { org, actor } = await orgWithMember('OWNER')
    const { url } = await startCheckout({ actor, plan: 'ENTERPRISE' })
    await payCheckout(s.fake, url)
    await settle(s.fake)
    expect(s.fake.deliveries.some((d) => d.duplicate)).toBe(true)
    expect(await account(org.id)).toMatchObject({ state: 'ACTIVE', spendCapCents: 200_000, org: { plan: 'ENTERPRISE' } })
    expect(await audits(org.id, 'billing.plan.changed')).toHaveLength(1)
  })

  it('a declined card at Checkout creates nothing and changes nothing', async () => {
    const { org, actor } = await orgWithMember('OWNER')
    const { url } = await startCheckout({ actor, plan: 'PROFESSIONAL' })
    s.fake.failNextPayment({ customer: (await account(org.id)).stripeCustomerId! })
    const r = await fetch(url, {
      method: 'POST',
      body: 'card=4000',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      redirect: 'manual',
    })
    expect(r.status).toBe(200)
    expect(await r.text()).toContain('Your card was declined.')
    expect(await account(org.id)).toMatchObject({ state: 'TRIALING', org: { plan: 'TRIAL' } })
  })

  it('only the OWNER starts a checkout; a bad plan is a 422', async () => {
    const { org } = await orgWithMember('OWNER')
    for (const role of ['ADMIN', 'MANAGER', 'REP', 'VIEWER'] as const)
      await expect(startCheckout({ actor: await memberOf(org.id, role), plan: 'PROFESSIONAL' })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      })
    const owner = await memberOf(org.id, 'OWNER')
    await expect(startCheckout({ actor: owner, plan: 'TRIAL' as never })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' })
    await expect(completeSandboxCheckout({ actor: owner, plan: 'PROFESSIONAL' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      details: { reason: 'SANDBOX_ONLY' },
    })
  })

  it('with STRIPE_TAX_ENABLED=1 Checkout asks Stripe Tax for the sales tax (address collected); without it, no tax parameters', async () => {
    const { actor } = await orgWithMember('OWNER')
    const sessionBody = () => {
      const r = s.fake.requests.filter((q) => q.method === 'POST' && q.path === '/v1/checkout/sessions').at(-1)!
      return r.rawBody
    }
    await startCheckout({ actor, plan: 'PROFESSIONAL' })
    expect(sessionBody()).not.toContain('automatic_tax')
    process.env.STRIPE_TAX_ENABLED = '1'
    try {
      const other = await orgWithMember('OWNER')
      await startCheckout({ actor: other.actor, plan: 'ENTERPRISE' })
      const body = decodeURIComponent(sessionBody())
      expect(body).toContain('automatic_tax[enabled]=true')
      expect(body).toContain('customer_update[address]=auto')
      expect(body).toContain('billing_address_collection=required')
    } finally {
      delete process.env.STRIPE_TAX_ENABLED
    }
  })
})

describe('sandbox checkout (Stripe not configured)', () => {
  it('points at the app page, then applies the same state labelled sandbox, idempotently', async () => {
    setSandboxStripeEnv()
    const { org, actor } = await orgWithMember('OWNER')
    const r = await startCheckout({ actor, plan: 'ENTERPRISE' })
    expect(r).toEqual({ url: `/${org.slug}/settings/billing/sandbox-checkout?plan=ENTERPRISE`, sandbox: true })
    expect(await account(org.id)).toMatchObject({ state: 'TRIALING', org: { plan: 'TRIAL' } })
    const done = await completeSandboxCheckout({ actor, plan: 'ENTERPRISE' })
    expect(done).toMatchObject({ plan: 'ENTERPRISE', state: 'ACTIVE', sandbox: true, unchanged: false })
    const a = await account(org.id)
    expect(a).toMatchObject({ sandbox: true, state: 'ACTIVE', stripeCustomerId: null, spendCapCents: 200_000, org: { plan: 'ENTERPRISE' } })
    expect(await completeSandboxCheckout({ actor, plan: 'ENTERPRISE' })).toMatchObject({ unchanged: true })
    const changed = await audits(org.id, 'billing.state.changed')
    expect(changed).toHaveLength(1)
    expect(changed[0]!.after).toMatchObject({ state: 'ACTIVE', sandbox: true, source: 'sandbox_checkout' })
    await expect(completeSandboxCheckout({ actor: await memberOf(org.id, 'ADMIN'), plan: 'PROFESSIONAL' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    })
    expect((await openBillingPortal({ actor })).sandbox).toBe(true)
  })
})

const sign = (body: string) => stripeSignature({ body, secret: s.secret })
const waitProcessed = (ids: string[]) =>
  waitFor(
    async () => (await db.webhookEvent.count({ where: { provider: 'STRIPE', eventId: { in: ids }, status: 'processed' } })) === ids.length,
    { timeoutMs: 30_000, what: 'events processed' },
  )

// Stripe and Lob creates carry an idempotency key, reused across our retries, so they are retried safely
// even after a 5xx, timeout or reset; the fake replays the original object for a repeated key.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  cancelSubscription,
  createBillingPortalSession,
  createCheckoutSession,
  createCustomer,
  reportMeterEvent,
  retrieveCustomer,
  updateSubscription,
} from '@/lib/external/stripe'
import { createLetter, createPostcard, verifyUsAddress } from '@/lib/external/lob'
import type { FakeServer } from '@/tests/fakes/fake-server'
import { startStripeFake } from '@/tests/fakes/stripe-fake'
import { startLobFake } from '@/tests/fakes/lob-fake'
import { waitFor } from '@/tests/wait-for'
import { clearProviderEnv, expectAppError, fastPolicies, setEnv } from './helpers'

let stripe: FakeServer
let lob: FakeServer
beforeAll(async () => {
  stripe = await startStripeFake()
  lob = await startLobFake()
})
afterAll(async () => {
  await stripe.close()
  await lob.close()
})
beforeEach(() => {
  clearProviderEnv()
  setEnv({
    STRIPE_SECRET_KEY: 'sk_test_123',
    STRIPE_WEBHOOK_SECRET: 'whsec_x',
    STRIPE_API_HOST: '127.0.0.1',
    STRIPE_API_PORT: String(stripe.port),
    STRIPE_API_PROTOCOL: 'http',
    LOB_API_KEY: 'test_abc',
    LOB_BASE_URL: lob.url,
  })
  fastPolicies()
  stripe.reset()
  lob.reset()
})

const to = { name: 'Pat Doe', line1: '100 Main St', city: 'Austin', state: 'TX', zip: '78701' }
const from = { name: 'Acme Roofing', line1: '1 Roof Rd', city: 'Austin', state: 'TX', zip: '78702' }

describe('stripe contract', () => {
  it('customers.create: form-encoded, bearer key, caller idempotency key; retried after 500 with the same key', async () => {
    stripe.script({ kind: 'status', status: 500 })
    const r = await createCustomer({ email: 'o@acme.test', name: 'Acme', orgId: 'org_1', idempotencyKey: 'org_1:customer' })
    expect(r).toEqual({ customerId: 'cus_fake1', sandbox: false })
    expect(stripe.requests).toHaveLength(2)
    for (const req of stripe.requests) {
      expect(req.headers['idempotency-key']).toBe('org_1:customer')
      expect(req.headers.authorization).toBe('Bearer sk_test_123')
      expect(req.body).toMatchObject({ email: 'o@acme.test', 'metadata[org_id]': 'org_1' })
    }
  })

  it('a create without a caller key still gets one key for all its attempts (timeout, reset)', async () => {
    stripe.script({ kind: 'hang' }, { kind: 'reset' })
    await createCheckoutSession({
      customerId: 'cus_1',
      orgId: 'org_1',
      priceId: 'price_pro',
      meteredPriceId: 'price_lead',
      successUrl: 'https://a/s',
      cancelUrl: 'https://a/c',
    })
    // hang → our timeout abandons attempt 1; reset → attempt 2 fails; attempt 3 succeeds. stripe-node itself
    // re-sends the reset request once about 0.5 s later, even with maxNetworkRetries 0 (keyed, so harmless):
    // wait for that straggler so every request of this call is counted here (and none lands in the next test)
    await waitFor(() => stripe.requests.length >= 4, { timeoutMs: 5_000, everyMs: 20, what: "stripe-node's re-send of the reset request" })
    const keys = new Set(stripe.requests.map((r) => r.headers['idempotency-key']))
    expect(keys.size).toBe(1)
    expect([...keys][0]).toBeTruthy()
    expect(stripe.requests[0].body).toMatchObject({
      mode: 'subscription',
      customer: 'cus_1',
      'line_items[0][price]': 'price_pro',
      'line_items[1][price]': 'price_lead',
      client_reference_id: 'org_1',
    })
  })

  it('meter events send the identifier (Stripe dedupes on it) and an idempotency key derived from it', async () => {
    stripe.script({ kind: 'status', status: 503 })
    const r = await reportMeterEvent({ eventName: 'quality_lead', customerId: 'cus_1', value: 1, identifier: 'lead:42' })
    expect(r).toEqual({ identifier: 'lead:42', sandbox: false })
    expect(stripe.requests).toHaveLength(2)
    expect(stripe.requests[1].body).toMatchObject({
      event_name: 'quality_lead',
      identifier: 'lead:42',
      'payload[stripe_customer_id]': 'cus_1',
      'payload[value]': '1',
    })
    expect(stripe.requests[1].headers['idempotency-key']).toBe('meter-lead:42')
  })

  it('card errors and invalid requests are not retried', async () => {
    stripe.script({ kind: 'status', status: 402 })
    const e = await expectAppError(updateSubscription({ subscriptionId: 'sub_1', params: { proration_behavior: 'none' } }))
    expect(e).toMatchObject({ code: 'UPSTREAM_FAILED', details: { status: 402, providerCode: 'card_declined' } })
    expect(stripe.requests).toHaveLength(1)
  })

  it('portal, retrieve and cancel speak the API paths', async () => {
    await expect(createBillingPortalSession({ customerId: 'cus_1', returnUrl: 'https://a/billing' })).resolves.toMatchObject({
      url: expect.stringMatching(/\/billing_portal\/bps_/),
      sandbox: false,
    })
    await expect(retrieveCustomer({ customerId: 'cus_9' })).resolves.toMatchObject({ id: 'cus_9', sandbox: false })
    await expect(cancelSubscription({ subscriptionId: 'sub_9' })).resolves.toMatchObject({ status: 'canceled', sandbox: false })
    await expect(cancelSubscription({ subscriptionId: 'sub_9', atPeriodEnd: true })).resolves.toMatchObject({ cancel_at_period_end: true })
    expect(stripe.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /v1/billing_portal/sessions',
      'GET /v1/customers/cus_9',
      'DELETE /v1/subscriptions/sub_9',
      'POST /v1/subscriptions/sub_9',
    ])
  })

  it('a wrong key is a non-retried 401', async () => {
    setEnv({ STRIPE_SECRET_KEY: 'sk_live_wrong' })
    const e = await expectAppError(retrieveCustomer({ customerId: 'cus_1' }))
    expect(e).toMatchObject({ code: 'UPSTREAM_FAILED', details: { status: 401 } })
    expect(stripe.requests).toHaveLength(1)
  })
})

describe('lob contract', () => {
  it('postcards: basic auth, JSON body, Idempotency-Key reused across a 500 retry', async () => {
    lob.script({ kind: 'status', status: 500 })
    const r = await createPostcard({ to, from, frontHtml: '<h1>Roof</h1>', backHtml: '<p>Call us</p>', idempotencyKey: 'camp_1:lead_1' })
    expect(r).toMatchObject({ id: 'psc_fake1', expectedDeliveryDate: '2026-12-01', sandbox: false })
    expect(lob.requests).toHaveLength(2)
    expect(lob.requests.map((q) => q.headers['idempotency-key'])).toEqual(['camp_1:lead_1', 'camp_1:lead_1'])
    expect(lob.requests[1].body).toMatchObject({
      to: { address_line1: '100 Main St', address_zip: '78701' },
      use_type: 'marketing',
      size: '4x6',
    })
  })

  it('letters retry after a reset with the same key; the provider replays the original', async () => {
    lob.script({ kind: 'reset' })
    const r = await createLetter({ to, from, html: '<p>Dear homeowner</p>' })
    expect(r.id).toMatch(/^ltr_fake/)
    expect(new Set(lob.requests.map((q) => q.headers['idempotency-key'])).size).toBe(1)
  })

  it.each([401, 403, 404, 422])('is not retried on %i', async (status) => {
    lob.script({ kind: 'status', status })
    await expectAppError(createPostcard({ to, from, frontHtml: 'a', backHtml: 'b' }))
    expect(lob.requests).toHaveLength(1)
  })

  it('verifies a US address', async () => {
    await expect(verifyUsAddress({ line1: '100 main st', city: 'Austin', state: 'TX', zip: '78701' })).resolves.toMatchObject({
      deliverability: 'deliverable',
      primaryLine: '100 MAIN ST',
      sandbox: false,
    })
  })
})

// Breaker, bulkhead, connection-refused and metrics, proven with real adapters against fakes.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { getBreakerState } from '@/lib/external/call-service'
import { verifyUsAddress } from '@/lib/external/lob'
import { retrieveSubscription } from '@/lib/external/stripe'
import { sendSms } from '@/lib/external/telnyx'
import { metrics, metricsRegistry } from '@/lib/metrics'
import { closedPort, type FakeServer } from '@/tests/fakes/fake-server'
import { startLobFake } from '@/tests/fakes/lob-fake'
import { startStripeFake } from '@/tests/fakes/stripe-fake'
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
  stripe.reset()
  lob.reset()
})

const address = { line1: '100 Main St', city: 'Austin', state: 'TX', zip: '78701' }

/** Calls `fn` until the open breaker lets one through (its half-open probe), returning that call's outcome;
 * the refused calls in between never reach the provider. */
async function untilBreakerAdmits<T>(
  fn: () => Promise<T>,
): Promise<{ value?: T; error?: { code: string; details: Record<string, unknown> } }> {
  return waitFor(
    async () => {
      try {
        return { value: await fn() }
      } catch (e) {
        const err = e as { code: string; details: Record<string, unknown> }
        return err.details?.reason === 'circuit_open' ? null : { error: err }
      }
    },
    { timeoutMs: 5_000, everyMs: 10, what: 'the breaker to half-open' },
  )
}

describe('circuit breaker', () => {
  it('opens after consecutive outage failures, rejects without calling, then half-opens and recovers', async () => {
    fastPolicies({ breakerThreshold: 3, halfOpenAfterMs: 250, maxAttempts: 1 })
    stripe.script(...Array(3).fill({ kind: 'status', status: 503 }))
    for (let i = 0; i < 3; i++) await expectAppError(retrieveSubscription({ subscriptionId: 'sub_1' }))
    expect(getBreakerState('stripe')).toBe('open')
    expect(stripe.requests).toHaveLength(3)

    const rejected = await expectAppError(retrieveSubscription({ subscriptionId: 'sub_1' }))
    expect(rejected).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', details: { provider: 'stripe', reason: 'circuit_open' } })
    expect(stripe.requests).toHaveLength(3) // nothing reached the provider

    const probe = await untilBreakerAdmits(() => retrieveSubscription({ subscriptionId: 'sub_1' })) // the half-open probe
    expect(probe.value).toMatchObject({ id: 'sub_1', status: 'active', sandbox: false })
    expect(stripe.requests).toHaveLength(4) // only the probe reached the provider
    expect(getBreakerState('stripe')).toBe('closed')
  })

  it('a failed half-open probe re-opens the breaker', async () => {
    fastPolicies({ breakerThreshold: 2, halfOpenAfterMs: 150, maxAttempts: 1 })
    stripe.script(...Array(3).fill({ kind: 'status', status: 500 }))
    await expectAppError(retrieveSubscription({ subscriptionId: 's' }))
    await expectAppError(retrieveSubscription({ subscriptionId: 's' }))
    expect(getBreakerState('stripe')).toBe('open')
    const probe = await untilBreakerAdmits(() => retrieveSubscription({ subscriptionId: 's' }))
    expect(probe.error).toMatchObject({ code: 'UPSTREAM_FAILED', details: { reason: 'server_error', status: 500 } })
    expect(stripe.requests).toHaveLength(3)
    expect(getBreakerState('stripe')).toBe('open')
  })

  it('4xx answers never open the breaker', async () => {
    fastPolicies({ breakerThreshold: 2 })
    stripe.script(...Array(4).fill({ kind: 'status', status: 404 }))
    for (let i = 0; i < 4; i++) {
      const e = await expectAppError(retrieveSubscription({ subscriptionId: 'missing' }))
      expect(e.details).toMatchObject({ reason: 'client_error', status: 404, providerCode: 'resource_missing' })
    }
    expect(getBreakerState('stripe')).toBe('closed')
  })

  it('breakers are per provider', async () => {
    fastPolicies({ breakerThreshold: 1, halfOpenAfterMs: 60_000, maxAttempts: 1 })
    stripe.script({ kind: 'status', status: 500 })
    await expectAppError(retrieveSubscription({ subscriptionId: 's' }))
    expect(getBreakerState('stripe')).toBe('open')
    await expect(verifyUsAddress(address)).resolves.toMatchObject({ deliverability: 'deliverable' })
  })
})

describe('bulkhead', () => {
  it('caps concurrent calls per provider and rejects beyond the queue', async () => {
    fastPolicies({ maxConcurrent: 2, maxQueue: 1 })
    lob.latency(150)
    const results = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => verifyUsAddress({ ...address, line1: `${i} Main St` })))
    expect(lob.maxInFlight).toBe(2)
    const ok = results.filter((r) => r.status === 'fulfilled')
    const rejected = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []))
    expect(ok).toHaveLength(3) // 2 running + 1 queued
    expect(rejected).toHaveLength(3)
    for (const e of rejected) expect(e).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', details: { reason: 'bulkhead_full' } })
  })
})

describe('connection refused', () => {
  it('proves nothing was sent, so even a non-idempotent SMS is retried up to the limit', async () => {
    fastPolicies()
    const port = await closedPort()
    setEnv({
      TELNYX_API_KEY: 'KEYabc',
      TELNYX_PUBLIC_KEY: Buffer.alloc(32, 1).toString('base64'),
      TELNYX_BASE_URL: `http://127.0.0.1:${port}/v2`,
    })
    const e = await expectAppError(sendSms({ from: '+15125550100', to: '+15125550101', text: 'hi' }))
    expect(e).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', details: { reason: 'connection_refused', attempts: 3 } })
  })
})

describe('metrics', () => {
  const value = async (
    m: { get(): Promise<{ values: Array<{ labels: Record<string, unknown>; value: number }> }> },
    labels: Record<string, string>,
  ) => (await m.get()).values.find((v) => Object.entries(labels).every(([k, x]) => v.labels[k] === x))?.value ?? 0

  it('records calls by provider/operation/outcome, attempts, and breaker state', async () => {
    fastPolicies({ breakerThreshold: 1, maxAttempts: 2, halfOpenAfterMs: 60_000 })
    const op = { provider: 'lob', operation: 'us_verifications.create' }
    const before = {
      success: await value(metrics.providerCalls, { ...op, outcome: 'success' }),
      unavailable: await value(metrics.providerCalls, { ...op, outcome: 'unavailable' }),
      attempts: await value(metrics.providerAttempts, op),
    }
    await verifyUsAddress(address)
    lob.script({ kind: 'status', status: 500 }, { kind: 'status', status: 500 })
    await expectAppError(verifyUsAddress({ ...address, line1: '2 Main' }))
    expect(await value(metrics.providerCalls, { ...op, outcome: 'success' })).toBe(before.success + 1)
    // the 500 opened the breaker (threshold 1), so the retry was refused locally: outcome "unavailable", 2 attempts in all
    expect(await value(metrics.providerCalls, { ...op, outcome: 'unavailable' })).toBe(before.unavailable + 1)
    expect(await value(metrics.providerAttempts, op)).toBe(before.attempts + 2)
    const text = await metricsRegistry.metrics()
    expect(text).toMatch(/fm_provider_call_duration_seconds_count\{provider="lob",operation="us_verifications.create",outcome="success"\}/)
    expect(text).toMatch(/fm_provider_breaker_state\{provider="lob"\} 1/)
  })
})

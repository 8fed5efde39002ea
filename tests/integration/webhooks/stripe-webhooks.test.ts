import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { stopBoss } from '@/lib/jobs/boss'
import type { WorkerHandle } from '@/lib/worker/start-worker'
import { resetProviderPolicies } from '@/lib/external/call-service'
import { WEBHOOK_QUEUES } from '@/lib/webhooks/jobs'
import { POST } from '@/app/api/webhooks/stripe/route'
import { createOrg, uniq } from '@/tests/factories'
import { startStripeFake, type StripeFake } from '@/tests/fakes/stripe-fake'
import { startTestWorker, usePrivateBossSchema } from '@/tests/integration/outbox/harness'
import { now, post, stripeHeaders } from '@/tests/integration/webhooks/signers'
import { waitFor } from '@/tests/wait-for'

const SECRET = 'whsec_test_' + uniq('')
let fake: StripeFake
let worker: WorkerHandle
let bossSchema: string

beforeAll(async () => {
  bossSchema = usePrivateBossSchema()
  // a subscription the test has not put in the fake is one Stripe does not know (404)
  fake = await startStripeFake({ unknownSubscription: 'missing' })
  Object.assign(process.env, {
    STRIPE_WEBHOOK_SECRET: SECRET,
    STRIPE_SECRET_KEY: 'sk_test_fake',
    STRIPE_API_HOST: '127.0.0.1',
    STRIPE_API_PORT: String(fake.port),
    STRIPE_API_PROTOCOL: 'http',
  })
  resetProviderPolicies()
  worker = await startTestWorker(WEBHOOK_QUEUES.filter((q) => q.name === 'webhooks.process'))
})
afterAll(async () => {
  await worker?.stop()
  await stopBoss()
  await fake?.close()
})

function subscriptionEvent({
  id = uniq('evt_'),
  subId,
  customer,
  status,
  type = 'customer.subscription.updated',
}: {
  id?: string
  subId: string
  customer: string
  status: string
  type?: string
}) {
  return JSON.stringify({
    id,
    object: 'event',
    type,
    api_version: '2025-01-01',
    created: now(),
    data: { object: { id: subId, object: 'subscription', customer, status, items: { data: [] } } },
  })
}

async function setup() {
  const org = await createOrg()
  const customer = uniq('cus_')
  const subId = uniq('sub_')
  // every org has its billing account from creation (a trigger); it becomes a Stripe customer at checkout
  await db.billingAccount.update({ where: { orgId: org.id }, data: { stripeCustomerId: customer } })
  return { org, customer, subId }
}

/** States of the pg-boss jobs that process one stored event (this file's private boss schema; completed jobs
 * move to the archive table eventually, so both are read). */
async function processingJobStates(webhookEventId: string): Promise<string[]> {
  const rows = await db.$queryRawUnsafe<Array<{ state: string }>>(
    `SELECT state::text FROM "${bossSchema}".job WHERE name = 'webhooks.process' AND data->>'id' = $1
     UNION ALL
     SELECT state::text FROM "${bossSchema}".archive WHERE name = 'webhooks.process' AND data->>'id' = $1`,
    webhookEventId,
  )
  return rows.map((r) => r.state)
}
const FINISHED = ['completed', 'failed', 'cancelled']

describe('Stripe webhooks', () => {
  it('the same event delivered 10 times is stored once and has one effect', async () => {
    const { org, customer, subId } = await setup()
    fake.subscriptions.set(subId, { id: subId, customer, status: 'active', priceId: 'price_pro', periodEnd: now() + 86400 * 30 })
    const body = subscriptionEvent({ subId, customer, status: 'active', type: 'customer.subscription.created' })
    const eventId = JSON.parse(body).id as string

    const results = await Promise.all(
      Array.from({ length: 10 }, () => post(POST, '/api/webhooks/stripe', body, stripeHeaders(body, SECRET))),
    )
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200))
    expect(results.reduce((n, r) => n + Number(r.body.stored), 0)).toBe(1)
    expect(await db.webhookEvent.count({ where: { provider: 'STRIPE', eventId } })).toBe(1)

    const ev = await waitFor(() => db.webhookEvent.findFirst({ where: { provider: 'STRIPE', eventId, status: 'processed' } }), {
      what: 'processed event',
    })
    expect(ev.attempts).toBe(1)
    // Every job for this event was inserted with the stored row, before the POSTs answered. Once all of them have
    // finished, no (wrong) duplicate processing can still come: there must be exactly one, and it completed.
    const jobs = await waitFor(
      async () => {
        const states = await processingJobStates(ev.id)
        return states.length > 0 && states.every((s) => FINISHED.includes(s)) && states
      },
      { what: 'the processing jobs of this event to finish' },
    )
    expect(jobs).toEqual(['completed'])
    expect((await db.webhookEvent.findUniqueOrThrow({ where: { id: ev.id } })).attempts).toBe(1)
    expect(fake.reads.filter((s) => s === subId)).toHaveLength(1)
    expect(await db.auditLog.count({ where: { orgId: org.id, action: 'billing.subscription.synced' } })).toBe(1)
    const acct = await db.billingAccount.findUniqueOrThrow({ where: { orgId: org.id } })
    expect(acct).toMatchObject({ stripeSubscriptionId: subId, status: 'active', priceId: 'price_pro' })
    expect(acct.syncedAt).not.toBeNull()
  })

  it('out-of-order events converge on what Stripe says now, not on the payloads', async () => {
    const { org, customer, subId } = await setup()
    // Stripe's current truth: active again on the enterprise price
    fake.subscriptions.set(subId, { id: subId, customer, status: 'active', priceId: 'price_ent', periodEnd: now() + 86400 * 30 })
    const bodies = [
      subscriptionEvent({ subId, customer, status: 'active' }),
      subscriptionEvent({ subId, customer, status: 'past_due' }),
      subscriptionEvent({ subId, customer, status: 'active' }),
      subscriptionEvent({ subId, customer, status: 'past_due' }),
    ]
    // scrambled: the stale "past_due" arrives last
    for (const i of [2, 0, 3, 1]) {
      const r = await post(POST, '/api/webhooks/stripe', bodies[i]!, stripeHeaders(bodies[i]!, SECRET))
      expect(r.status).toBe(200)
    }
    const ids = bodies.map((b) => JSON.parse(b).id as string)
    await waitFor(
      async () => (await db.webhookEvent.count({ where: { provider: 'STRIPE', eventId: { in: ids }, status: 'processed' } })) === 4,
      { what: '4 processed' },
    )
    const acct = await db.billingAccount.findUniqueOrThrow({ where: { orgId: org.id } })
    expect(acct.status).toBe('active')
    expect(acct.priceId).toBe('price_ent')

    // Stripe moves to past_due; the next event (whatever its payload says) re-syncs to that
    fake.subscriptions.get(subId)!.status = 'past_due'
    const late = subscriptionEvent({ subId, customer, status: 'active' })
    await post(POST, '/api/webhooks/stripe', late, stripeHeaders(late, SECRET))
    await waitFor(async () => (await db.billingAccount.findUniqueOrThrow({ where: { orgId: org.id } })).status === 'past_due', {
      what: 'past_due',
    })
  })

  it('rejects a tampered body, a wrong secret and a stale timestamp with 400, storing nothing', async () => {
    const { customer, subId } = await setup()
    const body = subscriptionEvent({ subId, customer, status: 'active' })
    const eventId = JSON.parse(body).id as string // every request below carries this event id
    const tampered = await post(POST, '/api/webhooks/stripe', body.replace('"active"', '"canceled"'), stripeHeaders(body, SECRET))
    const wrongKey = await post(POST, '/api/webhooks/stripe', body, stripeHeaders(body, 'whsec_wrong'))
    const stale = await post(POST, '/api/webhooks/stripe', body, stripeHeaders(body, SECRET, now() - 301))
    const unsigned = await post(POST, '/api/webhooks/stripe', body, { 'content-type': 'application/json' })
    for (const r of [tampered, wrongKey, stale, unsigned]) {
      expect(r.status).toBe(400)
      expect(r.body.error).toMatchObject({ code: 'BAD_REQUEST' })
      expect(typeof (r.body.error as { requestId: string }).requestId).toBe('string')
    }
    expect(await db.webhookEvent.count({ where: { provider: 'STRIPE', eventId } })).toBe(0)
  })

  it('a failed processing attempt is recorded and retried until it succeeds', async () => {
    const { org, customer, subId } = await setup()
    // Stripe does not know the subscription yet → 404 → handler throws → pg-boss retries
    const body = subscriptionEvent({ subId, customer, status: 'active' })
    const eventId = JSON.parse(body).id as string
    await post(POST, '/api/webhooks/stripe', body, stripeHeaders(body, SECRET))
    const failed = await waitFor(() => db.webhookEvent.findFirst({ where: { provider: 'STRIPE', eventId, status: 'failed' } }), {
      what: 'failed event',
    })
    expect(failed.lastError).toMatch(/UPSTREAM_FAILED/)
    fake.subscriptions.set(subId, { id: subId, customer, status: 'trialing', priceId: 'price_pro', periodEnd: now() + 86400 })
    const done = await waitFor(() => db.webhookEvent.findFirst({ where: { provider: 'STRIPE', eventId, status: 'processed' } }), {
      timeoutMs: 20_000,
      what: 'retried event',
    })
    expect(done.attempts).toBeGreaterThanOrEqual(2)
    expect((await db.billingAccount.findUniqueOrThrow({ where: { orgId: org.id } })).status).toBe('trialing')
  }, 30_000)
})

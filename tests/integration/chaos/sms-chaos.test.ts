// Chaos: 1,000 SMS through the outbox against the Telnyx fake with 20 % 5xx, 2 s latency spikes and a short
// full outage (1.5 s, after N/10 requests). Delivery receipts come back from the fake (10 % of them twice) as
// signed Telnyx webhooks posted to the real route handler.
// Every message must end delivered, accepted exactly once at the fake (zero lost, zero duplicated), the
// circuit breaker's state changes must show in the metrics registry, and the run must end on its own.
//
// Why retrying a 5xx is safe here: Telnyx answers 5xx with an error body and no message id — the message was
// not accepted (nothing sent, nothing billed). A timeout or a reset after the request was sent is different
// (it may have been accepted) and is never re-sent automatically (lib/outbox/classify-send-error.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

process.env.DATABASE_POOL_MAX = '10'
process.env.FM_BOSS_POOL_MAX = '6'

import { db } from '@/lib/db'
import { stopBoss } from '@/lib/jobs/boss'
import type { QueueDef } from '@/lib/worker/queues'
import type { WorkerHandle } from '@/lib/worker/start-worker'
import { resetProviderPolicies } from '@/lib/external/call-service'
import { metricsRegistry } from '@/lib/metrics'
import { configureOutbox } from '@/lib/outbox/config'
import { enqueueMessages } from '@/lib/outbox/enqueue-messages'
import { OUTBOX_QUEUES } from '@/lib/outbox/jobs'
import { WEBHOOK_QUEUES } from '@/lib/webhooks/jobs'
import { POST as telnyxPOST } from '@/app/api/webhooks/telnyx/route'
import { startTelnyxFake, type TelnyxFake } from '@/tests/fakes/telnyx-fake'
import { uniq } from '@/tests/factories'
import { startTestWorker, usePrivateBossSchema } from '@/tests/integration/outbox/harness'
import { post, telnyxKeys } from '@/tests/integration/webhooks/signers'
import { waitFor } from '@/tests/wait-for'

const N = Number(process.env.CHAOS_N ?? 1000)
const PREFIX = uniq('chaos:')
const keys = telnyxKeys()
let fake: TelnyxFake
let worker: WorkerHandle

beforeAll(async () => {
  usePrivateBossSchema()
  fake = await startTelnyxFake({
    faults: { seed: 42, errorRate: 0.2, spikeRate: 0.05, spikeMs: 2000, outageAtRequest: Math.ceil(N / 10), outageMs: 1500 },
    // Telnyx → us: a signed message.finalized receipt for every accepted message, every 10th twice
    receipts: {
      duplicateEvery: 10,
      deliver: async (body) => {
        const r = await post(telnyxPOST, '/api/webhooks/telnyx', body, keys.headers(body))
        if (r.status !== 200) throw new Error(`receipt rejected: ${r.status}`)
      },
    },
  })
  Object.assign(process.env, { TELNYX_API_KEY: 'KEYchaos', TELNYX_BASE_URL: `${fake.url}/v2`, TELNYX_PUBLIC_KEY: keys.publicB64 })
  resetProviderPolicies({ breakerThreshold: 5, halfOpenAfterMs: 500, maxConcurrent: 60, maxQueue: 200, baseDelayMs: 10, maxDelayMs: 50 })
  configureOutbox({ maxAttempts: 25, backoffBaseMs: 200, backoffCapMs: 2_000, leaseMs: 60_000 })
  const dispatch = OUTBOX_QUEUES.find((q) => q.name === 'outbox.dispatch')!
  const process_ = WEBHOOK_QUEUES.find((q) => q.name === 'webhooks.process')!
  const queues: QueueDef[] = [
    { ...dispatch, workers: 8, batchSize: 20 },
    { ...process_, workers: 3, batchSize: 25 },
  ]
  worker = await startTestWorker(queues)
}, 60_000)

afterAll(async () => {
  configureOutbox(null)
  await fake?.receipts.settled()
  await worker?.stop()
  await stopBoss()
  await fake?.close()
})

async function breakerGauge(): Promise<number | undefined> {
  const m = await metricsRegistry.getSingleMetric('fm_provider_breaker_state')?.get()
  return m?.values.find((v) => v.labels.provider === 'telnyx')?.value
}

/** what the fake saw: requests, injected 5xx (chaos and outage) and latency spikes */
function fakeStats() {
  const faulted = (kind: string) => fake.requests.filter((r) => r.faults.some((f) => f.kind === kind)).length
  return {
    requests: fake.requests.length,
    errors: faulted('status'),
    spikes: faulted('latency'),
    maxInFlight: fake.maxInFlight,
    accepted: fake.accepted.length,
    receipts: fake.receipts.delivered,
  }
}

describe('SMS chaos', () => {
  it('1,000 SMS under 20 % 5xx, latency spikes and an outage: all delivered exactly once', async () => {
    const t0 = Date.now()
    // the outage must open the breaker (gauge 1) at some point of the run; it stays open for halfOpenAfterMs
    let finished = false
    const breakerOpened = waitFor(async () => ((await breakerGauge()) === 1 ? 'opened' : finished && 'never opened'), {
      timeoutMs: 100_000,
      everyMs: 10,
      what: 'the breaker to open',
    }).catch((err: Error) => err.message)

    // enqueue 1,000 (bulk enqueues of 50, as a sequence step for many leads would)
    const ids: string[] = []
    for (let i = 0; i < N; i += 50) {
      const chunk = await enqueueMessages({
        messages: Array.from({ length: Math.min(50, N - i) }, (_, j) => ({
          channel: 'SMS' as const,
          dedupeKey: `${PREFIX}${i + j}`,
          payload: { from: '+15550001111', to: '+15550002222', text: `${PREFIX}${i + j}` },
        })),
      })
      ids.push(...chunk.map((c) => c.id))
    }
    console.info(`[chaos] enqueued ${N} in ${Date.now() - t0} ms`)
    const progress = setInterval(async () => {
      const byStatus = await db.outboxMessage
        .groupBy({ by: ['status'], where: { dedupeKey: { startsWith: PREFIX } }, _count: { _all: true } })
        .catch(() => [])
      console.info(
        `[chaos] t=${Date.now() - t0} ${JSON.stringify(byStatus.map((b) => [b.status, b._count._all]))} fake=${JSON.stringify(fakeStats())}`,
      )
    }, 5_000)
    const receiptIds = () => fake.accepted.map((m) => `tev-${m.id}`)

    await waitFor(async () => (await db.outboxMessage.count({ where: { dedupeKey: { startsWith: PREFIX }, status: 'delivered' } })) === N, {
      timeoutMs: 85_000,
      everyMs: 500,
      what: 'all delivered',
    }).catch(async (err) => {
      const byStatus = await db.outboxMessage.groupBy({
        by: ['status'],
        where: { dedupeKey: { startsWith: PREFIX } },
        _count: { _all: true },
      })
      const hooks = await db.webhookEvent.groupBy({
        by: ['status'],
        where: { provider: 'TELNYX', eventId: { in: receiptIds() } },
        _count: { _all: true },
      })
      const sample = await db.outboxMessage.findMany({
        where: { dedupeKey: { startsWith: PREFIX }, status: { not: 'delivered' } },
        take: 3,
        select: { status: true, attempts: true, lastError: true, nextAttemptAt: true },
      })
      finished = true
      clearInterval(progress)
      console.error(
        '[chaos] stuck',
        JSON.stringify({ byStatus, hooks, sample, stats: fakeStats(), receiptErrors: fake.receipts.errors.slice(0, 3).map(String) }),
      )
      throw err
    })
    clearInterval(progress)
    await fake.receipts.settled()
    finished = true
    const breaker = await breakerOpened
    const elapsed = Date.now() - t0
    const stats = fakeStats()

    const calls = await metricsRegistry.getSingleMetric('fm_provider_calls_total')?.get()
    const unavailable =
      calls?.values.filter((v) => v.labels.provider === 'telnyx' && v.labels.outcome === 'unavailable').reduce((n, v) => n + v.value, 0) ??
      0
    console.info(
      `[chaos] ${N} SMS delivered in ${elapsed} ms; fake: ${stats.requests} requests, ${stats.errors} 5xx, ${stats.spikes} spikes, max in-flight ${stats.maxInFlight}, ${stats.receipts} receipts; breaker ${breaker}; breaker-refused calls ${unavailable}`,
    )

    // zero lost, zero duplicated: every dedupe key accepted exactly once at the fake
    const acceptedByText = new Map<string, string[]>()
    for (const m of fake.accepted) acceptedByText.set(m.text, [...(acceptedByText.get(m.text) ?? []), m.id])
    expect(acceptedByText.size).toBe(N)
    const dupes = [...acceptedByText.entries()].filter(([, v]) => v.length !== 1)
    expect(dupes).toEqual([])
    for (let i = 0; i < N; i++) expect(acceptedByText.has(`${PREFIX}${i}`)).toBe(true)

    const rows = await db.outboxMessage.findMany({
      where: { id: { in: ids } },
      select: { status: true, attempts: true, providerMessageId: true },
    })
    expect(rows.filter((r) => r.status !== 'delivered')).toEqual([])
    expect(new Set(rows.map((r) => r.providerMessageId)).size).toBe(N)
    expect(rows.filter((r) => r.attempts > 1).length).toBeGreaterThan(0)
    // one webhook event per receipt id even though 10 % were posted twice
    expect(fake.receipts.errors).toEqual([])
    expect(stats.receipts).toBe(N + Math.floor(N / 10))
    expect(await db.webhookEvent.count({ where: { provider: 'TELNYX', eventId: { in: receiptIds() } } })).toBe(N)

    // the chaos really happened
    expect(stats.errors).toBeGreaterThan(stats.requests * 0.12)
    expect(stats.spikes).toBeGreaterThan(stats.requests * 0.01)
    // breaker: opened (1) during the outage, then probed half-open and is closed (0) at the end
    expect(breaker).toBe('opened')
    expect(await breakerGauge()).toBe(0)
    expect(unavailable).toBeGreaterThan(0) // calls refused while the breaker was open

    expect(elapsed).toBeLessThan(90_000)
  }, 120_000)
})

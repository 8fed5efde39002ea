// storeWebhookEvents coalesces concurrent deliveries into shared INSERT + enqueue round trips. These tests pin
// what callers rely on: each event stored and enqueued exactly once whoever carried it, per-delivery counts
// that add up, batches really shared, and a poison delivery failing alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { stopBoss } from '@/lib/jobs/boss'
import { storeWebhookEvents } from '@/lib/webhooks/store-webhook-events'
import { uniq } from '@/tests/factories'
import { usePrivateBossSchema } from '@/tests/integration/outbox/harness'

let schema = ''
beforeAll(() => {
  schema = usePrivateBossSchema()
})
afterAll(async () => {
  await stopBoss()
})

const ev = (eventId: string) => ({ eventId, type: 'email.delivered', payload: { id: eventId, n: 1 } })

async function jobsFor(ids: string[]): Promise<number> {
  const rows = await db.$queryRawUnsafe<Array<{ n: number }>>(
    `SELECT count(*)::int AS n FROM "${schema}".job WHERE name = 'webhooks.process' AND data->>'id' = ANY($1::text[])`,
    ids,
  )
  return rows[0]!.n
}

describe('storeWebhookEvents (group commit)', () => {
  it('40 concurrent deliveries, overlapping duplicates: every event stored and enqueued once, counts add up, batches shared', async () => {
    const ids = Array.from({ length: 20 }, () => uniq('sg_'))
    // delivery i carries event i % 20 and, for even i, also event (i + 1) % 20: every event arrives 2–4 times
    const deliveries = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? [ev(ids[i % 20]!), ev(ids[(i + 1) % 20]!)] : [ev(ids[i % 20]!)]))
    const results = await Promise.all(deliveries.map((events) => storeWebhookEvents({ provider: 'SENDGRID', events })))

    expect(results.reduce((n, r) => n + r.stored, 0)).toBe(20)
    expect(results.reduce((n, r) => n + r.stored + r.duplicates, 0)).toBe(deliveries.flat().length)
    const rows = await db.webhookEvent.findMany({
      where: { provider: 'SENDGRID', eventId: { in: ids } },
      select: { id: true, receivedAt: true },
    })
    expect(rows).toHaveLength(20)
    expect(await jobsFor(rows.map((r) => r.id))).toBe(20)
    // rows written by one statement share its transaction timestamp: the first delivery goes alone (idle store),
    // the 39 that queue behind it share the next statement — not 20 separate writes
    expect(new Set(rows.map((r) => r.receivedAt.getTime())).size).toBeLessThanOrEqual(3)
  })

  it('a poison delivery (event id too long for the column) fails alone; the deliveries batched with it are stored', async () => {
    const good = Array.from({ length: 6 }, () => uniq('evt_'))
    const poison = 'x'.repeat(300)
    const settled = await Promise.allSettled([
      ...good.slice(0, 3).map((id) => storeWebhookEvents({ provider: 'LOB', events: [ev(id)] })),
      storeWebhookEvents({ provider: 'LOB', events: [ev(poison)] }),
      ...good.slice(3).map((id) => storeWebhookEvents({ provider: 'LOB', events: [ev(id)] })),
    ])
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled'])
    expect(
      settled.filter((s) => s.status === 'fulfilled').map((s) => (s as PromiseFulfilledResult<{ stored: number }>).value.stored),
    ).toEqual([1, 1, 1, 1, 1, 1])
    expect(await db.webhookEvent.count({ where: { provider: 'LOB', eventId: { in: good } } })).toBe(6)
    expect(await db.webhookEvent.count({ where: { provider: 'LOB', eventId: poison } })).toBe(0)
  })

  it('an idle store writes at once: a lone delivery is stored and enqueued before the promise settles', async () => {
    const id = uniq('evt_')
    expect(await storeWebhookEvents({ provider: 'STRIPE', events: [ev(id)] })).toEqual({ stored: 1, duplicates: 0 })
    const row = await db.webhookEvent.findUniqueOrThrow({ where: { provider_eventId: { provider: 'STRIPE', eventId: id } } })
    expect(await jobsFor([row.id])).toBe(1)
    expect(await storeWebhookEvents({ provider: 'STRIPE', events: [ev(id)] })).toEqual({ stored: 0, duplicates: 1 })
  })
})

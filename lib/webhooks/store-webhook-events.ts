// Stores verified webhook events and enqueues their processing, coalescing concurrent deliveries (group
// commit): while one INSERT + enqueue is in flight, the deliveries that arrive queue up and go together in the
// next one. An idle server therefore writes at once (no timer, no added latency); a busy one writes a handful
// of events per statement and per commit instead of one. Each caller still waits until ITS events are
// durably stored and enqueued (one transaction: an event is never stored without its job) before the route
// acks. A failing batch rolls back whole and is retried one delivery at a time, so a poison delivery fails alone.
import 'server-only'
import { sqlTransaction } from '@/lib/db'
import type { VerifiedEvent } from '@/lib/external/signed-webhook'
import { Prisma } from '@/lib/generated/prisma/client'
import type { WebhookProvider } from '@/lib/generated/prisma/enums'
import { prepareQueues } from '@/lib/jobs/enqueue'
import { enqueueWebhookProcessing, PROCESS_QUEUE } from '@/lib/webhooks/enqueue-webhook-processing'

export interface StoreResult {
  stored: number
  duplicates: number
}

interface Delivery {
  provider: WebhookProvider
  events: VerifiedEvent[]
  resolve: (r: StoreResult) => void
  reject: (err: unknown) => void
}

const MAX_BATCH_EVENTS = 500
const g = globalThis as unknown as { fmWebhookBatcher?: { queue: Delivery[]; busy: boolean } }
const state = () => (g.fmWebhookBatcher ??= { queue: [], busy: false })

export function storeWebhookEvents({ provider, events }: { provider: WebhookProvider; events: VerifiedEvent[] }): Promise<StoreResult> {
  if (!events.length) return Promise.resolve({ stored: 0, duplicates: 0 })
  return new Promise((resolve, reject) => {
    const s = state()
    s.queue.push({ provider, events, resolve, reject })
    if (!s.busy) void drain()
  })
}

async function drain() {
  const s = state()
  s.busy = true
  try {
    while (s.queue.length) {
      const batch: Delivery[] = []
      let n = 0
      while (s.queue.length && (batch.length === 0 || n + s.queue[0]!.events.length <= MAX_BATCH_EVENTS)) {
        const d = s.queue.shift()!
        batch.push(d)
        n += d.events.length
      }
      try {
        await write(batch)
      } catch (err) {
        if (batch.length === 1) batch[0]!.reject(err)
        else for (const d of batch) await write([d]).catch((e: unknown) => d.reject(e))
      }
    }
  } finally {
    s.busy = false
  }
}

/** One transaction per batch: one INSERT for every event, one enqueue for the new rows (stored ⇔ enqueued, one
 * WAL flush); then each delivery is settled. */
async function write(batch: Delivery[]) {
  const rows = batch.flatMap((d) => d.events.map((e) => ({ provider: d.provider, event_id: e.eventId, type: e.type, payload: e.payload })))
  await prepareQueues([PROCESS_QUEUE]) // outside the transaction (cached after the first call)
  const inserted = await sqlTransaction(async (run, client) => {
    // the unique (provider, event_id) index turns a redelivery into nothing
    const fresh = await run<{ id: string; provider: WebhookProvider; event_id: string }>(Prisma.sql`
      INSERT INTO webhook_events (provider, event_id, type, payload)
      SELECT e.provider::"WebhookProvider", e.event_id, e.type, e.payload
        FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS e(provider text, event_id varchar(255), type varchar(100), payload jsonb)
      ON CONFLICT (provider, event_id) DO NOTHING
      RETURNING id, provider::text AS provider, event_id`)
    await enqueueWebhookProcessing({ ids: fresh.map((r) => r.id), tx: client })
    return fresh
  })
  // the first delivery that carried an event gets the credit for storing it; later copies are duplicates
  const fresh = new Set(inserted.map((r) => `${r.provider}\u0000${r.event_id}`))
  for (const d of batch) {
    let stored = 0
    for (const e of d.events) if (fresh.delete(`${d.provider}\u0000${e.eventId}`)) stored++
    d.resolve({ stored, duplicates: d.events.length - stored })
  }
}

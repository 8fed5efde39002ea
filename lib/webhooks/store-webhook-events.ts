// Stores verified webhook events and enqueues their processing, coalescing concurrent deliveries (group
// commit): while one INSERT + enqueue is in flight, the deliveries that arrive queue up and go together in the
// next one. An idle server therefore writes at once (no timer, no added latency); a busy one writes a handful
// of events per statement and per commit instead of one. Each caller still waits until ITS events are
// durably stored and enqueued before the route acks. A batch whose INSERT fails is retried one delivery at a
// time, so a poison delivery fails alone; if the enqueue fails, every delivery of the batch fails (the
// provider retries; its events are stored, so the sweeper enqueues them).
import { sqlRows } from '@/lib/db'
import type { VerifiedEvent } from '@/lib/external/signed-webhook'
import { Prisma } from '@/lib/generated/prisma/client'
import type { WebhookProvider } from '@/lib/generated/prisma/enums'
import { enqueueWebhookProcessing } from '@/lib/webhooks/enqueue-webhook-processing'

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

class EnqueueFailed extends Error {
  constructor(cause: unknown) {
    super('enqueue failed', { cause })
  }
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
        if (batch.length === 1 || err instanceof EnqueueFailed) for (const d of batch) d.reject(err instanceof EnqueueFailed ? err.cause : err)
        else for (const d of batch) await write([d]).catch((e: unknown) => d.reject(e instanceof EnqueueFailed ? e.cause : e))
      }
    }
  } finally {
    s.busy = false
  }
}

/** One INSERT for every event of the batch, one enqueue for the new rows; settles each delivery. */
async function write(batch: Delivery[]) {
  const rows = batch.flatMap((d) => d.events.map((e) => ({ provider: d.provider, event_id: e.eventId, type: e.type, payload: e.payload })))
  // the unique (provider, event_id) index turns a redelivery into nothing
  const inserted = await sqlRows<{ id: string; provider: WebhookProvider; event_id: string }>(Prisma.sql`
    INSERT INTO webhook_events (provider, event_id, type, payload)
    SELECT e.provider::"WebhookProvider", e.event_id, e.type, e.payload
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS e(provider text, event_id varchar(255), type varchar(100), payload jsonb)
    ON CONFLICT (provider, event_id) DO NOTHING
    RETURNING id, provider::text AS provider, event_id`)
  try {
    await enqueueWebhookProcessing({ ids: inserted.map((r) => r.id) })
  } catch (err) {
    throw new EnqueueFailed(err)
  }
  // the first delivery that carried an event gets the credit for storing it; later copies are duplicates
  const fresh = new Set(inserted.map((r) => `${r.provider}\u0000${r.event_id}`))
  for (const d of batch) {
    let stored = 0
    for (const e of d.events) if (fresh.delete(`${d.provider}\u0000${e.eventId}`)) stored++
    d.resolve({ stored, duplicates: d.events.length - stored })
  }
}

// Webhooks in: raw body → verify → store (unique provider + event id) → enqueue processing → ack.
// Nothing is stored unless the signature and timestamp verify. A duplicate delivery inserts nothing and
// enqueues nothing. Processing never happens on the request path.
import type PgBoss from 'pg-boss'
import { sqlRows } from '@/lib/db'
import { Prisma } from '@/lib/generated/prisma/client'
import type { WebhookProvider } from '@/lib/generated/prisma/enums'
import { ensureQueue } from '@/lib/jobs/boss'
import { outboxMetrics } from '@/lib/outbox/outbox-metrics'
import { VERIFIERS } from '@/lib/webhooks/providers'

export const PROCESS_QUEUE = 'webhooks.process'

export interface ReceiveResult {
  received: number
  stored: number
  duplicates: number
}

export async function enqueueWebhookProcessing({ ids, db: conn }: { ids: string[]; db?: PgBoss.Db }): Promise<void> {
  if (!ids.length) return
  const boss = await ensureQueue(PROCESS_QUEUE)
  await boss.insert(ids.map((id) => ({ name: PROCESS_QUEUE, data: { id }, singletonKey: id })), conn ? { db: conn } : {})
}

export async function receiveWebhook({ provider, rawBody, headers }: { provider: WebhookProvider; rawBody: string; headers: Headers }): Promise<ReceiveResult> {
  let events
  try {
    events = VERIFIERS[provider]({ rawBody, headers })
  } catch (err) {
    outboxMetrics.webhooks.inc({ provider, result: 'rejected' })
    throw err
  }
  // one statement for the whole batch; the unique (provider, event_id) index turns a redelivery into nothing.
  // sqlRows (pg without Prisma's mapping): this is the hot path `npm run bench:webhooks` measures
  const batch = JSON.stringify(events.map((e) => ({ event_id: e.eventId, type: e.type, payload: e.payload })))
  const rows = await sqlRows<{ id: string }>(Prisma.sql`
    INSERT INTO webhook_events (provider, event_id, type, payload)
    SELECT ${provider}::"WebhookProvider", e.event_id, e.type, e.payload
      FROM jsonb_to_recordset(${batch}::jsonb) AS e(event_id varchar(255), type varchar(100), payload jsonb)
    ON CONFLICT (provider, event_id) DO NOTHING
    RETURNING id`)
  await enqueueWebhookProcessing({ ids: rows.map((r) => r.id) })
  const result = { received: events.length, stored: rows.length, duplicates: events.length - rows.length }
  if (result.stored) outboxMetrics.webhooks.inc({ provider, result: 'stored' }, result.stored)
  if (result.duplicates) outboxMetrics.webhooks.inc({ provider, result: 'duplicate' }, result.duplicates)
  return result
}

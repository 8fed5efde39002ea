// Webhooks in: raw body → verify → store (unique provider + event id) → enqueue processing → ack.
// Nothing is stored unless the signature and timestamp verify. A duplicate delivery inserts nothing and
// enqueues nothing. Processing never happens on the request path.
import type PgBoss from 'pg-boss'
import { db } from '@/lib/db'
import type { Prisma } from '@/lib/generated/prisma/client'
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
  const rows = await db.webhookEvent.createManyAndReturn({
    data: events.map((e) => ({ provider, eventId: e.eventId, type: e.type, payload: e.payload as Prisma.InputJsonValue })),
    skipDuplicates: true,
    select: { id: true },
  })
  await enqueueWebhookProcessing({ ids: rows.map((r) => r.id) })
  const result = { received: events.length, stored: rows.length, duplicates: events.length - rows.length }
  if (result.stored) outboxMetrics.webhooks.inc({ provider, result: 'stored' }, result.stored)
  if (result.duplicates) outboxMetrics.webhooks.inc({ provider, result: 'duplicate' }, result.duplicates)
  return result
}

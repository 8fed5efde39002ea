// Staff replay: puts a stored event back to `received` and enqueues it again, audited. Handlers are
// idempotent (Stripe re-syncs, receipts only move forward), so a replay is always safe.
import { db } from '@/lib/db'
import { writeAudit } from '@/lib/audit/write-audit'
import { notFound } from '@/lib/errors'
import { bossDbFor } from '@/lib/outbox/enqueue'
import { enqueueWebhookProcessing, PROCESS_QUEUE } from '@/lib/webhooks/enqueue-webhook-processing'
import { ensureQueue } from '@/lib/jobs/boss'

export async function replayWebhookEvent({ id, staffUserId }: { id: string; staffUserId: string }): Promise<{ id: string }> {
  await ensureQueue(PROCESS_QUEUE) // outside the transaction: a cold pg-boss start can be slow
  return db.$transaction(async (tx) => {
    const ev = await tx.webhookEvent.findUnique({ where: { id }, select: { id: true, provider: true, eventId: true, type: true, status: true } })
    if (!ev) throw notFound('Webhook event')
    await tx.$executeRaw`SELECT set_config('fm.webhook_replay', 'on', true)`
    await tx.webhookEvent.update({ where: { id }, data: { status: 'received', processedAt: null }, select: { id: true } })
    await writeAudit(tx, {
      actor: { type: 'STAFF', id: staffUserId },
      action: 'webhook.replay',
      targetType: 'webhook_event',
      targetId: id,
      before: { status: ev.status },
      after: { status: 'received', provider: ev.provider, eventId: ev.eventId, type: ev.type },
    })
    await enqueueWebhookProcessing({ ids: [id], db: bossDbFor(tx) })
    return { id }
  })
}

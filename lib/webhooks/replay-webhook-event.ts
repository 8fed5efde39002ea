// Staff replay: puts a stored event back to `received` and enqueues it again, audited. Handlers are
// idempotent (Stripe re-syncs, receipts only move forward), so a replay is always safe.
import 'server-only'
import { z } from 'zod'
import { db } from '@/lib/db'
import { notFound } from '@/lib/errors'
import { assertStaffCan, type Actor } from '@/lib/auth/actor'
import { writeStaffAudit } from '@/lib/audit/staff-audit'
import { enqueueWebhookProcessing, PROCESS_QUEUE } from '@/lib/webhooks/enqueue-webhook-processing'
import { prepareQueues } from '@/lib/jobs/enqueue'

/** Unsafe: looks the event up by id across all orgs — fine, only platform staff (staff.webhook.replay) get here. */
export async function unsafeReplayWebhookEvent({ actor, id }: { actor: Actor; id: string }): Promise<{ id: string }> {
  const staff = assertStaffCan(actor, 'staff.webhook.replay')
  if (!z.uuid().safeParse(id).success) throw notFound('Webhook event')
  await prepareQueues([PROCESS_QUEUE]) // outside the transaction: a cold pg-boss start can be slow
  return db.$transaction(async (tx) => {
    const ev = await tx.webhookEvent.findUnique({
      where: { id },
      select: { id: true, provider: true, eventId: true, type: true, status: true },
    })
    if (!ev) throw notFound('Webhook event')
    await tx.$executeRaw`SELECT set_config('fm.webhook_replay', 'on', true)`
    await tx.webhookEvent.update({ where: { id }, data: { status: 'received', processedAt: null }, select: { id: true } })
    await writeStaffAudit(tx, {
      actor: staff,
      action: 'webhook.replay',
      targetType: 'webhook_event',
      targetId: id,
      before: { status: ev.status },
      after: { status: 'received', provider: ev.provider, eventId: ev.eventId, type: ev.type },
    })
    await enqueueWebhookProcessing({ ids: [id], tx })
    return { id }
  })
}

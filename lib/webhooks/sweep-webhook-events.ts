// Re-enqueues webhook events whose job was lost (receipt stores the event and its job in one transaction, but a
// job can still be lost to an operator purge or a replay crash) or whose worker died mid-processing. Runs with
// its own schedule (webhooks.sweep) every minute.
import 'server-only'
import { db } from '@/lib/db'
import { enqueueWebhookProcessing } from '@/lib/webhooks/enqueue-webhook-processing'

/** Unscoped by org on purpose: webhook events have no org (it is resolved while processing); this only re-enqueues them. */
export async function unsafeSweepWebhookEvents({ limit = 500 }: { limit?: number } = {}): Promise<{ kicked: number }> {
  const rows = await db.$queryRaw<Array<{ id: string }>>`
    SELECT id FROM webhook_events
     WHERE (status = 'received' AND received_at < now() - interval '2 minutes')
        OR (status = 'processing' AND received_at < now() - interval '15 minutes' AND processed_at IS NULL)
     ORDER BY received_at LIMIT ${limit}`
  await enqueueWebhookProcessing({ ids: rows.map((r) => r.id) })
  return { kicked: rows.length }
}

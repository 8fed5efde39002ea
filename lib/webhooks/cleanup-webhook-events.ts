// Retention (queue webhooks.cleanup, nightly): processed events are kept 30 days, failed ones 90 days
// (long enough for staff to replay them), then deleted in bounded batches.
import 'server-only'
import { db } from '@/lib/db'

/** Unscoped by org on purpose: webhook events have no org, and retention is the same for everyone. */
export async function unsafeCleanupWebhookEvents({
  processedDays = 30,
  failedDays = 90,
  batch = 5000,
}: { processedDays?: number; failedDays?: number; batch?: number } = {}): Promise<{ deleted: number }> {
  let deleted = 0
  for (;;) {
    const n = await db.$executeRaw`
      DELETE FROM webhook_events WHERE id IN (
        SELECT id FROM webhook_events
         WHERE (status = 'processed' AND received_at < now() - ${processedDays} * interval '1 day')
            OR (status = 'failed' AND received_at < now() - ${failedDays} * interval '1 day')
         LIMIT ${batch})`
    deleted += n
    if (n < batch) return { deleted }
  }
}

// Queue handlers for inbound webhooks (registered in lib/worker/queues.ts; names, options and cron in
// lib/jobs/queue-definitions.ts).
import 'server-only'
import { queueDef, type QueueDef } from '@/lib/jobs/queue-definitions'
import { perJob } from '@/lib/jobs/per-job'
import { unsafeSweepWebhookEvents } from '@/lib/webhooks/sweep-webhook-events'
import { processWebhookEvent } from '@/lib/webhooks/process-webhook-event'
import { unsafeCleanupWebhookEvents } from '@/lib/webhooks/cleanup-webhook-events'

export const WEBHOOK_QUEUES: QueueDef[] = [
  // batches for throughput; a failing event is failed (and retried with backoff) on its own
  queueDef('webhooks.process', {
    batchSize: Number(process.env.FM_WEBHOOK_BATCH ?? 10),
    workers: Number(process.env.FM_WEBHOOK_WORKERS ?? 2),
    handler: perJob('webhooks.process', ({ id }) => processWebhookEvent({ id })),
  }),
  // re-kicks stored events whose processing job was lost (a crashed worker, a purged job)
  queueDef('webhooks.sweep', {
    handler: async () => {
      await unsafeSweepWebhookEvents()
    },
  }),
  queueDef('webhooks.cleanup', {
    handler: async () => {
      await unsafeCleanupWebhookEvents()
    },
  }),
]

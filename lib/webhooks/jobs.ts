// Queue definitions for inbound webhooks (registered in lib/jobs/queues.ts).
import type { QueueDef } from '@/lib/jobs/queues'
import { QUEUE_OPTIONS } from '@/lib/jobs/queue-options'
import { processWebhookEvent } from '@/lib/webhooks/process-webhook-event'
import { cleanupWebhookEvents } from '@/lib/webhooks/cleanup-webhook-events'
import { perJob } from '@/lib/jobs/per-job'

export const WEBHOOK_QUEUES: QueueDef[] = [
  {
    // batches for throughput; a failing event is failed (and retried with backoff) on its own
    name: 'webhooks.process',
    options: QUEUE_OPTIONS['webhooks.process'],
    batchSize: Number(process.env.FM_WEBHOOK_BATCH ?? 10),
    workers: Number(process.env.FM_WEBHOOK_WORKERS ?? 2),
    handler: perJob<{ id: string }>('webhooks.process', ({ id }) => processWebhookEvent({ id })),
  },
  {
    name: 'webhooks.cleanup',
    options: QUEUE_OPTIONS['webhooks.cleanup'],
    cron: '17 3 * * *',
    handler: async () => {
      await cleanupWebhookEvents()
    },
  },
]

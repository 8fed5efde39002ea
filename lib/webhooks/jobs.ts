// Queue definitions for inbound webhooks (registered in lib/jobs/queues.ts).
import type { QueueDef } from '@/lib/jobs/queues'
import { QUEUE_OPTIONS } from '@/lib/jobs/queue-options'
import { processWebhookEvent } from '@/lib/webhooks/process-webhook-event'
import { cleanupWebhookEvents } from '@/lib/webhooks/cleanup-webhook-events'

export const WEBHOOK_QUEUES: QueueDef[] = [
  {
    // batchSize 1: a failing event is retried on its own, with pg-boss's exponential backoff
    name: 'webhooks.process',
    options: QUEUE_OPTIONS['webhooks.process'],
    workers: Number(process.env.FM_WEBHOOK_WORKERS ?? 4),
    handler: async ([job]) => {
      if (job) await processWebhookEvent({ id: (job.data as { id: string }).id })
    },
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

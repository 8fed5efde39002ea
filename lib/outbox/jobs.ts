// Queue definitions for the outbox (registered in lib/jobs/queues.ts). Handlers stay thin.
import type { QueueDef } from '@/lib/jobs/queues'
import { QUEUE_OPTIONS } from '@/lib/jobs/queue-options'
import { perJob } from '@/lib/jobs/per-job'
import { dispatchOutboxMessage } from '@/lib/outbox/dispatch-outbox-message'
import { sweepOutbox } from '@/lib/outbox/sweep-outbox'
import { sweepWebhookEvents } from '@/lib/webhooks/sweep-webhook-events'

// A batch of dispatch jobs is sent in parallel; a provider failure never throws (the row records it), and an
// unexpected error (e.g. the database) fails only that job.
const dispatchHandler = perJob<{ id: string }>('outbox.dispatch', ({ id }) => dispatchOutboxMessage({ id }))

export const OUTBOX_QUEUES: QueueDef[] = [
  {
    name: 'outbox.dispatch',
    options: QUEUE_OPTIONS['outbox.dispatch'],
    batchSize: Number(process.env.FM_OUTBOX_BATCH ?? 10),
    workers: Number(process.env.FM_OUTBOX_WORKERS ?? 2),
    handler: dispatchHandler,
  },
  {
    name: 'outbox.sweep',
    options: QUEUE_OPTIONS['outbox.sweep'],
    cron: '* * * * *',
    // also re-kicks webhook events whose processing job was lost
    handler: async () => {
      await sweepOutbox()
      await sweepWebhookEvents()
    },
  },
]

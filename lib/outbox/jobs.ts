// Queue definitions for the outbox (registered in lib/jobs/queues.ts). Handlers stay thin.
import type PgBoss from 'pg-boss'
import type { QueueDef } from '@/lib/jobs/queues'
import { QUEUE_OPTIONS } from '@/lib/jobs/queue-options'
import { dispatchOutboxMessage } from '@/lib/outbox/dispatch-outbox-message'
import { sweepOutbox } from '@/lib/outbox/sweep-outbox'
import { sweepWebhookEvents } from '@/lib/webhooks/sweep-webhook-events'

// A batch of dispatch jobs is sent in parallel; dispatch never throws for a provider failure (the row records
// it), so one bad message never fails its batch-mates.
const dispatchHandler: PgBoss.WorkHandler<object> = async (jobs) => {
  await Promise.all(jobs.map((job) => dispatchOutboxMessage({ id: (job.data as { id: string }).id })))
}

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

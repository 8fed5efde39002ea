// Queue handlers for the outbox (registered in lib/worker/queues.ts; names, options and cron in
// lib/jobs/queue-definitions.ts). Handlers stay thin.
import 'server-only'
import { queueDef, type QueueDef } from '@/lib/jobs/queue-definitions'
import { perJob } from '@/lib/jobs/per-job'
import { dispatchOutboxMessage } from '@/lib/outbox/dispatch-outbox-message'
import { unsafeSweepOutbox } from '@/lib/outbox/sweep-outbox'

// A batch of dispatch jobs is sent in parallel; a provider failure never throws (the row records it), and an
// unexpected error (e.g. the database) fails only that job.
const dispatchHandler = perJob('outbox.dispatch', ({ id }) => dispatchOutboxMessage({ id }))

export const OUTBOX_QUEUES: QueueDef[] = [
  queueDef('outbox.dispatch', {
    batchSize: Number(process.env.FM_OUTBOX_BATCH ?? 10),
    workers: Number(process.env.FM_OUTBOX_WORKERS ?? 2),
    handler: dispatchHandler,
  }),
  queueDef('outbox.sweep', {
    handler: async () => {
      await unsafeSweepOutbox()
    },
  }),
]

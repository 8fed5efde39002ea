// Queue handlers of the Stripe lifecycle (registered in lib/worker/queues.ts; name, options and data in
// lib/jobs/queue-definitions.ts). billing.dunning: one org (`orgId`, queued when a payment fails) or, from the
// daily cron, every org due.
import 'server-only'
import { systemActor } from '@/lib/auth/actor'
import { queueDef, type QueueDef } from '@/lib/jobs/queue-definitions'
import { perJob } from '@/lib/jobs/per-job'
import { advanceDunning, unsafeRunDunningSweep } from '@/lib/billing/advance-dunning'

export const LIFECYCLE_QUEUES: QueueDef[] = [
  queueDef('billing.dunning', {
    handler: perJob('billing.dunning', ({ orgId }) =>
      orgId ? advanceDunning({ actor: systemActor({ process: 'billing', orgId }) }) : unsafeRunDunningSweep(),
    ),
  }),
]

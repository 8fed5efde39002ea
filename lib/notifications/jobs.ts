// Queue handlers of the notification centre (registered in lib/worker/queues.ts; name, options and data in
// lib/jobs/queue-definitions.ts). Each runs as the `notifications` system actor of the job's org.
import 'server-only'
import { systemActor } from '@/lib/auth/actor'
import { queueDef, type QueueDef } from '@/lib/jobs/queue-definitions'
import { perJob } from '@/lib/jobs/per-job'
import { notifyHotLead } from '@/lib/notifications/notify-hot-lead'

export const NOTIFICATION_QUEUES: QueueDef[] = [
  queueDef('notifications.hot-lead', {
    batchSize: 4,
    handler: perJob('notifications.hot-lead', ({ leadId, orgId }) =>
      notifyHotLead({ actor: systemActor({ process: 'notifications', orgId }), leadId }),
    ),
  }),
]

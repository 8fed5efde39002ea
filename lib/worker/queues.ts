// The registry of background queues the worker runs: definitions from lib/jobs/queue-definitions.ts, handlers
// from the domain jobs files. Handlers are thin: they call one domain function. Nothing in lib/<domain>
// imports this module (they import the leaf definitions), so there is no import loop.
import 'server-only'
import { systemActor } from '@/lib/auth/actor'
import { queueDef, type QueueDef } from '@/lib/jobs/queue-definitions'
import { OUTBOX_QUEUES } from '@/lib/outbox/jobs'
import { WEBHOOK_QUEUES } from '@/lib/webhooks/jobs'
import { SCAN_QUEUES } from '@/lib/scans/jobs'
import { NOTIFICATION_QUEUES } from '@/lib/notifications/jobs'
import { ENTITLEMENT_QUEUES } from '@/lib/billing/entitlement-jobs'
import { LIFECYCLE_QUEUES } from '@/lib/billing/lifecycle-jobs'
import { LEDGER_QUEUES } from '@/lib/billing/ledger-jobs'

export type { QueueDef }

export const QUEUES: QueueDef[] = [
  ...OUTBOX_QUEUES,
  ...WEBHOOK_QUEUES,
  ...SCAN_QUEUES,
  ...NOTIFICATION_QUEUES,
  ...ENTITLEMENT_QUEUES,
  ...LIFECYCLE_QUEUES,
  ...LEDGER_QUEUES,
  // lead CRM: CSV imports (lib/leads/run-import.ts). Resumable batches, so a retry continues where it stopped.
  queueDef('leads.import', {
    handler: async (jobs) => {
      const { runImport } = await import('@/lib/leads/run-import')
      for (const job of jobs)
        await runImport({ actor: systemActor({ process: 'leads.import', orgId: job.data.orgId }), importId: job.data.importId })
    },
  }),
  // REST API housekeeping: expired Idempotency-Key records and rate-limit windows (lib/api/purge-expired.ts).
  queueDef('api.purge-expired', {
    handler: async () => {
      const { unsafePurgeExpiredApiState } = await import('@/lib/api/purge-expired')
      await unsafePurgeExpiredApiState()
    },
  }),
]

// The registry of background queues. Handlers are thin: they call one domain function.
import type PgBoss from 'pg-boss'
import { OUTBOX_QUEUES } from '@/lib/outbox/jobs'
import { WEBHOOK_QUEUES } from '@/lib/webhooks/jobs'

export interface QueueDef {
  name: string
  options?: Omit<PgBoss.Queue, 'name'>
  batchSize?: number
  /** parallel pollers for this queue in one process (default 1); each takes up to batchSize jobs */
  workers?: number
  handler: PgBoss.WorkHandler<object>
  /** cron (UTC) for a scheduled queue; the worker registers it with boss.schedule */
  cron?: string
}

export const QUEUES: QueueDef[] = [...OUTBOX_QUEUES, ...WEBHOOK_QUEUES]

// lead CRM: CSV imports (lib/leads/run-import.ts). Resumable batches, so a retry continues where it stopped.
QUEUES.push({
  name: 'leads.import',
  options: { retryLimit: 3, retryDelay: 10, retryBackoff: true, expireInSeconds: 3600 },
  handler: async (jobs) => {
    const { runImport } = await import('@/lib/leads/run-import')
    for (const job of jobs) await runImport(job.data as { importId: string; orgId: string })
  },
})

// REST API housekeeping: expired Idempotency-Key records and rate-limit windows (lib/api/purge-expired.ts).
QUEUES.push({
  name: 'api.purge-expired',
  cron: '17 * * * *',
  handler: async () => {
    const { unsafePurgeExpiredApiState } = await import('@/lib/api/purge-expired')
    await unsafePurgeExpiredApiState()
  },
})

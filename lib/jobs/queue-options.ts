// Names and pg-boss options of the queues (no handlers here, so web processes can send without importing
// worker code). Handlers are registered in lib/jobs/queues.ts.
import type PgBoss from 'pg-boss'

export const QUEUE_OPTIONS = {
  /** one job per outbox row; "short" = at most one waiting job per singletonKey (the row id) */
  'outbox.dispatch': { policy: 'short', retryLimit: 2, retryDelay: 5, retryBackoff: true, expireInSeconds: 15 * 60 },
  /** re-kicks due rows, settles expired leases, re-kicks stuck webhook events; every minute */
  'outbox.sweep': { policy: 'singleton', retryLimit: 0, expireInSeconds: 5 * 60 },
  /** one job per webhook_events row; failures retried with exponential backoff, then left failed for staff */
  'webhooks.process': { policy: 'short', retryLimit: 6, retryDelay: 5, retryBackoff: true, expireInSeconds: 5 * 60 },
  /** deletes processed webhook events past retention; nightly */
  'webhooks.cleanup': { policy: 'singleton', retryLimit: 1, expireInSeconds: 15 * 60 },
} satisfies Record<string, Omit<PgBoss.Queue, 'name'>>

export type QueueName = keyof typeof QUEUE_OPTIONS

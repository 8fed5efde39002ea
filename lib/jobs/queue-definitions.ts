// Every background queue: its name, the data its jobs carry, its pg-boss options and its cron when scheduled.
// A leaf module (no handlers, no domain imports), so web processes can enqueue without loading worker code and
// the domain jobs files (lib/<domain>/jobs.ts) can build their handlers on it without an import loop.
// Handlers are registered in lib/worker/queues.ts; jobs are sent with lib/jobs/enqueue.ts.
import 'server-only'
import type PgBoss from 'pg-boss'

/** What a job of each queue carries (scheduled queues get `{}` from pg-boss's cron). */
export interface JobDataMap {
  'outbox.dispatch': { id: string }
  'outbox.sweep': Record<string, never>
  'webhooks.process': { id: string }
  'webhooks.sweep': Record<string, never>
  'webhooks.cleanup': Record<string, never>
  'leads.import': { importId: string; orgId: string }
  'api.purge-expired': Record<string, never>
  'scans.discover': { scanId: string; orgId: string }
  'scans.property': { propertyId: string; orgId: string }
  'notifications.hot-lead': { leadId: string; orgId: string }
  'billing.spend-warning': { orgId: string; periodStart: string; percent: 80 | 90 | 100 }
  'billing.sweep-reservations': Record<string, never>
  'billing.reconcile': Record<string, never>
  'billing.trial-expiry': Record<string, never>
  'billing.lead-credit': { disputeId: string; orgId: string }
  /** the dunning clock: one org (`orgId`, e.g. right after a payment failed) or, from the daily cron, every org due */
  'billing.dunning': { orgId?: string }
}

export type QueueName = keyof JobDataMap
export type JobData<Q extends QueueName> = JobDataMap[Q]
export type QueueOptions = Omit<PgBoss.Queue, 'name'>

export interface QueueDefinition {
  options: QueueOptions
  /** cron (UTC) for a scheduled queue; the worker registers it with boss.schedule */
  cron?: string
}

export const QUEUE_DEFINITIONS: { readonly [Q in QueueName]: QueueDefinition } = {
  /** one job per outbox row (lib/outbox); "short" = at most one waiting job per singletonKey (the row id) */
  'outbox.dispatch': { options: { policy: 'short', retryLimit: 2, retryDelay: 5, retryBackoff: true, expireInSeconds: 15 * 60 } },
  /** re-kicks due rows and settles expired leases; every minute */
  'outbox.sweep': { options: { policy: 'singleton', retryLimit: 0, expireInSeconds: 5 * 60 }, cron: '* * * * *' },
  /** one job per webhook_events row; failures retried with exponential backoff, then left failed for staff */
  'webhooks.process': { options: { policy: 'short', retryLimit: 6, retryDelay: 5, retryBackoff: true, expireInSeconds: 5 * 60 } },
  /** deletes processed webhook events past retention; nightly */
  /** re-kicks stored webhook events whose processing job was lost; every minute */
  'webhooks.sweep': { options: { policy: 'singleton', retryLimit: 0, expireInSeconds: 5 * 60 }, cron: '* * * * *' },
  'webhooks.cleanup': { options: { policy: 'singleton', retryLimit: 1, expireInSeconds: 15 * 60 }, cron: '17 3 * * *' },
  /** one job per CSV import (lib/leads/run-import.ts); resumable batches, so a retry continues where it stopped */
  'leads.import': { options: { retryLimit: 3, retryDelay: 10, retryBackoff: true, expireInSeconds: 60 * 60 } },
  /** expired Idempotency-Key records and rate-limit windows (lib/api/purge-expired.ts); hourly */
  'api.purge-expired': { options: { policy: 'singleton', retryLimit: 1, expireInSeconds: 15 * 60 }, cron: '17 * * * *' },
  /** finds a scan's properties and queues one scans.property job each (lib/scans/run-scan-discovery.ts) */
  'scans.discover': { options: { policy: 'short', retryLimit: 2, retryDelay: 15, retryBackoff: true, expireInSeconds: 10 * 60 } },
  /** advances one property through imagery → AI assessment → score; each stage stored before the next
   *  (lib/scans/advance-scan-property.ts), so a retry resumes where the last attempt stopped */
  'scans.property': { options: { policy: 'short', retryLimit: 2, retryDelay: 10, retryBackoff: true, expireInSeconds: 2 * 60 } },
  /** alerts the org's managers that a lead turned HOT (lib/notifications/notify-hot-lead.ts): in-app + email, each
   *  with a dedupe key, so a retry or a re-score never alerts twice; "short" = one waiting job per lead */
  'notifications.hot-lead': { options: { policy: 'short', retryLimit: 5, retryDelay: 5, retryBackoff: true, expireInSeconds: 5 * 60 } },
  /** tells the OWNERs that spend crossed 80/90/100 % of the cap (lib/billing/spend-warnings.ts); one per threshold */
  'billing.spend-warning': { options: { policy: 'short', retryLimit: 5, retryDelay: 10, retryBackoff: true, expireInSeconds: 5 * 60 } },
  /** releases spend reservations left RESERVED for over an hour (a crash between reserve and commit); every 10 min */
  'billing.sweep-reservations': { options: { policy: 'singleton', retryLimit: 1, expireInSeconds: 5 * 60 }, cron: '*/10 * * * *' },
  /** compares the usage ledger with what Stripe accepted (lib/billing/reconcile-usage.ts); daily */
  'billing.reconcile': { options: { policy: 'singleton', retryLimit: 2, retryDelay: 300, expireInSeconds: 30 * 60 }, cron: '41 4 * * *' },
  /** ends trials past trial_ends_at → TRIAL_ENDED, audited, owners told (lib/billing/expire-trials.ts); hourly */
  'billing.trial-expiry': { options: { policy: 'singleton', retryLimit: 1, expireInSeconds: 15 * 60 }, cron: '7 * * * *' },
  /** puts a credited lead fee on the customer's Stripe balance (lib/billing/apply-lead-credit.ts), idempotency key
   *  credit:<usage event id>; "short" = one waiting job per dispute */
  'billing.lead-credit': { options: { policy: 'short', retryLimit: 8, retryDelay: 30, retryBackoff: true, expireInSeconds: 5 * 60 } },
  /** advances past-due accounts from their stored dates (lib/billing/advance-dunning.ts): day 0/3/7/14 emails, retries,
   *  read-only, cancel; re-reads Stripe first, so a lost webhook cannot stall or wrongly advance it; daily + per org */
  'billing.dunning': {
    options: { policy: 'short', retryLimit: 3, retryDelay: 60, retryBackoff: true, expireInSeconds: 15 * 60 },
    cron: '23 6 * * *',
  },
}

export const QUEUE_NAMES = Object.keys(QUEUE_DEFINITIONS) as QueueName[]

/** A queue as the worker runs it: its definition plus how it is worked. Built by the domain jobs files with
 *  `queueDef`, collected in lib/worker/queues.ts. */
export interface QueueDef {
  name: string
  options?: QueueOptions
  cron?: string
  batchSize?: number
  /** parallel pollers for this queue in one process (default 1); each takes up to batchSize jobs */
  workers?: number
  handler: PgBoss.WorkHandler<object>
}

export function queueDef<Q extends QueueName>(
  name: Q,
  worker: { handler: PgBoss.WorkHandler<JobData<Q>>; batchSize?: number; workers?: number },
): QueueDef {
  const { options, cron } = QUEUE_DEFINITIONS[name]
  return { name, options, ...(cron ? { cron } : {}), ...worker, handler: worker.handler as PgBoss.WorkHandler<object> }
}

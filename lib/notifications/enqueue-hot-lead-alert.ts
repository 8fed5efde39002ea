// How the scan pipeline asks for a HOT-lead alert: a notifications.hot-lead job inserted in the caller's scoring
// transaction, so the alert exists exactly when the score that made the lead HOT committed. The job checks the
// band again when it runs and every alert has a dedupe key, so calling this for a lead that was already HOT (or
// twice) is harmless. singletonKey = the lead: at most one waiting job per lead ("short" policy).
import 'server-only'
import { enqueue, prepareQueues, type JobTx } from '@/lib/jobs/enqueue'
import type { QueueName } from '@/lib/jobs/queue-definitions'

export const HOT_LEAD_QUEUE = 'notifications.hot-lead' satisfies QueueName

/** Starts pg-boss and creates the queue outside any transaction (call before opening the scoring transaction;
 *  cached, so only the first call per process does work). */
export async function prepareHotLeadAlerts(): Promise<void> {
  await prepareQueues([HOT_LEAD_QUEUE])
}

/** Queues the alert for `leadId` in `tx`. Returns the job id, or null when one is already waiting for this lead. */
export async function enqueueHotLeadAlert({ tx, leadId, orgId }: { tx: JobTx; leadId: string; orgId: string }): Promise<string | null> {
  return enqueue({ queue: HOT_LEAD_QUEUE, data: { leadId, orgId }, tx, options: { singletonKey: leadId } })
}

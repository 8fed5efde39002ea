// One pg-boss job per stored webhook event (singletonKey = event id, so a re-kick never doubles a waiting job).
// Used on receipt (store-webhook-events.ts, in its raw pg transaction), by the sweeper and by the admin replay
// (in its Prisma transaction).
import 'server-only'
import { enqueueMany, type JobTx } from '@/lib/jobs/enqueue'
import type { QueueName } from '@/lib/jobs/queue-definitions'

export const PROCESS_QUEUE = 'webhooks.process' satisfies QueueName

export async function enqueueWebhookProcessing({ ids, tx }: { ids: string[]; tx?: JobTx }): Promise<void> {
  await enqueueMany({ queue: PROCESS_QUEUE, jobs: ids.map((id) => ({ data: { id }, singletonKey: id })), tx })
}

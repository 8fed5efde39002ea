// One pg-boss job per stored webhook event (singletonKey = event id, so a re-kick never doubles a waiting job).
// Used on receipt (store-webhook-events.ts), by the sweeper and by the admin replay (in its transaction).
import type PgBoss from 'pg-boss'
import { ensureQueue } from '@/lib/jobs/boss'

export const PROCESS_QUEUE = 'webhooks.process'

export async function enqueueWebhookProcessing({ ids, db: conn }: { ids: string[]; db?: PgBoss.Db }): Promise<void> {
  if (!ids.length) return
  const boss = await ensureQueue(PROCESS_QUEUE)
  await boss.insert(ids.map((id) => ({ name: PROCESS_QUEUE, data: { id }, singletonKey: id })), conn ? { db: conn } : {})
}

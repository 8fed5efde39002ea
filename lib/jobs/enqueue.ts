// The one way to send a background job. With `tx`, the job row is inserted through the caller's transaction
// connection (pg-boss's `db` option), so it commits or rolls back with the row it is about: a committed row
// always has its job, a rolled-back one never does. Without `tx` it is sent on pg-boss's own pool.
// The queue is created once per process on pg-boss's own pool, never inside the caller's transaction; a caller
// that opens a transaction should call `prepareQueues` before it (a cold pg-boss start could otherwise outlast
// the transaction timeout).
import 'server-only'
import type PgBoss from 'pg-boss'
import type { Tx } from '@/lib/db'
import { ensureQueue } from '@/lib/jobs/boss'
import { QUEUE_NAMES, type JobData, type QueueName } from '@/lib/jobs/queue-definitions'

/** The caller's transaction: a Prisma transaction client (anything with `$queryRawUnsafe`), or a node-postgres
 *  client inside BEGIN (`sqlTransaction`'s client). */
export type JobTx = Pick<Tx, '$queryRawUnsafe'> | { query: (text: string, values: unknown[]) => Promise<{ rows: unknown[] }> }

export type EnqueueOptions = Omit<PgBoss.SendOptions, 'db'>
export type JobInsert<Q extends QueueName> = Omit<PgBoss.JobInsert<JobData<Q>>, 'name' | 'data'> & { data: JobData<Q> }

/** pg-boss's `db` option: run its SQL on the caller's transaction connection. */
export function bossDbFor(tx: JobTx): PgBoss.Db {
  if ('$queryRawUnsafe' in tx)
    return { executeSql: async (text, values) => ({ rows: await tx.$queryRawUnsafe<unknown[]>(text, ...values) }) }
  return { executeSql: (text, values) => tx.query(text, values) }
}

/** Starts pg-boss and creates the queues (all of them by default). Cached: only the first call per process works. */
export async function prepareQueues(queues: readonly QueueName[] = QUEUE_NAMES): Promise<void> {
  await Promise.all(queues.map((q) => ensureQueue(q)))
}

/** Sends one job. Returns its id, or null when the queue's policy kept an already waiting job with the same
 *  singletonKey (the "short" policy). */
export async function enqueue<Q extends QueueName>({
  queue,
  data,
  tx,
  options = {},
}: {
  queue: Q
  data: JobData<Q>
  tx?: JobTx
  options?: EnqueueOptions
}): Promise<string | null> {
  const boss = await ensureQueue(queue)
  return boss.send(queue, data, tx ? { ...options, db: bossDbFor(tx) } : options)
}

/** Sends many jobs of one queue in one INSERT (same rules as `enqueue`). */
export async function enqueueMany<Q extends QueueName>({ queue, jobs, tx }: { queue: Q; jobs: JobInsert<Q>[]; tx?: JobTx }): Promise<void> {
  if (!jobs.length) return
  const boss = await ensureQueue(queue)
  await boss.insert(
    jobs.map((j) => ({ ...j, name: queue })),
    tx ? { db: bossDbFor(tx) } : {},
  )
}

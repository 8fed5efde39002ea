// Puts a message in the outbox: insert-or-return-existing on the unique dedupe key, so a crash, a retry or a
// replay of the caller never creates a second message. The dispatch job is inserted in the SAME transaction
// (lib/jobs/enqueue.ts writes through the caller's connection), so a committed row always has its job; the
// sweeper covers anything else (e.g. a job lost with a restored database).
import 'server-only'
import { z } from 'zod'
import { db, type Tx } from '@/lib/db'
import { enqueue as enqueueJob, prepareQueues, type JobTx } from '@/lib/jobs/enqueue'
import type { QueueName } from '@/lib/jobs/queue-definitions'
import type { OutboxChannel, OutboxStatus } from '@/lib/generated/prisma/enums'
import { PAYLOAD_SCHEMAS } from '@/lib/outbox/payloads'

export const DISPATCH_QUEUE = 'outbox.dispatch' satisfies QueueName

export const enqueueInput = z.object({
  channel: z.enum(['EMAIL', 'SMS', 'CALL', 'MAIL', 'METER']),
  dedupeKey: z.string().min(1).max(200),
  payload: z.unknown(),
  orgId: z.uuid().nullable().optional(),
})
export type EnqueueInput = z.input<typeof enqueueInput>

export interface EnqueueResult {
  id: string
  status: OutboxStatus
  /** false when the dedupe key already existed (nothing new was queued) */
  created: boolean
}

/** Asks a worker to dispatch `id` now or at `startAfter` (no-op if a job for it is already waiting); in the
 *  caller's transaction when `client` is given. */
export async function kickDispatch({ id, startAfter, client }: { id: string; startAfter?: Date; client?: JobTx }): Promise<void> {
  await enqueueJob({
    queue: DISPATCH_QUEUE,
    data: { id },
    tx: client,
    options: { singletonKey: id, ...(startAfter ? { startAfter } : {}) },
  })
}

/** Starts pg-boss and creates the dispatch queue outside any transaction (a cold start inside one could
 *  outlast the transaction timeout). Cached: only the first call per process does work. */
export async function prepareOutbox(): Promise<void> {
  await prepareQueues([DISPATCH_QUEUE])
}

/** One message; with `tx`, in the caller's transaction (the row and its dispatch job commit together). */
export async function enqueueMessage({ tx, ...raw }: EnqueueInput & { tx?: Tx }): Promise<EnqueueResult> {
  const input = enqueueInput.parse(raw)
  const payload = PAYLOAD_SCHEMAS[input.channel as OutboxChannel].parse(input.payload)
  const run = async (client: Tx): Promise<EnqueueResult> => {
    const inserted = await client.$queryRaw<Array<{ id: string; status: OutboxStatus }>>`
      INSERT INTO outbox_messages (org_id, channel, dedupe_key, payload, updated_at)
      VALUES (${input.orgId ?? null}::uuid, ${input.channel}::"OutboxChannel", ${input.dedupeKey}, ${JSON.stringify(payload)}::jsonb, now())
      ON CONFLICT (dedupe_key) DO NOTHING
      RETURNING id, status`
    if (inserted[0]) {
      await kickDispatch({ id: inserted[0].id, client })
      return { ...inserted[0], created: true }
    }
    const existing = await client.outboxMessage.findUniqueOrThrow({
      where: { dedupeKey: input.dedupeKey },
      select: { id: true, status: true },
    })
    return { ...existing, created: false }
  }
  if (tx) return run(tx)
  await prepareOutbox()
  // a busy pool (bulk sends) must wait for a connection rather than fail the enqueue
  return db.$transaction(run, { maxWait: 10_000, timeout: 15_000 })
}

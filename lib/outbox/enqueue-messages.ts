// Bulk form of enqueue (sequence steps for hundreds of leads, the chaos test): one INSERT for all rows and
// one pg-boss insert for their jobs, in one transaction. Same dedupe rule: existing keys are returned as-is.
import 'server-only'
import { db, type Tx } from '@/lib/db'
import { Prisma } from '@/lib/generated/prisma/client'
import type { OutboxChannel, OutboxStatus } from '@/lib/generated/prisma/enums'
import { enqueueMany as enqueueJobs } from '@/lib/jobs/enqueue'
import { DISPATCH_QUEUE, enqueueInput, prepareOutbox, type EnqueueInput, type EnqueueResult } from '@/lib/outbox/enqueue-message'
import { PAYLOAD_SCHEMAS } from '@/lib/outbox/payloads'

export async function enqueueMessages({ messages: raw, tx }: { messages: EnqueueInput[]; tx?: Tx }): Promise<EnqueueResult[]> {
  if (!raw.length) return []
  const inputs = raw.map((r) => {
    const input = enqueueInput.parse(r)
    return { ...input, payload: PAYLOAD_SCHEMAS[input.channel as OutboxChannel].parse(input.payload) }
  })
  const run = async (client: Tx): Promise<EnqueueResult[]> => {
    const values = inputs.map(
      (i) =>
        Prisma.sql`(${i.orgId ?? null}::uuid, ${i.channel}::"OutboxChannel", ${i.dedupeKey}, ${JSON.stringify(i.payload)}::jsonb, now())`,
    )
    const inserted = await client.$queryRaw<Array<{ id: string; dedupe_key: string; status: OutboxStatus }>>`
      INSERT INTO outbox_messages (org_id, channel, dedupe_key, payload, updated_at) VALUES ${Prisma.join(values)}
      ON CONFLICT (dedupe_key) DO NOTHING
      RETURNING id, dedupe_key, status`
    await enqueueJobs({ queue: DISPATCH_QUEUE, jobs: inserted.map((r) => ({ data: { id: r.id }, singletonKey: r.id })), tx: client })
    const created = new Map(inserted.map((r) => [r.dedupe_key, r]))
    const missing = inputs.filter((i) => !created.has(i.dedupeKey)).map((i) => i.dedupeKey)
    const existing = missing.length
      ? await client.outboxMessage.findMany({ where: { dedupeKey: { in: missing } }, select: { id: true, status: true, dedupeKey: true } })
      : []
    const found = new Map(existing.map((e) => [e.dedupeKey, e]))
    return inputs.map((i) => {
      const c = created.get(i.dedupeKey)
      if (c) return { id: c.id, status: c.status, created: true }
      const e = found.get(i.dedupeKey)!
      return { id: e.id, status: e.status, created: false }
    })
  }
  if (tx) return run(tx)
  await prepareOutbox()
  // a busy pool (bulk sends) must wait for a connection rather than fail the enqueue
  return db.$transaction(run, { maxWait: 10_000, timeout: 15_000 })
}

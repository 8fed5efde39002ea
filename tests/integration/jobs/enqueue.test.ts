// lib/jobs/enqueue.ts: a job sent with `tx` is written through the caller's transaction (invisible until it
// commits, gone if it rolls back), on a Prisma transaction and on a raw node-postgres one alike.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db, sqlTransaction } from '@/lib/db'
import { stopBoss } from '@/lib/jobs/boss'
import { enqueue, enqueueMany, prepareQueues } from '@/lib/jobs/enqueue'
import { uniq } from '@/tests/factories'
import { usePrivateBossSchema } from '@/tests/integration/outbox/harness'

let schema = ''
beforeAll(async () => {
  schema = usePrivateBossSchema()
  await prepareQueues()
})
afterAll(() => stopBoss())

async function jobs(queue: string, key: string, value: string): Promise<Array<{ retry_limit: number; singleton_key: string | null }>> {
  return db.$queryRawUnsafe(`SELECT retry_limit, singleton_key FROM "${schema}".job WHERE name = $1 AND data->>$2 = $3`, queue, key, value)
}

describe('enqueue', () => {
  it('without tx: sends at once, with the queue options from the definitions', async () => {
    const importId = uniq('imp-')
    const id = await enqueue({ queue: 'leads.import', data: { importId, orgId: 'o' } })
    expect(id).toEqual(expect.any(String))
    expect(await jobs('leads.import', 'importId', importId)).toEqual([{ retry_limit: 3, singleton_key: null }])
  })

  it('with a Prisma tx: invisible to others until commit, gone on rollback', async () => {
    const id = uniq('msg-')
    await db.$transaction(async (tx) => {
      await enqueue({ queue: 'outbox.dispatch', data: { id }, tx, options: { singletonKey: id } })
      expect(await jobs('outbox.dispatch', 'id', id)).toHaveLength(0) // another connection does not see it yet
    })
    expect(await jobs('outbox.dispatch', 'id', id)).toEqual([{ retry_limit: 2, singleton_key: id }])

    const lost = uniq('msg-')
    await expect(
      db.$transaction(async (tx) => {
        await enqueue({ queue: 'outbox.dispatch', data: { id: lost }, tx })
        throw new Error('caller failed')
      }),
    ).rejects.toThrow('caller failed')
    expect(await jobs('outbox.dispatch', 'id', lost)).toHaveLength(0)
  })

  it('with a node-postgres client in BEGIN (sqlTransaction): same rule', async () => {
    const id = uniq('ev-')
    await sqlTransaction(async (_run, client) => {
      await enqueueMany({ queue: 'webhooks.process', jobs: [{ data: { id }, singletonKey: id }], tx: client })
      expect(await jobs('webhooks.process', 'id', id)).toHaveLength(0)
    })
    expect(await jobs('webhooks.process', 'id', id)).toHaveLength(1)

    const lost = uniq('ev-')
    await expect(
      sqlTransaction(async (_run, client) => {
        await enqueue({ queue: 'webhooks.process', data: { id: lost }, tx: client })
        throw new Error('caller failed')
      }),
    ).rejects.toThrow('caller failed')
    expect(await jobs('webhooks.process', 'id', lost)).toHaveLength(0)
  })

  it('"short" policy: a second job with the same singletonKey while one waits is dropped (null)', async () => {
    const id = uniq('msg-')
    expect(await enqueue({ queue: 'outbox.dispatch', data: { id }, options: { singletonKey: id } })).toEqual(expect.any(String))
    expect(await enqueue({ queue: 'outbox.dispatch', data: { id }, options: { singletonKey: id } })).toBeNull()
    await enqueueMany({ queue: 'outbox.dispatch', jobs: [{ data: { id }, singletonKey: id }] })
    expect(await jobs('outbox.dispatch', 'id', id)).toHaveLength(1)
  })
})

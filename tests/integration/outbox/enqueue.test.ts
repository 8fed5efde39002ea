import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { getBoss, stopBoss } from '@/lib/jobs/boss'
import { DISPATCH_QUEUE, enqueueMessage } from '@/lib/outbox/enqueue-message'
import { uniq } from '@/tests/factories'

beforeAll(() => {
  process.env.FM_BOSS_SCHEMA = `pgboss_${uniq('t').slice(1)}`
})
afterAll(() => stopBoss())

const sms = () => ({ from: '+15550001111', to: '+15550002222', text: 'hello' })

async function jobsFor(id: string) {
  const boss = await getBoss()
  const schema = process.env.FM_BOSS_SCHEMA
  const r = await db.$queryRawUnsafe<Array<{ n: bigint }>>(
    `SELECT count(*) AS n FROM ${schema}.job WHERE name = $1 AND singleton_key = $2`,
    DISPATCH_QUEUE,
    id,
  )
  void boss
  return Number(r[0]!.n)
}

describe('enqueue', () => {
  it('inserts once per dedupe key and returns the existing row on replay', async () => {
    const key = uniq('sms:')
    const a = await enqueueMessage({ channel: 'SMS', dedupeKey: key, payload: sms() })
    const b = await enqueueMessage({ channel: 'SMS', dedupeKey: key, payload: sms() })
    expect(a.created).toBe(true)
    expect(b).toEqual({ id: a.id, status: 'queued', created: false })
    expect(await db.outboxMessage.count({ where: { dedupeKey: key } })).toBe(1)
    expect(await jobsFor(a.id)).toBe(1)
  })

  it('concurrent enqueues of the same key create one row', async () => {
    const key = uniq('sms:')
    const results = await Promise.all(Array.from({ length: 8 }, () => enqueueMessage({ channel: 'SMS', dedupeKey: key, payload: sms() })))
    expect(new Set(results.map((r) => r.id)).size).toBe(1)
    expect(results.filter((r) => r.created)).toHaveLength(1)
    expect(await db.outboxMessage.count({ where: { dedupeKey: key } })).toBe(1)
  })

  it('the row and its job commit or roll back together with the caller transaction', async () => {
    const key = uniq('sms:')
    let id = ''
    await expect(
      db.$transaction(async (tx) => {
        id = (await enqueueMessage({ channel: 'SMS', dedupeKey: key, payload: sms(), tx })).id
        throw new Error('caller failed')
      }),
    ).rejects.toThrow('caller failed')
    expect(await db.outboxMessage.count({ where: { dedupeKey: key } })).toBe(0)
    expect(await jobsFor(id)).toBe(0)

    const ok = await db.$transaction((tx) => enqueueMessage({ channel: 'SMS', dedupeKey: key, payload: sms(), tx }))
    expect(await jobsFor(ok.id)).toBe(1)
  })

  it('rejects a payload that does not fit the channel', async () => {
    await expect(enqueueMessage({ channel: 'SMS', dedupeKey: uniq('sms:'), payload: { to: 'nope' } })).rejects.toThrow()
  })
})

describe('enqueueMessages', () => {
  it('inserts new keys, returns existing ones, one job per new row', async () => {
    const { enqueueMessages } = await import('@/lib/outbox/enqueue-messages')
    const keys = [uniq('sms:'), uniq('sms:'), uniq('sms:')]
    const first = await enqueueMessage({ channel: 'SMS', dedupeKey: keys[0]!, payload: sms() })
    const res = await enqueueMessages({ messages: keys.map((k) => ({ channel: 'SMS' as const, dedupeKey: k, payload: sms() })) })
    expect(res.map((r) => r.created)).toEqual([false, true, true])
    expect(res[0]!.id).toBe(first.id)
    for (const r of res) expect(await jobsFor(r.id)).toBe(1)
    const again = await enqueueMessages({ messages: keys.map((k) => ({ channel: 'SMS' as const, dedupeKey: k, payload: sms() })) })
    expect(again.map((r) => r.id)).toEqual(res.map((r) => r.id))
    expect(again.every((r) => !r.created)).toBe(true)
  })
})

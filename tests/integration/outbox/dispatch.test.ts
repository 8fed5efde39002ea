import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { stopBoss } from '@/lib/jobs/boss'
import { claimOutboxMessage } from '@/lib/outbox/claim-outbox-message'
import { configureOutbox } from '@/lib/outbox/config'
import { dispatchOutboxMessage } from '@/lib/outbox/dispatch-outbox-message'
import { enqueueMessage } from '@/lib/outbox/enqueue-message'
import { overrideSender, type OutboxSender } from '@/lib/outbox/senders'
import { unsafeSweepOutbox } from '@/lib/outbox/sweep-outbox'
import { unsafeRetryOutboxMessage } from '@/lib/outbox/retry-outbox-message'
import { staffActor } from '@/lib/auth/actor'
import { unsafeListOutboxDeadLetters } from '@/lib/outbox/list-outbox-dead-letters'
import { createUser, uniq } from '@/tests/factories'
import { usePrivateBossSchema } from '@/tests/integration/outbox/harness'
import { waitFor } from '@/tests/wait-for'

const PREFIX = uniq('dispatch-test:')
beforeAll(() => {
  usePrivateBossSchema()
  configureOutbox({ maxAttempts: 3, backoffBaseMs: 1_000, backoffCapMs: 60_000, leaseMs: 60_000 })
})
afterEach(() => {
  overrideSender('SMS', null)
  overrideSender('METER', null)
})
afterAll(async () => {
  configureOutbox(null)
  await stopBoss()
})

const sms = () => ({ from: '+15550001111', to: '+15550002222', text: 'hello' })
const newSms = () => enqueueMessage({ channel: 'SMS', dedupeKey: PREFIX + uniq(), payload: sms() })
const row = (id: string) => db.outboxMessage.findUniqueOrThrow({ where: { id } })
/** the backoff is real; tests make the row due instead of sleeping */
const makeDue = (id: string) => db.outboxMessage.update({ where: { id }, data: { nextAttemptAt: new Date(Date.now() - 1000) } })

function scripted(results: Array<'ok' | Error>, traits: Partial<OutboxSender> = {}) {
  const calls: string[] = []
  const sender: OutboxSender = {
    provider: 'telnyx',
    idempotent: false,
    fiveXxNotAccepted: true,
    ...traits,
    async send({ id }) {
      calls.push(id)
      const next = results.shift() ?? 'ok'
      if (next instanceof Error) throw next
      return { provider: 'telnyx', providerMessageId: `pm_${id}`, sandbox: false }
    },
  }
  return { sender, calls }
}
const http5xx = () =>
  new AppError('UPSTREAM_FAILED', 'telnyx 503', { details: { provider: 'telnyx', operation: 'messages.send', status: 503 } })

describe('outbox status rules (database trigger)', () => {
  it('refuses sent → queued and delivered → sent, allows the forward path', async () => {
    const m = await newSms()
    await db.$executeRaw`UPDATE outbox_messages SET status = 'sending', lease_until = now() + interval '1 minute' WHERE id = ${m.id}::uuid`
    await db.$executeRaw`UPDATE outbox_messages SET status = 'sent' WHERE id = ${m.id}::uuid`
    await expect(db.$executeRaw`UPDATE outbox_messages SET status = 'queued' WHERE id = ${m.id}::uuid`).rejects.toThrow(
      /cannot move from sent to queued/,
    )
    await db.$executeRaw`UPDATE outbox_messages SET status = 'delivered' WHERE id = ${m.id}::uuid`
    await expect(db.$executeRaw`UPDATE outbox_messages SET status = 'sent' WHERE id = ${m.id}::uuid`).rejects.toThrow(/cannot move/)
    await expect(db.$executeRaw`UPDATE outbox_messages SET status = 'failed' WHERE id = ${m.id}::uuid`).rejects.toThrow(/cannot move/)
    expect((await row(m.id)).status).toBe('delivered')
  })

  it('refuses failed → queued outside a staff retry', async () => {
    const m = await newSms()
    await db.$executeRaw`UPDATE outbox_messages SET status = 'failed' WHERE id = ${m.id}::uuid`
    await expect(db.$executeRaw`UPDATE outbox_messages SET status = 'queued' WHERE id = ${m.id}::uuid`).rejects.toThrow(
      /cannot move from failed to queued/,
    )
  })
})

describe('claim', () => {
  it('two concurrent claimers: exactly one wins', async () => {
    for (let i = 0; i < 10; i++) {
      const m = await newSms()
      const results = await Promise.all([
        claimOutboxMessage({ id: m.id }),
        claimOutboxMessage({ id: m.id }),
        claimOutboxMessage({ id: m.id }),
      ])
      expect(results.filter(Boolean)).toHaveLength(1)
      const r = await row(m.id)
      expect(r.status).toBe('sending')
      expect(r.attempts).toBe(1)
    }
  })

  it('concurrent dispatches send once', async () => {
    const { sender, calls } = scripted([])
    overrideSender('SMS', sender)
    const m = await newSms()
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => dispatchOutboxMessage({ id: m.id })))
    expect(outcomes.filter((o) => o === 'sent')).toHaveLength(1)
    expect(outcomes.filter((o) => o === 'skipped')).toHaveLength(4)
    expect(calls).toEqual([m.id])
    expect(await row(m.id)).toMatchObject({ status: 'sent', provider: 'telnyx', providerMessageId: `pm_${m.id}`, leaseUntil: null })
  })
})

describe('dispatch outcomes', () => {
  it('a retryable failure goes back to queued with exponential backoff + jitter, then sends', async () => {
    const { sender, calls } = scripted([http5xx(), http5xx(), 'ok'])
    overrideSender('SMS', sender)
    const m = await newSms()
    const t0 = Date.now()
    expect(await dispatchOutboxMessage({ id: m.id })).toBe('retry')
    const r1 = await row(m.id)
    expect(r1.status).toBe('queued')
    expect(r1.lastError).toMatch(/UPSTREAM_FAILED/)
    const d1 = r1.nextAttemptAt.getTime() - t0
    expect(d1).toBeGreaterThanOrEqual(450) // attempt 1: [0.5, 1] × 1 s
    expect(d1).toBeLessThanOrEqual(1_100)
    // not due yet: a second job (or worker) cannot jump the backoff
    expect(await dispatchOutboxMessage({ id: m.id })).toBe('skipped')

    await makeDue(m.id)
    const t1 = Date.now()
    expect(await dispatchOutboxMessage({ id: m.id })).toBe('retry')
    const d2 = (await row(m.id)).nextAttemptAt.getTime() - t1
    expect(d2).toBeGreaterThanOrEqual(950) // attempt 2: [1, 2] s
    expect(d2).toBeLessThanOrEqual(2_100)

    await makeDue(m.id)
    expect(await dispatchOutboxMessage({ id: m.id })).toBe('sent')
    expect(await row(m.id)).toMatchObject({ status: 'sent', attempts: 3, lastError: null })
    expect(calls).toHaveLength(3)
  })

  it('dead-letters after max attempts and shows in the dead-letter list', async () => {
    const { sender, calls } = scripted([http5xx(), http5xx(), http5xx(), 'ok'])
    overrideSender('SMS', sender)
    const m = await newSms()
    for (let i = 0; i < 3; i++) {
      await makeDue(m.id)
      await dispatchOutboxMessage({ id: m.id })
    }
    const r = await row(m.id)
    expect(r).toMatchObject({ status: 'failed', attempts: 3 })
    expect(r.lastError).toMatch(/^MAX_ATTEMPTS \(3\)/)
    await makeDue(m.id)
    expect(await dispatchOutboxMessage({ id: m.id })).toBe('skipped')
    expect(calls).toHaveLength(3)
    expect(
      (await unsafeListOutboxDeadLetters({ actor: staffActor(await createUser({ staffRole: 'STAFF_SUPPORT' })), channel: 'SMS' })).map(
        (d) => d.id,
      ),
    ).toContain(m.id)
  })

  it('a non-retryable failure fails at once', async () => {
    const { sender, calls } = scripted([new AppError('UPSTREAM_FAILED', 'bad number', { details: { status: 422 } })])
    overrideSender('SMS', sender)
    const m = await newSms()
    expect(await dispatchOutboxMessage({ id: m.id })).toBe('failed')
    expect(await row(m.id)).toMatchObject({ status: 'failed', attempts: 1 })
    expect(calls).toHaveLength(1)
  })

  it('a timeout on a non-idempotent send is uncertain: dead-lettered, never re-sent', async () => {
    const { sender, calls } = scripted([new AppError('UPSTREAM_TIMEOUT', 'timed out', { details: { provider: 'telnyx' } })])
    overrideSender('SMS', sender)
    const m = await newSms()
    expect(await dispatchOutboxMessage({ id: m.id })).toBe('uncertain')
    expect((await row(m.id)).lastError).toMatch(/^UNCERTAIN/)
    await unsafeSweepOutbox({ dedupeKeyPrefix: PREFIX })
    await makeDue(m.id).catch(() => undefined)
    expect(await dispatchOutboxMessage({ id: m.id })).toBe('skipped')
    expect(calls).toHaveLength(1)
  })

  it('a timeout on an idempotent send (meter event) is retried', async () => {
    const { sender } = scripted([new AppError('UPSTREAM_TIMEOUT', 'timed out')], {
      provider: 'stripe',
      idempotent: true,
      fiveXxNotAccepted: false,
    })
    overrideSender('METER', sender)
    const m = await enqueueMessage({
      channel: 'METER',
      dedupeKey: PREFIX + uniq('lead:'),
      payload: { eventName: 'quality_lead', customerId: 'cus_1', value: 1 },
    })
    expect(await dispatchOutboxMessage({ id: m.id })).toBe('retry')
  })
})

describe('sweeper', () => {
  it('settles expired leases: idempotent channels re-queued, others dead-lettered as uncertain', async () => {
    const s = await newSms()
    const meter = await enqueueMessage({
      channel: 'METER',
      dedupeKey: PREFIX + uniq('lead:'),
      payload: { eventName: 'quality_lead', customerId: 'cus_1', value: 1 },
    })
    for (const id of [s.id, meter.id]) await claimOutboxMessage({ id, leaseMs: 1 })
    // the sweep compares the lease with the database clock: wait until both leases have passed there
    await waitFor(
      async () =>
        (
          await db.$queryRaw<
            Array<{ n: number }>
          >`SELECT count(*)::int AS n FROM outbox_messages WHERE id IN (${s.id}::uuid, ${meter.id}::uuid) AND lease_until < now()`
        )[0]!.n === 2,
      { everyMs: 5, what: 'the leases to expire' },
    )
    const res = await unsafeSweepOutbox({ dedupeKeyPrefix: PREFIX })
    expect(res.requeued).toBeGreaterThanOrEqual(1)
    expect(res.uncertain).toBeGreaterThanOrEqual(1)
    expect(await row(meter.id)).toMatchObject({ status: 'queued' })
    const sr = await row(s.id)
    expect(sr.status).toBe('failed')
    expect(sr.lastError).toMatch(/^UNCERTAIN/)
  })

  it('re-kicks due queued rows (their job was lost)', async () => {
    const m = await newSms()
    const res = await unsafeSweepOutbox({ dedupeKeyPrefix: PREFIX })
    expect(res.kicked).toBeGreaterThanOrEqual(1)
    expect((await row(m.id)).status).toBe('queued')
  })
})

describe('staff retry of a dead letter', () => {
  it('failed → queued with a fresh budget, audited; then it sends', async () => {
    const staff = await createUser({ staffRole: 'STAFF_ADMIN' })
    const actor = staffActor(staff)
    const { sender } = scripted([new AppError('UPSTREAM_FAILED', 'x', { details: { status: 400 } }), 'ok'])
    overrideSender('SMS', sender)
    const m = await newSms()
    expect(await dispatchOutboxMessage({ id: m.id })).toBe('failed')
    await unsafeRetryOutboxMessage({ actor, id: m.id })
    expect(await row(m.id)).toMatchObject({ status: 'queued', attempts: 0 })
    expect(await db.auditLog.count({ where: { action: 'outbox.retry', targetId: m.id, actorId: staff.id } })).toBe(1)
    expect(await dispatchOutboxMessage({ id: m.id })).toBe('sent')
    await expect(unsafeRetryOutboxMessage({ actor, id: m.id })).rejects.toThrow(/Only failed/)
  })
})

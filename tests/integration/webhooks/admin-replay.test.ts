import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { stopBoss } from '@/lib/jobs/boss'
import { replayWebhookEventAction, retryFailedJobAction } from '@/app/admin/actions'
import { staffActor, systemActor, type Actor } from '@/lib/auth/actor'
import { auditStaffView } from '@/lib/audit/staff-audit'
import { ensureQueue } from '@/lib/jobs/boss'
import { unsafeListFailedJobs, unsafeRetryFailedJob } from '@/lib/jobs/failed-jobs'
import { unsafeListOutboxDeadLetters, unsafeOutboxCounts } from '@/lib/outbox/list-outbox-dead-letters'
import { unsafeRetryOutboxMessage } from '@/lib/outbox/retry-outbox-message'
import { unsafeListWebhookEvents } from '@/lib/webhooks/list-webhook-events'
import { unsafeReplayWebhookEvent } from '@/lib/webhooks/replay-webhook-event'
import { processWebhookEvent } from '@/lib/webhooks/process-webhook-event'
import { createOrgWithRoles, createSession, createUser, uniq } from '@/tests/factories'
import { memberActorOf } from '@/tests/integration/members/helpers'
import { usePrivateBossSchema } from '@/tests/integration/outbox/harness'

beforeAll(() => {
  usePrivateBossSchema()
})
afterAll(() => stopBoss())

async function processedEvent() {
  const ev = await db.webhookEvent.create({
    data: {
      provider: 'LOB',
      eventId: uniq('evt_'),
      type: 'postcard.in_transit',
      payload: { id: 'x', event_type: { id: 'postcard.in_transit' }, body: { id: uniq('psc_') } },
    },
  })
  expect(await processWebhookEvent({ id: ev.id })).toBe('processed')
  return ev
}

describe('staff replay of a webhook event', () => {
  it('staff admin: processed → received, audited, and processed again', async () => {
    const staff = await createUser({ staffRole: 'STAFF_ADMIN' })
    const { id: sessionId } = await createSession(staff.id)
    const ev = await processedEvent()
    // a processed event cannot be reset outside a replay (trigger)
    await expect(db.$executeRaw`UPDATE webhook_events SET status = 'received' WHERE id = ${ev.id}::uuid`).rejects.toThrow(
      /already processed/,
    )
    const res = await replayWebhookEventAction.as({ sessionId })({ id: ev.id })
    expect(res).toEqual({ ok: true, data: { id: ev.id } })
    expect((await db.webhookEvent.findUniqueOrThrow({ where: { id: ev.id } })).status).toBe('received')
    expect(await db.auditLog.count({ where: { action: 'webhook.replay', targetId: ev.id, actorId: staff.id } })).toBe(1)
    expect(await processWebhookEvent({ id: ev.id })).toBe('processed')
    expect((await db.webhookEvent.findUniqueOrThrow({ where: { id: ev.id } })).attempts).toBe(2)
  })

  it('support staff are refused (read-only); non-staff get NOT_FOUND; nothing changes', async () => {
    const ev = await processedEvent()
    const support = await createUser({ staffRole: 'STAFF_SUPPORT' })
    const user = await createUser()
    const r1 = await replayWebhookEventAction.as({ sessionId: (await createSession(support.id)).id })({ id: ev.id })
    const r2 = await replayWebhookEventAction.as({ sessionId: (await createSession(user.id)).id })({ id: ev.id })
    expect(r1).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(r2).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect((await db.webhookEvent.findUniqueOrThrow({ where: { id: ev.id } })).status).toBe('processed')
    expect(await db.auditLog.count({ where: { action: 'webhook.replay', targetId: ev.id } })).toBe(0)
  })
})

/** A pg-boss job in state "failed" (no retries left), on a private test queue. */
async function failedJob() {
  const name = uniq('test.staff-retry.')
  const boss = await ensureQueue(name, { retryLimit: 0 })
  const id = await boss.send(name, { n: 1 }, { retryLimit: 0 })
  if (!id) throw new Error('job not sent')
  const [job] = await boss.fetch(name)
  expect(job?.id).toBe(id)
  await boss.fail(name, id, { message: 'boom' })
  expect((await boss.getJobById(name, id))?.state).toBe('failed')
  return { boss, name, id }
}

describe('staff console functions check the staff right themselves (any caller)', () => {
  it('non-staff actors (member OWNER, operator CLI, a user without staff role) → NOT_FOUND; STAFF_SUPPORT → FORBIDDEN on changes', async () => {
    const ev = await processedEvent()
    const { name, id } = await failedJob()
    const org = await createOrgWithRoles()
    const support = staffActor(await createUser({ staffRole: 'STAFF_SUPPORT' }))
    const outsiders: Actor[] = [
      await memberActorOf(org, 'OWNER'),
      systemActor({ process: 'operator', orgId: org.org.id }),
      systemActor({ process: 'seed' }),
    ]
    expect(() => staffActor({ id: org.members.OWNER.user.id, staffRole: null })).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }))
    const outboxId = crypto.randomUUID()
    for (const actor of outsiders) {
      await expect(unsafeReplayWebhookEvent({ actor, id: ev.id })).rejects.toMatchObject({ code: 'NOT_FOUND' })
      await expect(unsafeRetryOutboxMessage({ actor, id: outboxId })).rejects.toMatchObject({ code: 'NOT_FOUND' })
      await expect(unsafeRetryFailedJob({ actor, name, id })).rejects.toMatchObject({ code: 'NOT_FOUND' })
      await expect(unsafeListWebhookEvents({ actor, filter: {} })).rejects.toMatchObject({ code: 'NOT_FOUND' })
      await expect(unsafeListOutboxDeadLetters({ actor })).rejects.toMatchObject({ code: 'NOT_FOUND' })
      await expect(unsafeOutboxCounts({ actor })).rejects.toMatchObject({ code: 'NOT_FOUND' })
      await expect(unsafeListFailedJobs({ actor })).rejects.toMatchObject({ code: 'NOT_FOUND' })
      await expect(auditStaffView({ actor, view: 'jobs' })).rejects.toMatchObject({ code: 'NOT_FOUND' })
    }
    await expect(unsafeReplayWebhookEvent({ actor: support, id: ev.id })).rejects.toMatchObject({ code: 'FORBIDDEN' })
    await expect(unsafeRetryOutboxMessage({ actor: support, id: outboxId })).rejects.toMatchObject({ code: 'FORBIDDEN' })
    await expect(unsafeRetryFailedJob({ actor: support, name, id })).rejects.toMatchObject({ code: 'FORBIDDEN' })
    // nothing changed
    expect((await db.webhookEvent.findUniqueOrThrow({ where: { id: ev.id } })).status).toBe('processed')
    const { getBoss } = await import('@/lib/jobs/boss')
    expect((await (await getBoss()).getJobById(name, id))?.state).toBe('failed')
    expect(
      await db.auditLog.count({ where: { action: { in: ['webhook.replay', 'job.retry'] }, targetId: { in: [ev.id, `${name}:${id}`] } } }),
    ).toBe(0)
    // support staff read the console (and the view is audited)
    expect((await unsafeListWebhookEvents({ actor: support, filter: { provider: 'LOB' } })).map((e) => e.id)).toContain(ev.id)
    expect((await unsafeListFailedJobs({ actor: support })).map((j) => j.id)).toContain(id)
    await unsafeListOutboxDeadLetters({ actor: support })
    await unsafeOutboxCounts({ actor: support })
    await auditStaffView({ actor: support, view: 'webhooks', filter: { provider: 'LOB' } })
    expect(await db.auditLog.count({ where: { action: 'staff.view.webhooks', actorId: support.userId, actorType: 'STAFF' } })).toBe(1)
  })

  it('staff admin retries a failed job: back in its queue, audited in lib (same transaction)', async () => {
    const { boss, name, id } = await failedJob()
    const staff = await createUser({ staffRole: 'STAFF_ADMIN' })
    const r = await retryFailedJobAction.as({ sessionId: (await createSession(staff.id)).id })({ name, id })
    expect(r).toEqual({ ok: true, data: { id } })
    expect((await boss.getJobById(name, id))?.state).toBe('retry')
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'job.retry', targetId: `${name}:${id}` } })
    expect(audit).toMatchObject({ actorType: 'STAFF', actorId: staff.id, targetType: 'pgboss_job' })
    // no longer failed: a second retry finds nothing, and writes no second row
    await expect(unsafeRetryFailedJob({ actor: staffActor(staff), name, id })).rejects.toMatchObject({ code: 'NOT_FOUND' })
    expect(await db.auditLog.count({ where: { action: 'job.retry', targetId: `${name}:${id}` } })).toBe(1)
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { stopBoss } from '@/lib/jobs/boss'
import { replayWebhookEventAction } from '@/app/admin/actions'
import { processWebhookEvent } from '@/lib/webhooks/process-webhook-event'
import { createSession, createUser, uniq } from '@/tests/factories'
import { usePrivateBossSchema } from '@/tests/integration/outbox/harness'

beforeAll(() => {
  usePrivateBossSchema()
})
afterAll(() => stopBoss())

async function processedEvent() {
  const ev = await db.webhookEvent.create({ data: { provider: 'LOB', eventId: uniq('evt_'), type: 'postcard.in_transit', payload: { id: 'x', event_type: { id: 'postcard.in_transit' }, body: { id: uniq('psc_') } } } })
  expect(await processWebhookEvent({ id: ev.id })).toBe('processed')
  return ev
}

describe('staff replay of a webhook event', () => {
  it('staff admin: processed → received, audited, and processed again', async () => {
    const staff = await createUser({ staffRole: 'STAFF_ADMIN' })
    const { id: sessionId } = await createSession(staff.id)
    const ev = await processedEvent()
    // a processed event cannot be reset outside a replay (trigger)
    await expect(db.$executeRaw`UPDATE webhook_events SET status = 'received' WHERE id = ${ev.id}::uuid`).rejects.toThrow(/already processed/)
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

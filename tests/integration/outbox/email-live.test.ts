// The live email path (SENDGRID_API_KEY set): sendEmail → email_messages row + outbox row in one transaction →
// dispatch through the real SendGrid adapter against the SendGrid fake.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSendgridFake } from '@/tests/fakes/sendgrid-fake'
import type { FakeServer } from '@/tests/fakes/fake-server'

let fake: FakeServer

import { db } from '@/lib/db'
import { stopBoss } from '@/lib/jobs/boss'
import { resetProviderPolicies } from '@/lib/external/call-service'
import { sendEmail } from '@/lib/email/send-email'
import { dispatchOutboxMessage } from '@/lib/outbox/dispatch-outbox-message'
import { uniq } from '@/tests/factories'
import { usePrivateBossSchema } from '@/tests/integration/outbox/harness'

beforeAll(async () => {
  usePrivateBossSchema()
  fake = await startSendgridFake()
  // set before the first env() call of this file (env is parsed once per process)
  Object.assign(process.env, { SENDGRID_API_KEY: 'SG.test-key', SENDGRID_BASE_URL: fake.url })
  resetProviderPolicies({ baseDelayMs: 1, maxDelayMs: 5 })
})
afterAll(async () => {
  await stopBoss()
  await fake?.close()
})

const outboxFor = (emailId: string) => db.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: `email:${emailId}` } })

describe('live email through the outbox', () => {
  it('queues once, sends once through SendGrid, and records the provider id', async () => {
    const key = uniq('verify:')
    const to = `${uniq('u-')}@example.test`
    const a = await sendEmail({ to, subject: 'Verify', text: 'Click', template: 'verify-email', dedupeKey: key })
    const b = await sendEmail({ to, subject: 'Verify', text: 'Click', template: 'verify-email', dedupeKey: key })
    expect(a).toEqual({ id: b.id, sandbox: false })
    expect(await db.outboxMessage.count({ where: { dedupeKey: `email:${a.id}` } })).toBe(1)
    const row = await outboxFor(a.id)
    expect(row).toMatchObject({ channel: 'EMAIL', status: 'queued' })

    const before = fake.requests.length
    expect(await dispatchOutboxMessage({ id: row.id })).toBe('sent')
    const sent = fake.requests.slice(before)
    expect(sent).toHaveLength(1)
    expect(JSON.stringify(sent[0]!.body)).toContain(row.id) // custom arg fm_outbox_id for receipts
    const after = await outboxFor(a.id)
    expect(after).toMatchObject({ status: 'sent', provider: 'sendgrid', sandbox: false })
    expect(after.providerMessageId).toMatch(/^sgfake/)
    expect(await db.emailMessage.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({
      status: 'sent',
      providerMessageId: after.providerMessageId,
    })
  })

  it('a suppressed address fails at once without calling SendGrid', async () => {
    const to = `${uniq('bounced-')}@example.test`
    await db.emailSuppression.create({ data: { email: to, reason: 'bounce' } })
    const e = await sendEmail({ to, subject: 'Hi', text: 'x', template: 't', dedupeKey: uniq('k:') })
    const before = fake.requests.length
    expect(await dispatchOutboxMessage({ id: (await outboxFor(e.id)).id })).toBe('failed')
    expect(fake.requests.length).toBe(before)
    expect((await db.emailMessage.findUniqueOrThrow({ where: { id: e.id } })).status).toBe('failed')
  })

  it('a connection reset after SendGrid received the request is uncertain: never re-sent', async () => {
    const e = await sendEmail({ to: `${uniq('r-')}@example.test`, subject: 'Hi', text: 'x', template: 't', dedupeKey: uniq('k:') })
    const id = (await outboxFor(e.id)).id
    fake.script({ kind: 'reset' })
    const before = fake.requests.length
    expect(await dispatchOutboxMessage({ id })).toBe('uncertain')
    expect(fake.requests.length - before).toBe(1) // callService did not retry it either
    const row = await db.outboxMessage.findUniqueOrThrow({ where: { id } })
    expect(row.status).toBe('failed')
    expect(row.lastError).toMatch(/^UNCERTAIN/)
    expect(await dispatchOutboxMessage({ id })).toBe('skipped')
  })
})

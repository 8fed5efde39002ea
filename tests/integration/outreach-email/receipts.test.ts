// SendGrid receipts move email_messages.status forward only, whatever order (and however often) they arrive;
// bounces and spam reports suppress the address.
import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { handleSendgridEvent } from '@/lib/webhooks/handlers/sendgrid'
import { advanceEmailStatus } from '@/lib/outbox/advance-email-status'
import { uniq } from '@/tests/factories'

async function sentEmail() {
  const to = `${uniq('r-')}@example.test`
  const pm = uniq('pm')
  const email = await db.emailMessage.create({
    data: {
      dedupeKey: uniq('k:'),
      toEmail: to,
      subject: 'Hi',
      text: 'x',
      template: 'marketing',
      sandbox: false,
      status: 'sent',
      providerMessageId: pm,
    },
  })
  const outbox = await db.outboxMessage.create({
    data: {
      channel: 'EMAIL',
      dedupeKey: `email:${email.id}`,
      payload: { to, subject: 'Hi', text: 'x', emailMessageId: email.id },
      status: 'sent',
      provider: 'sendgrid',
      providerMessageId: pm,
      attempts: 1,
      sentAt: new Date(),
    },
  })
  return { to, pm, emailId: email.id, outboxId: outbox.id }
}

type Msg = Awaited<ReturnType<typeof sentEmail>>
const event = (m: Msg, type: string, extra: Record<string, unknown> = {}, byOutboxId = true) =>
  handleSendgridEvent({
    id: uniq('w'),
    eventId: uniq('sg'),
    type,
    attempt: 1,
    payload: {
      email: m.to,
      event: type,
      sg_message_id: `${m.pm}.filter0001`,
      ...(byOutboxId ? { fm_outbox_id: m.outboxId } : {}),
      ...extra,
    },
  })
const emailStatus = async (m: Msg) => (await db.emailMessage.findUniqueOrThrow({ where: { id: m.emailId } })).status
const outboxStatus = async (m: Msg) => (await db.outboxMessage.findUniqueOrThrow({ where: { id: m.outboxId } })).status

describe('SendGrid receipts update email_messages', () => {
  it('in order: delivered → opened → clicked; the outbox row says delivered', async () => {
    const m = await sentEmail()
    expect(await event(m, 'delivered')).toBe('outbox delivered; email delivered')
    expect(await emailStatus(m)).toBe('delivered')
    await event(m, 'open')
    expect(await emailStatus(m)).toBe('opened')
    await event(m, 'click', {}, false) // found by sg_message_id alone
    expect(await emailStatus(m)).toBe('clicked')
    expect(await outboxStatus(m)).toBe('delivered')
  })

  it('out of order and duplicated: a late delivered after opened keeps opened; a late open after clicked keeps clicked', async () => {
    const m = await sentEmail()
    await event(m, 'open')
    expect(await event(m, 'delivered')).toBe('outbox unchanged; email unchanged')
    expect(await emailStatus(m)).toBe('opened')
    await event(m, 'click')
    await event(m, 'open')
    await event(m, 'delivered')
    expect(await event(m, 'click')).toBe('outbox unchanged; email unchanged')
    expect(await emailStatus(m)).toBe('clicked')
  })

  it('concurrent events in a shuffled order end at the highest status', async () => {
    const m = await sentEmail()
    await Promise.all(['delivered', 'click', 'open', 'delivered', 'open'].map((t) => event(m, t)))
    expect(await emailStatus(m)).toBe('clicked')
    expect(await outboxStatus(m)).toBe('delivered')
  })

  it('a bounce: bounced with the reason, the outbox failed, the address suppressed; a late delivered keeps bounced', async () => {
    const m = await sentEmail()
    await event(m, 'bounce', { type: 'bounce', reason: '550 5.1.1 no such user' })
    const row = await db.emailMessage.findUniqueOrThrow({ where: { id: m.emailId } })
    expect(row).toMatchObject({ status: 'bounced', error: 'bounce: 550 5.1.1 no such user' })
    expect(await outboxStatus(m)).toBe('failed')
    expect(await db.emailSuppression.findUnique({ where: { email: m.to } })).toMatchObject({ reason: 'bounce' })
    await event(m, 'delivered')
    await event(m, 'dropped', { reason: 'Bounced Address' })
    expect(await emailStatus(m)).toBe('bounced')
  })

  it('dropped: dropped, suppressed', async () => {
    const m = await sentEmail()
    await event(m, 'dropped', { reason: 'Spam Content' })
    expect(await emailStatus(m)).toBe('dropped')
    expect(await db.emailSuppression.findUnique({ where: { email: m.to } })).toMatchObject({ reason: 'dropped' })
  })

  it('a spam report after an open: spam_reported and suppressed; nothing moves it back', async () => {
    const m = await sentEmail()
    await event(m, 'delivered')
    await event(m, 'open')
    await event(m, 'spamreport')
    expect(await emailStatus(m)).toBe('spam_reported')
    expect(await db.emailSuppression.findUnique({ where: { email: m.to } })).toMatchObject({ reason: 'spamreport' })
    await event(m, 'click')
    await event(m, 'delivered')
    expect(await emailStatus(m)).toBe('spam_reported')
  })

  it('events that say nothing about delivery are ignored; an unknown message is retried, then let go', async () => {
    const m = await sentEmail()
    expect(await event(m, 'processed')).toBe('ignored')
    expect(await event(m, 'constructor')).toBe('ignored')
    expect(await emailStatus(m)).toBe('sent')
    const ghost = { ...m, outboxId: crypto.randomUUID() }
    await expect(event(ghost, 'delivered')).rejects.toMatchObject({ code: 'NOT_FOUND' })
    expect(
      await handleSendgridEvent({
        id: 'x',
        eventId: 'y',
        type: 'delivered',
        attempt: 3,
        payload: { email: m.to, fm_outbox_id: ghost.outboxId },
      }),
    ).toBe('no matching message')
  })

  it('the dispatcher\'s "sent" after a receipt overtook it keeps the receipt\'s status (and records the provider id)', async () => {
    const m = await sentEmail()
    await db.emailMessage.update({ where: { id: m.emailId }, data: { status: 'queued', providerMessageId: null } })
    await event(m, 'open')
    expect(await advanceEmailStatus({ where: { id: m.emailId }, status: 'sent', providerMessageId: 'sg-late' })).toBe('unchanged')
    expect(await db.emailMessage.findUniqueOrThrow({ where: { id: m.emailId } })).toMatchObject({
      status: 'opened',
      providerMessageId: 'sg-late',
    })
  })
})

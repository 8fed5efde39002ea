// Inbound SMS test helpers: a signed Telnyx message.received posted to the real route, then processed by the real
// webhook processor (the stored event's own processing, as the webhooks.process job would run it).
import { randomInt, randomUUID } from 'node:crypto'
import { expect } from 'vitest'
import { db } from '@/lib/db'
import { POST as telnyxPOST } from '@/app/api/webhooks/telnyx/route'
import { processWebhookEvent } from '@/lib/webhooks/process-webhook-event'
import { grantPewc, makeLead, orgWithAddress } from '@/tests/integration/compliance/helpers'
import { post, telnyxKeys } from '@/tests/integration/webhooks/signers'

export const telnyx = telnyxKeys()

/** A fresh Austin (TX) number: other test files share outbox_messages, so every test texts from its own numbers. */
export const freshNumber = () => `+1512${randomInt(2, 10)}${String(randomInt(0, 1_000_000)).padStart(6, '0')}`

export function inboundBody(m: { id: string; from: string; to: string; text: string; eventId?: string }) {
  return JSON.stringify({
    data: {
      record_type: 'event',
      id: m.eventId ?? randomUUID(),
      event_type: 'message.received',
      occurred_at: new Date().toISOString(),
      payload: {
        record_type: 'message',
        id: m.id,
        direction: 'inbound',
        type: 'SMS',
        from: { phone_number: m.from, carrier: 'T-Mobile USA', line_type: 'Wireless' },
        to: [{ phone_number: m.to, status: 'webhook_delivered' }],
        text: m.text,
        received_at: new Date().toISOString(),
        parts: 1,
      },
    },
    meta: { attempt: 1, delivered_to: 'http://localhost/api/webhooks/telnyx' },
  })
}

/** Posts the signed body; when it was stored, processes the stored event. Returns the processor's note. */
export async function deliver(body: string): Promise<{ stored: number }> {
  const res = await post(telnyxPOST, '/api/webhooks/telnyx', body, telnyx.headers(body))
  expect(res.status).toBe(200)
  const eventId = (JSON.parse(body) as { data: { id: string } }).data.id
  const ev = await db.webhookEvent.findUniqueOrThrow({ where: { provider_eventId: { provider: 'TELNYX', eventId } } })
  if (ev.status !== 'processed') expect(await processWebhookEvent({ id: ev.id })).toBe('processed')
  return { stored: res.body.stored as number }
}

/** Sends a text with a fresh Telnyx message id; returns that id. */
export async function text(from: string, to: string, body: string, times = 1): Promise<string> {
  const id = randomUUID()
  const payload = inboundBody({ id, from, to, text: body })
  for (let n = 0; n < times; n++) await deliver(payload)
  return id
}

/** An org ("Acme Roofing <n>") with a number it has texted a homeowner from, and that homeowner's lead. */
export async function conversation(opts: { consent?: boolean } = {}) {
  const org = await orgWithAddress()
  const name = `Acme Roofing ${randomUUID().slice(0, 4)}`
  await db.organization.update({ where: { id: org.id }, data: { name } })
  const lead = await makeLead(org.id)
  const home = freshNumber()
  const orgNumber = freshNumber()
  await db.contact.create({ data: { orgId: org.id, leadId: lead.id, phones: [home], isPrimary: true } })
  if (opts.consent !== false) await grantPewc(org.id, lead.id, ['SMS', 'CALL'])
  await db.outboxMessage.create({
    data: {
      orgId: org.id,
      channel: 'SMS',
      dedupeKey: `test-sms-${randomUUID()}`,
      payload: { from: orgNumber, to: home, text: 'Hi, this is Acme Roofing about your free roof check.' },
      status: 'delivered',
      sentAt: new Date(Date.now() - 3_600_000),
    },
  })
  return { orgId: org.id, name, leadId: lead.id, home, orgNumber }
}

/** The replies queued to `to` (other than the seeded outbound text). */
export const repliesTo = (to: string) =>
  db.outboxMessage.findMany({
    where: { channel: 'SMS', payload: { path: ['to'], equals: to }, dedupeKey: { startsWith: 'sms-' } },
    orderBy: { createdAt: 'asc' },
  })

export const openConsents = (leadId: string, channel: 'SMS' | 'CALL' | 'EMAIL') =>
  db.contactConsent.findMany({ where: { leadId, channel, validTo: null }, orderBy: { purpose: 'asc' } })

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { stopBoss } from '@/lib/jobs/boss'
import type { WorkerHandle } from '@/lib/worker/start-worker'
import { WEBHOOK_QUEUES } from '@/lib/webhooks/jobs'
import { POST as telnyxPOST } from '@/app/api/webhooks/telnyx/route'
import { POST as sendgridPOST } from '@/app/api/webhooks/sendgrid/route'
import { POST as lobPOST } from '@/app/api/webhooks/lob/route'
import { uniq } from '@/tests/factories'
import { startTestWorker, usePrivateBossSchema } from '@/tests/integration/outbox/harness'
import { lobHeaders, now, post, sendgridKeys, telnyxKeys } from '@/tests/integration/webhooks/signers'
import { waitFor } from '@/tests/wait-for'

const telnyx = telnyxKeys()
const sendgrid = sendgridKeys()
const LOB_SECRET = 'lob_' + uniq('')
let worker: WorkerHandle

beforeAll(async () => {
  usePrivateBossSchema()
  Object.assign(process.env, {
    TELNYX_PUBLIC_KEY: telnyx.publicB64,
    SENDGRID_WEBHOOK_PUBLIC_KEY: sendgrid.publicB64,
    LOB_WEBHOOK_SECRET: LOB_SECRET,
  })
  worker = await startTestWorker(WEBHOOK_QUEUES.filter((q) => q.name === 'webhooks.process'))
})
afterAll(async () => {
  await worker?.stop()
  await stopBoss()
})

async function sentRow(channel: 'SMS' | 'EMAIL' | 'MAIL', provider: string, payload: object) {
  return db.outboxMessage.create({
    data: {
      channel,
      dedupeKey: uniq('t:'),
      payload,
      status: 'sent',
      provider,
      providerMessageId: uniq('pm_'),
      attempts: 1,
      sentAt: new Date(),
    },
  })
}

/** stored events with these ids (this test's own: other files write webhook events to the same database) */
const stored = (provider: 'TELNYX' | 'SENDGRID' | 'LOB', eventIds: string[]) =>
  db.webhookEvent.count({ where: { provider, eventId: { in: eventIds } } })

function telnyxFinalized(messageId: string, status: string) {
  return JSON.stringify({
    data: {
      record_type: 'event',
      id: uniq('tev-'),
      event_type: 'message.finalized',
      occurred_at: new Date().toISOString(),
      payload: { id: messageId, record_type: 'message', direction: 'outbound', to: [{ phone_number: '+15550002222', status }] },
    },
    meta: { attempt: 1, delivered_to: 'http://localhost/api/webhooks/telnyx' },
  })
}

describe('Telnyx webhooks', () => {
  it('a signed message.finalized receipt moves the SMS to delivered; duplicates are stored once', async () => {
    const row = await sentRow('SMS', 'telnyx', { from: '+15550001111', to: '+15550002222', text: 'hi' })
    const body = telnyxFinalized(row.providerMessageId!, 'delivered')
    const first = await post(telnyxPOST, '/api/webhooks/telnyx', body, telnyx.headers(body))
    const again = await post(telnyxPOST, '/api/webhooks/telnyx', body, telnyx.headers(body))
    expect([first.status, again.status]).toEqual([200, 200])
    expect([first.body.stored, again.body.stored]).toEqual([1, 0])
    await waitFor(async () => (await db.outboxMessage.findUniqueOrThrow({ where: { id: row.id } })).status === 'delivered', {
      what: 'delivered',
    })
  })

  it('a delivery_failed receipt fails the message', async () => {
    const row = await sentRow('SMS', 'telnyx', { from: '+15550001111', to: '+15550002222', text: 'hi' })
    const body = telnyxFinalized(row.providerMessageId!, 'delivery_failed')
    expect((await post(telnyxPOST, '/api/webhooks/telnyx', body, telnyx.headers(body))).status).toBe(200)
    const r = await waitFor(
      async () => {
        const m = await db.outboxMessage.findUniqueOrThrow({ where: { id: row.id } })
        return m.status === 'failed' && m
      },
      { what: 'failed' },
    )
    expect(r.lastError).toContain('delivery_failed')
  })

  it('rejects tampered body, wrong key, stale timestamp with 400 and stores nothing', async () => {
    const body = telnyxFinalized('pm_x', 'delivered')
    const other = telnyxKeys()
    const eventId = (JSON.parse(body) as { data: { id: string } }).data.id // all four requests carry it
    const results = await Promise.all([
      post(telnyxPOST, '/api/webhooks/telnyx', body.replace('delivered', 'delivery_failed'), telnyx.headers(body)),
      post(telnyxPOST, '/api/webhooks/telnyx', body, other.headers(body)),
      post(telnyxPOST, '/api/webhooks/telnyx', body, telnyx.headers(body, now() - 301)),
      post(telnyxPOST, '/api/webhooks/telnyx', body, telnyx.headers(body, now() + 400)),
    ])
    expect(results.map((r) => r.status)).toEqual([400, 400, 400, 400])
    expect(await stored('TELNYX', [eventId])).toBe(0)
  })
})

describe('SendGrid webhooks', () => {
  it('a signed batch: delivered, bounce (suppressed + failed), spamreport (suppressed), open', async () => {
    const a = await sentRow('EMAIL', 'sendgrid', {})
    const b = await sentRow('EMAIL', 'sendgrid', {})
    const bounced = `${uniq('b-')}@example.test`
    const spammer = `${uniq('S-')}@Example.test`
    const ts = now()
    const batch = JSON.stringify([
      {
        email: 'x@example.test',
        timestamp: ts,
        event: 'delivered',
        sg_event_id: uniq('sg'),
        sg_message_id: `${a.providerMessageId}.filter0001`,
        fm_outbox_id: a.id,
      },
      {
        email: 'x@example.test',
        timestamp: ts,
        event: 'open',
        sg_event_id: uniq('sg'),
        sg_message_id: `${a.providerMessageId}.filter0001`,
      },
      {
        email: bounced,
        timestamp: ts,
        event: 'bounce',
        type: 'bounce',
        reason: '550 no such user',
        sg_event_id: uniq('sg'),
        sg_message_id: `${b.providerMessageId}.filter0002`,
      },
      { email: spammer, timestamp: ts, event: 'spamreport', sg_event_id: uniq('sg'), sg_message_id: `${a.providerMessageId}.filter0001` },
    ])
    const r = await post(sendgridPOST, '/api/webhooks/sendgrid', batch, sendgrid.headers(batch))
    expect(r.status).toBe(200)
    expect(r.body.stored).toBe(4)
    await waitFor(
      async () =>
        (await db.webhookEvent.count({
          where: {
            provider: 'SENDGRID',
            status: 'processed',
            eventId: { in: JSON.parse(batch).map((e: { sg_event_id: string }) => e.sg_event_id) },
          },
        })) === 4,
      { what: 'batch processed' },
    )
    expect((await db.outboxMessage.findUniqueOrThrow({ where: { id: a.id } })).status).toBe('delivered')
    const bRow = await db.outboxMessage.findUniqueOrThrow({ where: { id: b.id } })
    expect(bRow.status).toBe('failed')
    expect(bRow.lastError).toContain('550')
    expect(await db.emailSuppression.findUnique({ where: { email: bounced } })).toMatchObject({ reason: 'bounce' })
    expect(await db.emailSuppression.findUnique({ where: { email: spammer.toLowerCase() } })).toMatchObject({ reason: 'spamreport' })
  })

  it('rejects tampered body, wrong key, stale timestamp with 400 and stores nothing', async () => {
    const batch = JSON.stringify([{ email: 'a@example.test', event: 'delivered', sg_event_id: uniq('sg'), timestamp: now() }])
    const other = sendgridKeys()
    const eventIds = (JSON.parse(batch) as Array<{ sg_event_id: string }>).map((e) => e.sg_event_id)
    const results = await Promise.all([
      post(sendgridPOST, '/api/webhooks/sendgrid', batch.replace('delivered', 'bounce'), sendgrid.headers(batch)),
      post(sendgridPOST, '/api/webhooks/sendgrid', batch, other.headers(batch)),
      post(sendgridPOST, '/api/webhooks/sendgrid', batch, sendgrid.headers(batch, now() - 600)),
    ])
    expect(results.map((r) => r.status)).toEqual([400, 400, 400])
    expect(await stored('SENDGRID', eventIds)).toBe(0)
  })
})

describe('Lob webhooks', () => {
  function lobEvent(objectId: string, type: string) {
    return JSON.stringify({
      id: uniq('evt_'),
      object: 'event',
      date_created: new Date().toISOString(),
      event_type: { id: type, object: 'event_type' },
      reference_id: objectId,
      body: { id: objectId, object: 'postcard' },
    })
  }

  it('records tracking events and moves the mail piece to delivered', async () => {
    const row = await sentRow('MAIL', 'lob', { kind: 'postcard' })
    const objectId = row.providerMessageId!
    for (const type of ['postcard.in_transit', 'postcard.delivered']) {
      const body = lobEvent(objectId, type)
      expect((await post(lobPOST, '/api/webhooks/lob', body, lobHeaders(body, LOB_SECRET))).status).toBe(200)
    }
    await waitFor(async () => (await db.mailTrackingEvent.count({ where: { providerObjectId: objectId } })) === 2, {
      what: 'tracking rows',
    })
    await waitFor(async () => (await db.outboxMessage.findUniqueOrThrow({ where: { id: row.id } })).status === 'delivered', {
      what: 'delivered',
    })
  })

  it('rejects tampered body, wrong secret, stale timestamp with 400 and stores nothing', async () => {
    const body = lobEvent('psc_x', 'postcard.delivered')
    const eventId = (JSON.parse(body) as { id: string }).id
    const results = await Promise.all([
      post(lobPOST, '/api/webhooks/lob', body.replace('delivered', 'returned_to_sender'), lobHeaders(body, LOB_SECRET)),
      post(lobPOST, '/api/webhooks/lob', body, lobHeaders(body, 'wrong-secret')),
      post(lobPOST, '/api/webhooks/lob', body, lobHeaders(body, LOB_SECRET, now() - 301)),
    ])
    expect(results.map((r) => r.status)).toEqual([400, 400, 400])
    expect(await stored('LOB', [eventId])).toBe(0)
  })
})

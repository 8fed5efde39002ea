// Non-idempotent sends (Telnyx SMS/dial, SendGrid mail): never retried once the request may have reached the
// provider (timeout, reset after receipt, 5xx); retried only on proof that nothing was processed (429).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { dial, hangup, lookupNumber, sendSms, speak } from '@/lib/external/telnyx'
import { sendMail } from '@/lib/external/sendgrid'
import type { Fault, FakeServer } from '@/tests/fakes/fake-server'
import { startTelnyxFake } from '@/tests/fakes/telnyx-fake'
import { startSendgridFake } from '@/tests/fakes/sendgrid-fake'
import { clearProviderEnv, expectAppError, fastPolicies, setEnv } from './helpers'

let tx: FakeServer
let sg: FakeServer
beforeAll(async () => {
  tx = await startTelnyxFake()
  sg = await startSendgridFake()
})
afterAll(async () => {
  await tx.close()
  await sg.close()
})
beforeEach(() => {
  clearProviderEnv()
  setEnv({
    TELNYX_API_KEY: 'KEYtest',
    TELNYX_PUBLIC_KEY: Buffer.alloc(32, 7).toString('base64'),
    TELNYX_BASE_URL: `${tx.url}/v2`,
    TELNYX_CONNECTION_ID: 'conn_1',
    SENDGRID_API_KEY: 'SG.test',
    SENDGRID_BASE_URL: sg.url,
  })
  fastPolicies()
  tx.reset()
  sg.reset()
})

const sms = { from: '+15125550100', to: '+15125550101', text: 'Your roof report is ready' }
const mail = {
  to: 'home@example.com',
  from: 'crew@roofer.test',
  subject: 'Your roof',
  text: 'Hello',
  html: '<p>Hello</p>',
  customArgs: { fm_outbox_id: 'ob_1' },
  unsubscribeUrl: 'https://app.test/u/tok',
}

const mayHaveReached: Array<[string, Fault]> = [
  ['timeout (hang)', { kind: 'hang' }],
  ['reset after receipt', { kind: 'reset' }],
  ['500', { kind: 'status', status: 500 }],
  ['503', { kind: 'status', status: 503 }],
]

describe('telnyx sms contract', () => {
  it('sends POST /v2/messages with the bearer key and returns id + segments', async () => {
    const r = await sendSms({ ...sms, idempotencyKey: 'ob_1' })
    expect(r).toMatchObject({ providerMessageId: expect.stringContaining('-msg'), segments: 1, sandbox: false })
    expect(tx.requests[0]).toMatchObject({ method: 'POST', path: '/v2/messages', body: { from: sms.from, to: sms.to, text: sms.text } })
    expect(tx.requests[0].headers.authorization).toBe('Bearer KEYtest')
  })

  it.each(mayHaveReached)('is not retried after %s', async (_label, fault) => {
    tx.script(fault, 'ok', 'ok')
    const e = await expectAppError(sendSms(sms))
    expect(['UPSTREAM_FAILED', 'UPSTREAM_TIMEOUT']).toContain(e.code)
    expect(e.details).toMatchObject({ provider: 'telnyx', operation: 'messages.send', attempts: 1 })
    expect(tx.requests).toHaveLength(1)
  })

  it('is retried after a 429 (nothing was processed)', async () => {
    tx.script({ kind: 'status', status: 429 })
    await sendSms(sms)
    expect(tx.requests).toHaveLength(2)
  })

  it.each([400, 401, 403, 404, 422])('is not retried on %i', async (status) => {
    tx.script({ kind: 'status', status })
    const e = await expectAppError(sendSms(sms))
    expect(e).toMatchObject({ code: 'UPSTREAM_FAILED', details: { status } })
    expect(tx.requests).toHaveLength(1)
  })

  it('dial is never repeated after a 5xx (it could ring twice)', async () => {
    tx.script({ kind: 'status', status: 502 })
    await expectAppError(dial({ to: sms.to, from: sms.from }))
    expect(tx.requests).toHaveLength(1)
    const ok = await dial({ to: sms.to, from: sms.from, clientState: 'lead:1' })
    expect(ok.callControlId).toMatch(/^v3:call/)
    expect(tx.requests[1].body).toMatchObject({ connection_id: 'conn_1', client_state: Buffer.from('lead:1').toString('base64') })
  })

  it('call-control commands carry one command_id reused across retries', async () => {
    tx.script({ kind: 'status', status: 500 })
    await speak({ callControlId: 'v3:abc', text: 'Hello from your roofer' })
    expect(tx.requests).toHaveLength(2)
    expect(tx.requests[0].path).toBe('/v2/calls/v3:abc/actions/speak')
    const ids = tx.requests.map((r) => (r.body as { command_id: string }).command_id)
    expect(ids[0]).toBeTruthy()
    expect(ids[0]).toBe(ids[1])
    await hangup({ callControlId: 'v3:abc' })
    expect(tx.requests[2].path).toBe('/v2/calls/v3:abc/actions/hangup')
  })

  it('number lookup maps the carrier type', async () => {
    await expect(lookupNumber({ phoneNumber: '+15125550101' })).resolves.toMatchObject({
      lineType: 'mobile',
      carrier: 'T-Mobile USA',
      valid: true,
      sandbox: false,
    })
    expect(tx.requests[0].query.get('type')).toBe('carrier')
  })
})

describe('sendgrid mail contract', () => {
  it('sends one-click unsubscribe headers, tracking settings and custom args; returns X-Message-Id', async () => {
    const r = await sendMail(mail)
    expect(r).toEqual({ providerMessageId: 'sgfake1', sandbox: false })
    const req = sg.requests[0]
    expect(req.path).toBe('/v3/mail/send')
    expect(req.headers.authorization).toBe('Bearer SG.test')
    const body = req.body as Record<string, any>
    expect(body.headers).toEqual({ 'List-Unsubscribe': '<https://app.test/u/tok>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' })
    expect(body.personalizations[0].to[0].email).toBe('home@example.com')
    expect(body.custom_args).toEqual({ fm_outbox_id: 'ob_1' })
    expect(body.tracking_settings).toMatchObject({ click_tracking: { enable: false }, subscription_tracking: { enable: false } })
  })

  it.each(mayHaveReached)('is not retried after %s', async (_label, fault) => {
    sg.script(fault, 'ok', 'ok')
    await expectAppError(sendMail(mail))
    expect(sg.requests).toHaveLength(1)
  })

  it('is retried after 429 and not after 400', async () => {
    sg.script({ kind: 'status', status: 429 })
    await sendMail(mail)
    expect(sg.requests).toHaveLength(2)
    sg.reset()
    sg.script({ kind: 'status', status: 400 })
    const e = await expectAppError(sendMail(mail))
    expect(e).toMatchObject({ code: 'UPSTREAM_FAILED', details: { status: 400, reason: 'client_error' } })
    expect(sg.requests).toHaveLength(1)
  })
})

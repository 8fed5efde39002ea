// Telnyx v2 fake: Bearer KEY…, messages, call control actions (command_id), number lookup, Telnyx error bodies.
// Options add the chaos of a real provider (seeded, reproducible): a 5xx rate (Telnyx's contract: a 5xx carries
// an error body and no message id — NOT accepted, nothing sent or billed), latency spikes, an outage window, and
// delivery receipts (message.finalized webhooks for the accepted messages, some delivered twice).
import { randomBytes } from 'node:crypto'
import { startFake, type FakeServer, type Fault } from './fake-server'

export interface TelnyxFakeOptions {
  faults?: {
    /** RNG seed (same seed → same faults) */
    seed?: number
    /** share of requests answered `errorStatus` (default 503) with Telnyx's error body */
    errorRate?: number
    errorStatus?: number
    /** share of requests held `spikeMs` before answering (rolled apart from the error: a spike can also fail) */
    spikeRate?: number
    spikeMs?: number
    /** a full outage: from request number `outageAtRequest`, every request gets 503 for `outageMs` */
    outageAtRequest?: number
    outageMs?: number
  }
  receipts?: {
    /** hands one receipt (the raw JSON body Telnyx would POST) to the app: the test signs it and calls the route */
    deliver: (rawBody: string) => Promise<void>
    /** Telnyx sends message.finalized once the carrier answers: this long after accepting (default 100 ms) */
    delayMs?: number
    /** every Nth accepted message's receipt is delivered twice (Telnyx retries webhooks); 0 = never */
    duplicateEvery?: number
    /** the recipient status the receipt reports (default delivered) */
    status?: string
  }
}

export interface AcceptedMessage {
  id: string
  from: string
  to: string
  text: string
}

export interface TelnyxFake extends FakeServer {
  /** every message the fake accepted (answered with a message id), in order */
  accepted: AcceptedMessage[]
  receipts: {
    /** receipts handed to `deliver` (duplicates included) */
    delivered: number
    /** errors thrown by `deliver` */
    errors: unknown[]
    /** resolves once no receipt is pending or in flight */
    settled: () => Promise<void>
  }
}

export const telnyxErrorBody = (status: number) => ({
  errors: [
    {
      code: status >= 500 ? '10001' : status === 429 ? '10011' : '10005',
      title: status >= 500 ? 'Unexpected error' : status === 429 ? 'Too many requests' : 'Invalid parameter',
      detail: `fake ${status}`,
    },
  ],
})

export async function startTelnyxFake({ faults, receipts }: TelnyxFakeOptions = {}): Promise<TelnyxFake> {
  const authed = (r: { headers: Record<string, unknown> }) => /^Bearer KEY/.test(String(r.headers.authorization))
  // message ids unique per fake instance: receipts are matched on them across the whole test database
  const instance = randomBytes(3).toString('hex')
  let n = 0
  const accepted: AcceptedMessage[] = []
  const pending = new Set<Promise<void>>()
  const receiptState = {
    delivered: 0,
    errors: [] as unknown[],
    settled: async () => {
      while (pending.size) await Promise.all([...pending])
    },
  }
  const sendReceipt = (m: AcceptedMessage, nth: number) => {
    if (!receipts) return
    const body = JSON.stringify({
      data: {
        record_type: 'event',
        id: `tev-${m.id}`,
        event_type: 'message.finalized',
        occurred_at: new Date().toISOString(),
        payload: {
          id: m.id,
          record_type: 'message',
          from: { phone_number: m.from },
          to: [{ phone_number: m.to, status: receipts.status ?? 'delivered' }],
        },
      },
    })
    const times = receipts.duplicateEvery && nth % receipts.duplicateEvery === 0 ? 2 : 1
    const p: Promise<void> = (async () => {
      await new Promise((r) => setTimeout(r, receipts.delayMs ?? 100))
      for (let t = 0; t < times; t++) {
        receiptState.delivered++
        await receipts.deliver(body).catch((e: unknown) => {
          receiptState.errors.push(e)
        })
      }
    })().finally(() => pending.delete(p))
    pending.add(p)
  }
  const fake = await startFake({
    errorBody: telnyxErrorBody,
    routes: [
      {
        method: 'POST',
        path: /^\/v2\/messages$/,
        handle: (r) => {
          if (!authed(r)) return { status: 401, body: telnyxErrorBody(401) }
          const b = r.body as { from: string; to: string; text: string }
          const m = { id: `40317f${instance}${++n}-msg`, from: b.from, to: b.to, text: b.text }
          accepted.push(m)
          sendReceipt(m, accepted.length)
          return {
            status: 200,
            body: {
              data: {
                id: m.id,
                record_type: 'message',
                direction: 'outbound',
                type: 'SMS',
                parts: Math.ceil(b.text.length / 153) || 1,
                to: [{ phone_number: b.to, status: 'queued' }],
                from: { phone_number: b.from },
                text: b.text,
              },
            },
          }
        },
      },
      {
        method: 'POST',
        path: /^\/v2\/calls$/,
        handle: (r) =>
          authed(r)
            ? {
                status: 200,
                body: {
                  data: {
                    call_control_id: `v3:call${++n}`,
                    call_leg_id: 'leg',
                    call_session_id: 'sess',
                    is_alive: true,
                    record_type: 'call',
                  },
                },
              }
            : { status: 401, body: telnyxErrorBody(401) },
      },
      {
        method: 'POST',
        path: /^\/v2\/calls\/[^/]+\/actions\/[a-z_]+$/,
        handle: (r) => (authed(r) ? { status: 200, body: { data: { result: 'ok' } } } : { status: 401, body: telnyxErrorBody(401) }),
      },
      {
        method: 'GET',
        path: /^\/v2\/number_lookup\/[^/]+$/,
        handle: (r) => ({
          status: 200,
          body: {
            data: {
              phone_number: decodeURIComponent(r.path.split('/').pop()!),
              record_type: 'number_lookup',
              carrier: { type: 'mobile', name: 'T-Mobile USA' },
            },
          },
        }),
      },
    ],
  })
  const applyFaults = () => {
    if (!faults) return
    const { seed = 42, errorRate = 0, errorStatus = 503, spikeRate = 0, spikeMs = 2_000, outageAtRequest, outageMs = 1_500 } = faults
    const rolled: Array<{ rate: number; fault: Fault }> = [
      { rate: spikeRate, fault: { kind: 'latency', ms: spikeMs } },
      { rate: errorRate, fault: { kind: 'status', status: errorStatus } },
    ]
    fake.chaos({ seed, faults: rolled.filter((f) => f.rate > 0) })
    if (outageAtRequest) fake.outage({ atRequest: outageAtRequest, ms: outageMs })
  }
  applyFaults()
  const resetServer = fake.reset
  return Object.assign(fake, {
    accepted,
    receipts: receiptState,
    /** clears requests, scripted faults and accepted messages; the faults given as options start over */
    reset: () => {
      resetServer()
      accepted.length = 0
      applyFaults()
    },
  })
}

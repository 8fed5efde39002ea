// A Telnyx messaging fake with fault injection for the chaos run. POST /v2/messages:
//  - with probability `errorRate` (seeded RNG) answers 5xx with Telnyx's error body: NOT accepted
//    (Telnyx's contract: no message id, nothing sent or billed);
//  - from request number `outageAtRequest`, for `outageMs`, every request gets 503 (trips the breaker);
//  - with probability `spikeRate` holds the request `spikeMs` before answering (latency spike);
//  - otherwise accepts: a message id, recorded per message text (the test puts the dedupe key in the text).
import http from 'node:http'
import type { AddressInfo } from 'node:net'

function rng(seed: number) {
  let s = seed >>> 0
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32)
}

export async function startTelnyxChaosFake({ errorRate = 0.2, spikeRate = 0.05, spikeMs = 2000, seed = 42, outageAtRequest = 0, outageMs = 1500 } = {}) {
  const random = rng(seed)
  const accepted = new Map<string, string[]>() // text → message ids
  const acceptedList: Array<{ id: string; text: string }> = []
  const stats = { requests: 0, errors: 0, spikes: 0, inFlight: 0, maxInFlight: 0 }
  let outageUntil = 0
  let n = 0
  const server = http.createServer(async (req, res) => {
    let body = ''
    for await (const c of req) body += c
    stats.requests++
    if (outageAtRequest && stats.requests === outageAtRequest) outageUntil = Date.now() + outageMs
    stats.inFlight++
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight)
    const done = (code: number, obj: unknown) => {
      stats.inFlight--
      res.writeHead(code, { 'content-type': 'application/json' })
      res.end(JSON.stringify(obj))
    }
    if (req.method !== 'POST' || !req.url?.startsWith('/v2/messages')) return done(404, { errors: [{ code: '10005', title: 'Resource not found' }] })
    if (req.headers.authorization !== 'Bearer KEYchaos') return done(401, { errors: [{ code: '10009', title: 'Authentication failed' }] })
    const fail = Date.now() < outageUntil || random() < errorRate
    const spike = random() < spikeRate
    if (spike) {
      stats.spikes++
      await new Promise((r) => setTimeout(r, spikeMs))
    }
    if (fail) {
      stats.errors++
      return done(503, { errors: [{ code: '10011', title: 'Service unavailable', detail: 'Please retry the request.' }] })
    }
    const b = JSON.parse(body) as { from: string; to: string; text: string }
    const id = `40317${(++n).toString().padStart(8, '0')}-chaos`
    accepted.set(b.text, [...(accepted.get(b.text) ?? []), id])
    acceptedList.push({ id, text: b.text })
    done(200, { data: { record_type: 'message', id, direction: 'outbound', type: 'SMS', parts: 1, text: b.text,
      from: { phone_number: b.from }, to: [{ phone_number: b.to, status: 'queued' }] } })
  })
  server.keepAliveTimeout = 30_000
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const port = (server.address() as AddressInfo).port
  return {
    baseUrl: `http://127.0.0.1:${port}/v2`,
    accepted,
    acceptedList,
    stats,
    outage(ms: number) {
      outageUntil = Date.now() + ms
    },
    close: () => new Promise<void>((r) => {
      server.closeAllConnections()
      server.close(() => r())
    }),
  }
}

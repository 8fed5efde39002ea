// Shared base for provider HTTP fakes: a node:http server that records every request and can inject faults:
// scripted (a queue consumed one request at a time), random with a seeded RNG (reproducible chaos), or an
// outage window (every request fails for a while). Each recorded request lists the faults it got.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { mulberry32 } from '@/lib/mulberry32'

export interface RecordedRequest {
  method: string
  path: string
  query: URLSearchParams
  headers: http.IncomingHttpHeaders
  rawBody: string
  /** the body exactly as received (binary-safe: images, S3 objects) */
  rawBytes: Buffer
  /** parsed JSON or form body */
  body: unknown
  at: number
  /** faults injected into this request (empty: answered normally) */
  faults: Fault[]
}

export interface FakeResponse {
  status: number
  body?: unknown
  headers?: Record<string, string>
  raw?: Buffer | string
}
export type Handler = (req: RecordedRequest) => FakeResponse | Promise<FakeResponse>

export type Fault =
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  | { kind: 'latency'; ms: number }
  | { kind: 'hang' }
  | { kind: 'reset' } // body received, then the socket is destroyed: the provider may have processed it
  | { kind: 'malformed' } // 200 with a broken JSON body

export interface FakeOptions {
  /** provider-shaped error body for a status fault without an explicit body */
  errorBody?: (status: number) => unknown
  routes: Array<{ method: string; path: RegExp; handle: Handler }>
}

export interface ChaosOptions {
  seed: number
  /** each fault is rolled on its own for every request (a request can get a latency spike AND a 503);
   * latencies add up, the first answering fault (status, hang, reset, malformed) that hits is the answer */
  faults: Array<{ rate: number; fault: Fault }>
}

export interface OutageOptions {
  ms: number
  /** the window opens when this request number (1-based, counted since start/reset) arrives; default: now */
  atRequest?: number
  /** answer during the window; default 503 with the provider's error body */
  status?: number
}

export interface FakeServer {
  url: string
  port: number
  requests: RecordedRequest[]
  maxInFlight: number
  /** queue faults for the next requests (one per request, in order); 'ok' lets one through */
  script: (...faults: Array<Fault | 'ok'>) => void
  /** random faults for every request, reproducible from the seed */
  chaos: (opts: ChaosOptions | null) => void
  /** a full outage: every request in the window gets a 5xx (scripted faults still win) */
  outage: (opts: OutageOptions | null) => void
  /** latency added to every request */
  latency: (ms: number) => void
  reset: () => void
  close: () => Promise<void>
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export async function startFake(opts: FakeOptions): Promise<FakeServer> {
  const requests: RecordedRequest[] = []
  let queue: Array<Fault | 'ok'> = []
  let chaos: { rnd: () => number; faults: ChaosOptions['faults'] } | null = null
  let outage: (OutageOptions & { from?: number }) | null = null
  let baseLatency = 0
  let inFlight = 0
  const fake = { maxInFlight: 0 } as FakeServer

  const server = http.createServer(async (req, res) => {
    inFlight++
    fake.maxInFlight = Math.max(fake.maxInFlight, inFlight)
    try {
      const chunks: Buffer[] = []
      for await (const chunk of req) chunks.push(chunk as Buffer)
      const rawBytes = Buffer.concat(chunks)
      const rawBody = rawBytes.toString()
      const u = new URL(req.url ?? '/', 'http://fake')
      const ct = String(req.headers['content-type'] ?? '')
      let body: unknown = rawBody
      if (ct.includes('json') && rawBody) {
        try {
          body = JSON.parse(rawBody)
        } catch {
          body = rawBody
        }
      } else if (ct.includes('x-www-form-urlencoded')) body = Object.fromEntries(new URLSearchParams(rawBody))
      const rec: RecordedRequest = {
        method: req.method ?? 'GET',
        path: u.pathname,
        query: u.searchParams,
        headers: req.headers,
        rawBody,
        rawBytes,
        body,
        at: Date.now(),
        faults: [],
      }
      requests.push(rec)
      seen++

      if (baseLatency) await sleep(baseLatency)
      rec.faults = pickFaults(Date.now())
      const latency = rec.faults.reduce((ms, f) => ms + (f.kind === 'latency' ? f.ms : 0), 0)
      if (latency) await sleep(latency)
      const fault = rec.faults.find((f) => f.kind !== 'latency')
      if (fault) {
        if (fault.kind === 'hang') return // never answers; close() destroys the socket
        if (fault.kind === 'reset') {
          req.socket.destroy()
          return
        }
        if (fault.kind === 'malformed') {
          res.writeHead(200, { 'content-type': 'application/json' })
          res.end('{"id": "trunc')
          return
        }
        if (fault.kind === 'status') {
          res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers })
          res.end(JSON.stringify(fault.body ?? opts.errorBody?.(fault.status) ?? { error: { message: `fake ${fault.status}` } }))
          return
        }
      }
      const route = opts.routes.find((r) => r.method === rec.method && r.path.test(rec.path))
      const out: FakeResponse = route
        ? await route.handle(rec)
        : { status: 404, body: opts.errorBody?.(404) ?? { error: { message: `no fake for ${rec.method} ${rec.path}` } } }
      if (out.raw !== undefined) {
        res.writeHead(out.status, { 'content-type': 'application/octet-stream', ...out.headers })
        res.end(out.raw)
      } else {
        res.writeHead(out.status, { 'content-type': 'application/json', ...out.headers })
        res.end(out.body === undefined ? '' : JSON.stringify(out.body))
      }
    } finally {
      inFlight--
    }
  })
  let seen = 0 // requests since start/reset (outage.atRequest counts these)
  /** the faults for the request that just arrived: a scripted one, else the outage window, else chaos rolls */
  function pickFaults(now: number): Fault[] {
    const scripted = queue.shift()
    if (scripted) return scripted === 'ok' ? [] : [scripted]
    if (outage) {
      if (outage.from === undefined && outage.atRequest !== undefined && seen >= outage.atRequest) outage.from = now
      if (outage.from !== undefined && now < outage.from + outage.ms) return [{ kind: 'status', status: outage.status ?? 503 }]
    }
    if (!chaos) return []
    const c = chaos
    return c.faults.filter((f) => c.rnd() < f.rate).map((f) => f.fault)
  }

  // outlive the clients' keep-alive (Node's default 5 s would close idle sockets under a busy client, and a
  // request racing that close fails as a reset — a fault nobody injected)
  server.keepAliveTimeout = 30_000
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  const port = (server.address() as AddressInfo).port
  return Object.assign(fake, {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    script: (...faults: Array<Fault | 'ok'>) => {
      queue.push(...faults)
    },
    chaos: (c: ChaosOptions | null) => {
      chaos = c ? { rnd: mulberry32(c.seed), faults: c.faults } : null
    },
    outage: (o: OutageOptions | null) => {
      outage = o ? { ...o, from: o.atRequest === undefined ? Date.now() : undefined } : null
    },
    latency: (ms: number) => {
      baseLatency = ms
    },
    reset: () => {
      requests.length = 0
      seen = 0
      queue = []
      chaos = null
      outage = null
      baseLatency = 0
      fake.maxInFlight = 0
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections()
        server.close(() => r())
      }),
  })
}

/** A port where nothing listens (connection refused). */
export async function closedPort(): Promise<number> {
  const s = http.createServer()
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()))
  const port = (s.address() as AddressInfo).port
  await new Promise<void>((r) => s.close(() => r()))
  return port
}

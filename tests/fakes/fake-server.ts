// Shared base for provider HTTP fakes: a node:http server that records every request and can inject faults,
// either scripted (a queue consumed one request at a time) or random with a seeded RNG (reproducible chaos).
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { mulberry32 } from '@/lib/mulberry32'

export interface RecordedRequest {
  method: string
  path: string
  query: URLSearchParams
  headers: http.IncomingHttpHeaders
  rawBody: string
  /** parsed JSON or form body */
  body: unknown
  at: number
}

export interface FakeResponse { status: number; body?: unknown; headers?: Record<string, string>; raw?: Buffer | string }
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

export interface FakeServer {
  url: string
  port: number
  requests: RecordedRequest[]
  maxInFlight: number
  /** queue faults for the next requests (one per request, in order); 'ok' lets one through */
  script: (...faults: Array<Fault | 'ok'>) => void
  /** random faults for every request, reproducible from the seed */
  chaos: (opts: { seed: number; rate: number; faults: Fault[] } | null) => void
  /** latency added to every request */
  latency: (ms: number) => void
  reset: () => void
  close: () => Promise<void>
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export async function startFake(opts: FakeOptions): Promise<FakeServer> {
  const requests: RecordedRequest[] = []
  let queue: Array<Fault | 'ok'> = []
  let chaos: { rnd: () => number; rate: number; faults: Fault[] } | null = null
  let baseLatency = 0
  let inFlight = 0
  const fake = { maxInFlight: 0 } as FakeServer

  const server = http.createServer(async (req, res) => {
    inFlight++
    fake.maxInFlight = Math.max(fake.maxInFlight, inFlight)
    try {
      let rawBody = ''
      for await (const chunk of req) rawBody += chunk
      const u = new URL(req.url ?? '/', 'http://fake')
      const ct = String(req.headers['content-type'] ?? '')
      let body: unknown = rawBody
      if (ct.includes('json') && rawBody) { try { body = JSON.parse(rawBody) } catch { body = rawBody } }
      else if (ct.includes('x-www-form-urlencoded')) body = Object.fromEntries(new URLSearchParams(rawBody))
      const rec: RecordedRequest = { method: req.method ?? 'GET', path: u.pathname, query: u.searchParams, headers: req.headers, rawBody, body, at: Date.now() }
      requests.push(rec)

      if (baseLatency) await sleep(baseLatency)
      let fault: Fault | 'ok' | undefined = queue.shift()
      if (!fault && chaos && chaos.rnd() < chaos.rate) fault = chaos.faults[Math.floor(chaos.rnd() * chaos.faults.length)]
      if (fault && fault !== 'ok') {
        if (fault.kind === 'hang') return // never answers; close() destroys the socket
        if (fault.kind === 'reset') { req.socket.destroy(); return }
        if (fault.kind === 'malformed') { res.writeHead(200, { 'content-type': 'application/json' }); res.end('{"id": "trunc'); return }
        if (fault.kind === 'latency') await sleep(fault.ms)
        if (fault.kind === 'status') {
          res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers })
          res.end(JSON.stringify(fault.body ?? opts.errorBody?.(fault.status) ?? { error: { message: `fake ${fault.status}` } }))
          return
        }
      }
      const route = opts.routes.find((r) => r.method === rec.method && r.path.test(rec.path))
      const out: FakeResponse = route ? await route.handle(rec) : { status: 404, body: opts.errorBody?.(404) ?? { error: { message: `no fake for ${rec.method} ${rec.path}` } } }
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
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  const port = (server.address() as AddressInfo).port
  return Object.assign(fake, {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    script: (...faults: Array<Fault | 'ok'>) => { queue.push(...faults) },
    chaos: (c: { seed: number; rate: number; faults: Fault[] } | null) => { chaos = c ? { rnd: mulberry32(c.seed), rate: c.rate, faults: c.faults } : null },
    latency: (ms: number) => { baseLatency = ms },
    reset: () => { requests.length = 0; queue = []; chaos = null; baseLatency = 0; fake.maxInFlight = 0 },
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()) }),
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

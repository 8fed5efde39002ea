// Provider fakes for `npm run bench:scan` (scripts/bench-scan.ts): Mapbox Static Images answering real JPEG aerial
// photos (one per location), Anthropic Messages answering a valid forced `record_roof_assessment` tool call, both
// with realistic latency (seeded jitter) and a seeded share of 5xx/429 answers, plus the parcels a Regrid fake
// serves. Unlike fake-server.ts, every call records when it arrived and was answered and which property it is
// about (BenchCall.key), so the bench can tell a repeated call from one that was in flight when it SIGKILLed the
// worker (answered, and billed by a real provider, but never seen by the app). Listens on 127.0.0.1 only.
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import sharp from 'sharp'
import { mulberry32 } from '@/lib/mulberry32'
import { generateSyntheticAerial } from '@/lib/imagery/synthetic-aerial'
import { bandForScore, INDICATOR_TYPES, ROOF_TOOL_NAME, type RoofAssessmentWire } from '@/lib/vision/roof-assessment'
import { anthropicErrorBody } from './anthropic-fake'
import { regridParcel, type RegridFakeParcel } from './regrid-fake'

export interface BenchCall {
  path: string
  /** injected fault, when the fake answered one instead of the real answer */
  fault: '5xx' | '429' | null
  status: number
  /** ms the fake held the request before answering (latency + jitter) */
  serviceMs: number
  /** epoch ms: the request arrived, and the fake answered (or found its client gone) */
  arrivedAt: number
  answeredAt: number
  /** the answer was flushed to the socket (a client killed a moment before can still count: its socket may be half-open) */
  delivered: boolean
  /** the fake saw the client go away before it answered (not every killed client is seen: see `delivered`) */
  abandoned: boolean
  /** which property the call is about ("lat,lng" with 5 decimals), when the fake can tell */
  key?: string
}

type BenchRequest = { method: string; path: string; query: URLSearchParams; headers: http.IncomingHttpHeaders; body: Buffer }

export interface BenchFakeOptions {
  seed: number
  /** mean latency of an answer, ms */
  latencyMs: number
  /** uniform jitter: each answer takes latencyMs ± jitterMs */
  jitterMs: number
  /** share of requests answered with an injected fault (half 5xx, half 429) */
  faultRate: number
  /** fault answers come quickly (a gateway or a rate limiter answers, not the model) */
  faultLatencyMs?: number
  fault: (kind: '5xx' | '429') => { status: number; body: unknown; headers?: Record<string, string> }
  /** names the property a request is about (BenchCall.key) */
  keyOf?: (req: BenchRequest) => string | undefined
  handle: (req: BenchRequest) => {
    status: number
    body: Buffer | string
    headers: Record<string, string>
  }
}

export interface BenchFake {
  url: string
  calls: BenchCall[]
  maxInFlight: number
  close: () => Promise<void>
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export async function startBenchFake(opts: BenchFakeOptions): Promise<BenchFake> {
  const rnd = mulberry32(opts.seed)
  const calls: BenchCall[] = []
  let inFlight = 0
  const fake = { calls, maxInFlight: 0 } as BenchFake
  const server = http.createServer(async (req, res) => {
    inFlight++
    fake.maxInFlight = Math.max(fake.maxInFlight, inFlight)
    const u = new URL(req.url ?? '/', 'http://fake')
    const call: BenchCall = {
      path: u.pathname,
      fault: null,
      status: 0,
      serviceMs: 0,
      arrivedAt: Date.now(),
      answeredAt: 0,
      delivered: false,
      abandoned: false,
    }
    calls.push(call)
    res.on('finish', () => (call.delivered = !call.abandoned))
    res.on('close', () => {
      if (!res.writableFinished) call.abandoned = true
    })
    try {
      const chunks: Buffer[] = []
      for await (const c of req) chunks.push(c as Buffer)
      const request: BenchRequest = {
        method: req.method ?? 'GET',
        path: u.pathname,
        query: u.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks),
      }
      call.key = opts.keyOf?.(request)
      const started = performance.now()
      const faulted = rnd() < opts.faultRate
      call.fault = faulted ? (rnd() < 0.5 ? '5xx' : '429') : null
      const wait = faulted ? (opts.faultLatencyMs ?? 50) : opts.latencyMs + (rnd() * 2 - 1) * opts.jitterMs
      await sleep(Math.max(0, wait))
      call.serviceMs = performance.now() - started
      call.answeredAt = Date.now()
      if (call.abandoned || res.destroyed) return
      if (call.fault) {
        const f = opts.fault(call.fault)
        call.status = f.status
        res.writeHead(f.status, { 'content-type': 'application/json', ...f.headers })
        res.end(JSON.stringify(f.body))
        return
      }
      const out = opts.handle(request)
      call.status = out.status
      res.writeHead(out.status, out.headers)
      res.end(out.body)
    } finally {
      inFlight--
    }
  })
  server.keepAliveTimeout = 30_000
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  const port = (server.address() as AddressInfo).port
  return Object.assign(fake, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections()
        server.close(() => r())
      }),
  })
}

/** How the Mapbox Static Images path names a location (lib/external/mapbox.ts): "lng,lat" with 6 decimals. */
export const mapboxLocationKey = (lat: number, lng: number) => `${lng.toFixed(6)},${lat.toFixed(6)}`
/** BenchCall.key: the property's location as the vision prompt gives it (lib/vision/roof-prompt.ts, 5 decimals). */
export const propertyKey = (lat: number, lng: number) => `${lat.toFixed(5)},${lng.toFixed(5)}`
const MAPBOX_PATH = /^\/styles\/v1\/mapbox\/satellite-v9\/static\/(-?[\d.]+),(-?[\d.]+),\d+,0\/\d+x\d+(@2x)?$/

/**
 * One real aerial JPEG per location, 1280×1280 like Mapbox's 640×640@2x: the synthetic sandbox photo drawn at
 * 640 px (lib/imagery/synthetic-aerial.ts) and upscaled, which costs a quarter of drawing it at 1280. Cached on
 * disk under `cacheDir`, so only the first bench run on a machine pays for drawing them.
 */
export async function benchAerials(
  locations: Array<{ lat: number; lng: number }>,
  { cacheDir, size = 1280, onProgress }: { cacheDir: string; size?: number; onProgress?: (done: number) => void },
): Promise<Map<string, Buffer>> {
  fs.mkdirSync(cacheDir, { recursive: true })
  const out = new Map<string, Buffer>()
  for (const [i, loc] of locations.entries()) {
    const key = mapboxLocationKey(loc.lat, loc.lng)
    const file = path.join(cacheDir, `${key.replace(/[^0-9.,-]/g, '')}_${size}.jpg`)
    let bytes: Buffer
    if (fs.existsSync(file)) bytes = fs.readFileSync(file)
    else {
      const drawn = await generateSyntheticAerial({ lat: loc.lat, lng: loc.lng, size: 640 })
      bytes = await sharp(drawn.bytes).resize(size, size, { kernel: 'lanczos3' }).jpeg({ quality: 84 }).toBuffer()
      fs.writeFileSync(file, bytes)
    }
    out.set(key, bytes)
    if (onProgress && (i + 1) % 100 === 0) onProgress(i + 1)
  }
  return out
}

/** Mapbox Static Images (satellite-v9): the location's JPEG; 401 without a pk./sk. token; 404 for an unknown place. */
export function startBenchMapboxFake(
  o: { images: Map<string, Buffer> } & Pick<BenchFakeOptions, 'seed' | 'latencyMs' | 'jitterMs' | 'faultRate'>,
): Promise<BenchFake> {
  return startBenchFake({
    ...o,
    keyOf: (r) => {
      const m = MAPBOX_PATH.exec(r.path)
      return m ? propertyKey(Number(m[2]), Number(m[1])) : undefined
    },
    fault: (kind) =>
      kind === '429' ? { status: 429, body: { message: 'Too Many Requests' } } : { status: 503, body: { message: 'Service Unavailable' } },
    handle: (r) => {
      const json = (status: number, body: unknown) => ({
        status,
        body: JSON.stringify(body),
        headers: { 'content-type': 'application/json' },
      })
      if (!/^(pk|sk)\./.test(r.query.get('access_token') ?? '')) return json(401, { message: 'Not Authorized - Invalid Token' })
      const m = MAPBOX_PATH.exec(r.path)
      const img = m ? o.images.get(`${m[1]},${m[2]}`) : undefined
      if (!img) return json(404, { message: 'Not Found' })
      return { status: 200, body: img, headers: { 'content-type': 'image/jpeg', 'cache-control': 'max-age=43200' } }
    },
  })
}

const MATERIALS = ['asphalt_shingle', 'architectural_shingle', 'metal', 'tile'] as const
const SHAPES = ['gable', 'hip', 'complex'] as const
const EVIDENCE: Record<string, string> = {
  missing_shingles: 'A few shingles missing near the ridge on the south slope',
  granule_loss_or_wear: 'Blotchy, worn shingles across most of the west slope',
  discoloration_staining: 'Dark streaks below the ridge on the north slope',
  moss_algae: 'Green growth along the shaded north eave',
  patching: 'Newer shingles in a patch on the east slope',
  debris: 'Branches and leaves collected in the valley',
}

/**
 * A valid record_roof_assessment answer, varied but fixed per image (seeded by its hash): condition 20–95 with the
 * matching band, 0–3 indicators, confidence 0.6–0.95 (never below the pipeline's 0.5 retry threshold, so a
 * property takes exactly one vision call).
 */
export function benchRoofAnswer(seed: number): RoofAssessmentWire {
  const r = mulberry32(seed)
  const score = 20 + Math.floor(r() * 76)
  const pool = Object.keys(EVIDENCE).filter((t) => (INDICATOR_TYPES as readonly string[]).includes(t))
  const n = score < 50 ? 1 + Math.floor(r() * 3) : score < 70 ? Math.floor(r() * 2) : 0
  const picked = [...pool].sort(() => r() - 0.5).slice(0, n)
  return {
    roof_visible: true,
    material: MATERIALS[Math.floor(r() * MATERIALS.length)]!,
    shape: SHAPES[Math.floor(r() * SHAPES.length)]!,
    condition_score: score,
    condition_band: bandForScore(score),
    indicators: picked.map((t) => ({
      type: t as RoofAssessmentWire['indicators'][number]['type'],
      severity: score < 35 ? 'high' : score < 50 ? 'med' : 'low',
      evidence: EVIDENCE[t]!,
    })),
    confidence: Math.round((0.6 + r() * 0.35) * 100) / 100,
    reasoning: `Condition ${score}/100 from the visible roof planes${n ? ' and the damage listed' : ''}.`,
  }
}

/** Anthropic Messages: a forced record_roof_assessment tool_use with a valid answer; 429 carries retry-after: 1. */
export function startBenchAnthropicFake(o: Pick<BenchFakeOptions, 'seed' | 'latencyMs' | 'jitterMs' | 'faultRate'>): Promise<BenchFake> {
  return startBenchFake({
    ...o,
    keyOf: (r) => {
      const m = /location (-?\d+\.\d+), (-?\d+\.\d+)/.exec(r.body.toString('utf8'))
      return m ? `${m[1]},${m[2]}` : undefined
    },
    fault: (kind) =>
      kind === '429'
        ? { status: 429, body: anthropicErrorBody(429), headers: { 'retry-after': '1' } }
        : { status: 529, body: anthropicErrorBody(529) },
    handle: (r) => {
      const json = (status: number, body: unknown) => ({
        status,
        body: JSON.stringify(body),
        headers: { 'content-type': 'application/json', 'request-id': `req_bench_${Math.random().toString(36).slice(2)}` },
      })
      if (r.method !== 'POST' || r.path !== '/v1/messages') return json(404, anthropicErrorBody(404))
      if (!r.headers['x-api-key'] && !/^Bearer sk-ant-/.test(String(r.headers.authorization))) return json(401, anthropicErrorBody(401))
      let b: { model?: string; tool_choice?: { name?: string }; messages?: Array<{ content?: Array<{ source?: { data?: string } }> }> }
      try {
        b = JSON.parse(r.body.toString())
      } catch {
        return json(400, anthropicErrorBody(400))
      }
      if (b.tool_choice?.name !== ROOF_TOOL_NAME) return json(400, anthropicErrorBody(400))
      const image = b.messages?.[0]?.content?.[0]?.source?.data ?? ''
      const seed = createHash('sha1').update(image.slice(0, 8192)).update(String(image.length)).digest().readUInt32BE(0)
      return json(200, {
        id: `msg_bench_${seed.toString(36)}`,
        type: 'message',
        role: 'assistant',
        model: b.model,
        content: [{ type: 'tool_use', id: `toolu_bench_${seed.toString(36)}`, name: ROOF_TOOL_NAME, input: benchRoofAnswer(seed) }],
        stop_reason: 'tool_use',
        stop_sequence: null,
        usage: { input_tokens: 1650, output_tokens: 240 },
      })
    },
  })
}

/**
 * `n` residential parcels spread evenly inside a circle (a sunflower spiral, so none coincide), each with a
 * unique street address, for the Regrid fake (regrid-fake.ts). Ids start at 1 (Regrid pages by id).
 */
export function benchParcels(n: number, centre: { lat: number; lng: number }, radiusMeters: number): RegridFakeParcel[] {
  const golden = Math.PI * (3 - Math.sqrt(5))
  const mPerDegLat = 111_320
  const mPerDegLng = 111_320 * Math.cos((centre.lat * Math.PI) / 180)
  return Array.from({ length: n }, (_, i) => {
    const d = radiusMeters * Math.sqrt((i + 0.5) / n)
    const a = i * golden
    const lat = Number((centre.lat + (d * Math.cos(a)) / mPerDegLat).toFixed(6))
    const lng = Number((centre.lng + (d * Math.sin(a)) / mPerDegLng).toFixed(6))
    const id = i + 1
    return regridParcel(id, lat, lng, { address: `${100 + id} ${['OAK', 'ELM', 'PINE', 'CEDAR'][id % 4]} ST` })
  })
}

// `npm run bench:scan` (issue #9 item 9): a scan of BENCH_PROPERTIES (default 1,000) properties through the real
// worker (`tsx --conditions=react-server scripts/worker.ts`, a child process) against in-process provider fakes on
// 127.0.0.1 (tests/fakes/bench-scan-fakes.ts): Regrid parcels, Mapbox Static Images answering real JPEGs (~300 ms),
// Anthropic Messages answering a valid forced record_roof_assessment call (~2 s ± 0.5 s); 5 % of the imagery and
// vision calls answer 5xx or 429 (seeded). No other address is contacted: the worker's environment is built
// from scratch (no key of any other provider, FM_SANDBOX unset, OVERPASS_ENABLED=0).
//   Run 1: create → COMPLETED. Wall time, properties/min, the provider-bound minimum and the ratio to it, calls
//          per property per provider counted at the fakes, SQL statements per property (a PostgreSQL wire-protocol
//          proxy in front of the worker's connections counts Simple Query + Execute messages), worker peak RSS.
//   Run 2: the same scan for a fresh org with the worker SIGKILLed at ~30 % and ~60 % and restarted: it must
//          complete, with exactly one valid vision answer delivered per property.
// Prints numbers, never asserts timings; exit 1 only when a scan does not complete or a count is wrong.
// Env: BENCH_PROPERTIES (10–1000, default 1000), BENCH_SKIP_KILLS=1 (run 1 only), BENCH_KEEP_DB=1, BENCH_SEED, FM_SCAN_BATCH / FM_SCAN_WORKERS /
// FM_PROVIDER_MAX_CONCURRENT (passed to the worker). Aerial JPEGs are cached in $TMPDIR/fm-bench-scan-aerials.
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
// @ts-expect-error plain ESM script without types
import { createDatabase, dropDatabase, findPostgres } from './pg-local.mjs'
// @ts-expect-error plain ESM script without types
import { migrate } from './migrate-apply.mjs'
import { startRegridFake } from '@/tests/fakes/regrid-fake'
import {
  benchAerials,
  benchParcels,
  propertyKey,
  startBenchAnthropicFake,
  startBenchMapboxFake,
  type BenchCall,
  type BenchFake,
} from '@/tests/fakes/bench-scan-fakes'

const ROOT = path.resolve(import.meta.dirname, '..')
const N = Math.max(10, Math.min(1000, Number(process.env.BENCH_PROPERTIES ?? 1000)))
const SEED = Number(process.env.BENCH_SEED ?? 9)
const CENTRE = { lat: 30.2672, lng: -97.7431 } // Austin, TX
const RADIUS_MILES = 1
const IMAGERY = { latencyMs: 300, jitterMs: 50 }
const VISION = { latencyMs: 2000, jitterMs: 500 }
const FAULT_RATE = 0.05
// the worker's configured concurrency (lib/scans/jobs.ts and lib/external/call-service.ts defaults)
const BATCH = Number(process.env.FM_SCAN_BATCH ?? 1)
const POLLERS = Number(process.env.FM_SCAN_WORKERS ?? 8)
const BULKHEAD = Number(process.env.FM_PROVIDER_MAX_CONCURRENT ?? 10)

const t0 = Date.now()
const log = (m: string) => console.log(`[bench ${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

// ---------------------------------------------------------------------------------------------------------------
// SQL statement counter: a TCP proxy speaking just enough of the PostgreSQL frontend protocol to count what the
// worker sends. One statement = one Simple Query ('Q') or one Execute ('E') message; the text comes from the Query
// or from the Parse ('P') behind the Bind ('B') of the executed portal. Classified as transaction control
// (BEGIN/COMMIT/ROLLBACK/SAVEPOINT/SET), pg-boss (touches the pgboss schema) or app (everything else, with a
// "VERB table" breakdown).
interface SqlCounts {
  statements: number
  tx: number
  boss: number
  app: number
  byKind: Map<string, number>
}
const emptyCounts = (): SqlCounts => ({ statements: 0, tx: 0, boss: 0, app: 0, byKind: new Map() })

function kindOf(sql: string): string {
  const s = sql.replace(/\s+/g, ' ').trim()
  const verb = (/^\w+/.exec(s)?.[0] ?? '?').toUpperCase()
  const table =
    /\b(?:FROM|INTO|UPDATE)\s+(?:"?(\w+)"?\.)?"?(\w+)"?/i.exec(s.replace(/^WITH\b.*?\)\s*(?=SELECT|INSERT|UPDATE|DELETE)/i, '')) ?? null
  return `${verb} ${table ? table[2] : ''}`.trim()
}

function startSqlCounter(target: URL): Promise<{ url: (db: string) => string; counts: () => SqlCounts; close: () => Promise<void> }> {
  let counts = emptyCounts()
  const sockets = new Set<net.Socket>()
  const count = (sql: string) => {
    counts.statements++
    if (/^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|START TRANSACTION|SET\s)/i.test(sql)) counts.tx++
    else if (/\bpgboss\b/i.test(sql)) counts.boss++
    else {
      counts.app++
      const k = kindOf(sql)
      counts.byKind.set(k, (counts.byKind.get(k) ?? 0) + 1)
    }
  }
  const cstr = (b: Buffer, at: number): [string, number] => {
    const end = b.indexOf(0, at)
    return [b.toString('utf8', at, end), end + 1]
  }
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname)
    sockets.add(client).add(upstream)
    const stmts = new Map<string, string>()
    const portals = new Map<string, string>()
    let buf: Buffer = Buffer.alloc(0)
    let startup = true
    client.on('data', (d: Buffer) => {
      buf = buf.length ? Buffer.concat([buf, d]) : d
      for (;;) {
        if (startup) {
          if (buf.length < 8) break
          const len = buf.readInt32BE(0)
          if (buf.length < len) break
          const code = buf.readInt32BE(4)
          buf = buf.subarray(len)
          if (code !== 80877103 && code !== 80877104) startup = false // not SSLRequest / GSSENCRequest
          continue
        }
        if (buf.length < 5) break
        const total = 1 + buf.readInt32BE(1)
        if (buf.length < total) break
        const type = String.fromCharCode(buf[0]!)
        const body = buf.subarray(5, total)
        if (type === 'Q') count(cstr(body, 0)[0])
        else if (type === 'P') {
          const [name, at] = cstr(body, 0)
          stmts.set(name, cstr(body, at)[0])
        } else if (type === 'B') {
          const [portal, at] = cstr(body, 0)
          portals.set(portal, stmts.get(cstr(body, at)[0]) ?? '?')
        } else if (type === 'E') count(portals.get(cstr(body, 0)[0]) ?? '?')
        buf = buf.subarray(total)
      }
    })
    client.pipe(upstream)
    upstream.pipe(client)
    const done = () => {
      client.destroy()
      upstream.destroy()
      sockets.delete(client)
      sockets.delete(upstream)
    }
    client.on('error', done).on('close', done)
    upstream.on('error', done).on('close', done)
  })
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port
      resolve({
        url: (db) => {
          const u = new URL(target)
          u.hostname = '127.0.0.1'
          u.port = String(port)
          u.pathname = `/${db}`
          return u.toString()
        },
        counts: () => {
          const c = counts
          counts = emptyCounts()
          return c
        },
        close: () =>
          new Promise<void>((r) => {
            for (const s of sockets) s.destroy()
            server.close(() => r())
          }),
      })
    }),
  )
}

// ---------------------------------------------------------------------------------------------------------------
// The worker child: `tsx --conditions=react-server scripts/worker.ts` in its own process group (tsx runs node as a
// child: the group is what SIGKILL must hit). Peak RSS = VmHWM of the group's processes, sampled every 500 ms.
interface Worker {
  proc: ChildProcess
  peakRssKb: number
  exited: Promise<void>
  sample: () => void
}

function groupPids(pgid: number): number[] {
  const out: number[] = []
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8')
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      if (Number(fields[2]) === pgid) out.push(Number(d))
    } catch {
      /* gone */
    }
  }
  return out
}
const vmHwmKb = (pid: number) => {
  try {
    return Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0)
  } catch {
    return 0
  }
}

async function startWorker(env: NodeJS.ProcessEnv, logFile: string): Promise<Worker> {
  const out = fs.openSync(logFile, 'a')
  const proc = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['--conditions=react-server', 'scripts/worker.ts'], {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', out],
  })
  const exited = new Promise<void>((r) => proc.once('exit', () => r()))
  let ready = false
  let pids: number[] = []
  const w: Worker = {
    proc,
    peakRssKb: 0,
    exited,
    sample: () => {
      if (!pids.length) pids = groupPids(proc.pid!)
      for (const p of pids) w.peakRssKb = Math.max(w.peakRssKb, vmHwmKb(p))
    },
  }
  proc.stdout!.on('data', (d: Buffer) => {
    fs.writeSync(out, d)
    if (!ready && d.toString().includes('"worker started"')) ready = true
  })
  void exited.then(() => fs.closeSync(out))
  const until = Date.now() + 120_000
  while (!ready) {
    if (proc.exitCode !== null) throw new Error(`worker exited with ${proc.exitCode} before it started (log: ${logFile})`)
    if (Date.now() > until) throw new Error(`worker did not start within 120 s (log: ${logFile})`)
    await sleep(100)
  }
  pids = groupPids(proc.pid!)
  w.sample()
  return w
}

async function stopWorker(w: Worker, signal: 'SIGTERM' | 'SIGKILL') {
  w.sample()
  try {
    process.kill(-w.proc.pid!, signal)
  } catch {
    /* gone */
  }
  const timer = signal === 'SIGTERM' ? setTimeout(() => process.kill(-w.proc.pid!, 'SIGKILL'), 30_000) : undefined
  await w.exited
  clearTimeout(timer)
}

// ---------------------------------------------------------------------------------------------------------------
interface Fakes {
  regrid: Awaited<ReturnType<typeof startRegridFake>>
  mapbox: BenchFake
  anthropic: BenchFake
}

interface RunResult {
  label: string
  ok: boolean
  problems: string[]
  lines: string[]
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN)
const f1 = (x: number) => x.toFixed(1)
const f2 = (x: number) => x.toFixed(2)

/** A valid answer written this close before a SIGKILL (or after it, for a request made before it) can have been lost
 * with the worker: between the answer leaving the fake and its row committing there are a socket read, JSON
 * parsing, zod and an INSERT (≈ 150 ms measured; more on a loaded machine). */
const KILL_WINDOW_MS = 1000

/**
 * Valid answers per property (BenchCall.key). A property with more than one is a repeated call; each answer but
 * its last must then have been in flight at a kill (the worker died with it), or the pipeline repeated a call.
 */
function repeatsByProperty(ok: BenchCall[], kills: number[]) {
  const by = new Map<string, BenchCall[]>()
  for (const c of ok) by.set(c.key ?? '?', [...(by.get(c.key ?? '?') ?? []), c])
  let extra = 0
  let atKill = 0
  for (const list of by.values()) {
    list.sort((a, b) => a.answeredAt - b.answeredAt)
    for (const c of list.slice(0, -1)) {
      extra++
      if (kills.some((k) => c.arrivedAt < k && c.answeredAt >= k - KILL_WINDOW_MS)) atKill++
    }
  }
  return { properties: by.size, extra, atKill }
}

function callStats(calls: BenchCall[], kills: number[] = []) {
  const faults = calls.filter((c) => c.fault).length
  const ok = calls.filter((c) => !c.fault && c.status === 200)
  return {
    okWritten: ok.length,
    repeats: repeatsByProperty(ok, kills),
    calls: calls.length,
    faults,
    faults5xx: calls.filter((c) => c.fault === '5xx').length,
    faults429: calls.filter((c) => c.fault === '429').length,
    meanOkMs: mean(ok.map((c) => c.serviceMs)),
    serviceMsTotal: calls.reduce((a, c) => a + c.serviceMs, 0),
  }
}

/**
 * Where a property slot's time goes (run without kills): per property, from its pg-boss job's started_on to
 * completed_on, split at the moments the fakes saw its calls (matched by location) and the moment its row was
 * finished; what is left of C × wall time is slot time with no job (discovery, polling, ramp-up and -down).
 */
async function timeline(client: pg.Client, orgId: string, img: BenchCall[], vis: BenchCall[], wallMs: number, C: number) {
  const rows = (
    await client.query(
      `SELECT sp.lat, sp.lng, extract(epoch FROM j.started_on) * 1000 AS started, extract(epoch FROM j.completed_on) * 1000 AS completed,
              extract(epoch FROM sp.updated_at) * 1000 AS finished
         FROM pgboss.job j JOIN scan_properties sp ON sp.id = (j.data->>'propertyId')::uuid
        WHERE j.name = 'scans.property' AND sp.org_id = $1 AND j.state = 'completed'`,
      [orgId],
    )
  ).rows as Array<{ lat: number; lng: number; started: number; completed: number; finished: number }>
  const byKey = (calls: BenchCall[]) => {
    const m = new Map<string, { first: number; ok: number }>()
    for (const c of calls) {
      if (!c.key) continue
      const e = m.get(c.key) ?? { first: c.arrivedAt, ok: 0 }
      e.first = Math.min(e.first, c.arrivedAt)
      if (!c.fault && c.status === 200) e.ok = c.answeredAt
      m.set(c.key, e)
    }
    return m
  }
  const I = byKey(img)
  const V = byKey(vis)
  const seg = {
    load: [] as number[],
    imagery: [] as number[],
    imageStage: [] as number[],
    vision: [] as number[],
    score: [] as number[],
    batch: [] as number[],
  }
  let busy = 0
  for (const r of rows) {
    const k = propertyKey(Number(r.lat), Number(r.lng))
    const i = I.get(k)
    const v = V.get(k)
    busy += r.completed - r.started
    if (!i?.ok || !v?.ok) continue
    seg.load.push(i.first - r.started)
    seg.imagery.push(i.ok - i.first)
    seg.imageStage.push(v.first - i.ok)
    seg.vision.push(v.ok - v.first)
    seg.score.push(r.finished - v.ok)
    seg.batch.push(r.completed - r.finished)
  }
  const m = (xs: number[]) => mean(xs).toFixed(0)
  return (
    `   where a property's time goes (mean ms over ${seg.load.length} jobs): job start → imagery request ${m(seg.load)}, ` +
    `imagery ${m(seg.imagery)} (fault retries included), image stage (decode, quality gate, store, reload, resize for the AI) ${m(seg.imageStage)}, ` +
    `vision ${m(seg.vision)}, assessment + score stage ${m(seg.score)}, waiting for the rest of its pg-boss batch ${m(seg.batch)}; ` +
    `slot time with no job: ${((C * wallMs - busy) / Math.max(1, rows.length)).toFixed(0)} ms per property (discovery, polling, ramp-up/down)`
  )
}

async function runScan(opts: {
  label: string
  kills: number[]
  fakes: Fakes
  client: pg.Client
  workerEnv: NodeJS.ProcessEnv
  sql: Awaited<ReturnType<typeof startSqlCounter>>
  logDir: string
}): Promise<RunResult> {
  const { label, kills, fakes, client, sql } = opts
  const lines: string[] = []
  const problems: string[] = []
  const out = (s: string) => {
    lines.push(s)
    console.log(s)
  }
  const { createScan } = await import('@/lib/scans/create-scan')
  const { newScanSchema } = await import('@/lib/scans/schemas')
  const { memberActor } = await import('@/lib/auth/actor')
  const { stopBoss } = await import('@/lib/jobs/boss')

  // an Enterprise org and its manager
  const slug = `bench-scan-${label.replace(/\W+/g, '-').toLowerCase()}-${Date.now().toString(36)}`
  const org = (
    await client.query(
      `INSERT INTO organizations (slug, name, plan, updated_at) VALUES ($1, 'Bench Roofing', 'ENTERPRISE', now()) RETURNING id`,
      [slug],
    )
  ).rows[0] as { id: string }
  const user = (
    await client.query(
      `INSERT INTO users (email, name, password_hash, updated_at) VALUES ($1, 'Bench Manager', '$argon2id$v=19$m=19456,t=2,p=1$YmVuY2g$YmVuY2g', now()) RETURNING id`,
      [`manager+${slug}@bench.test`],
    )
  ).rows[0] as { id: string }
  const membership = (
    await client.query(`INSERT INTO memberships (org_id, user_id, role, updated_at) VALUES ($1, $2, 'MANAGER', now()) RETURNING id`, [
      org.id,
      user.id,
    ])
  ).rows[0] as { id: string }
  const actor = memberActor({ org: { id: org.id }, userId: user.id, membershipId: membership.id, role: 'MANAGER' })

  const logFile = path.join(opts.logDir, `worker-${label.replace(/\W+/g, '-')}.log`)
  let worker = await startWorker(opts.workerEnv, logFile)
  const peaks: number[] = []
  // idle cost: what the worker sends while there is nothing to do (pg-boss polling every queue each second)
  await sleep(2000)
  sql.counts()
  await sleep(5000)
  const idlePerSec = sql.counts().statements / 5
  const mark = { mapbox: fakes.mapbox.calls.length, anthropic: fakes.anthropic.calls.length, regrid: fakes.regrid.requests.length }

  const createdAt = Date.now()
  const scan = await createScan({
    actor,
    ...newScanSchema.parse({ area: { kind: 'radius', ...CENTRE, radiusMiles: RADIUS_MILES }, propertyCap: N }),
  })
  await stopBoss() // the bench process only needed pg-boss to enqueue the discovery job; the worker does the rest
  log(`${label}: scan ${scan.id} created (sandbox ${scan.sandbox}), ${N} properties`)
  if (scan.sandbox) problems.push('the scan was created as a sandbox scan: a provider is not live')

  const killAt = [...kills]
  const killLog: string[] = []
  const killTimes: number[] = []
  let restartedAt = 0
  let discoveredMs = 0
  const deadline = createdAt + Math.max(15 * 60_000, (N * 3 * 1000 * 4) / (BATCH * POLLERS)) + kills.length * 8 * 60_000
  let status = 'PENDING'
  let lastPct = -1
  let row: { status: string; total: number; done: number; failed: number; needs_review: number; finished: number | null; created: number }
  for (;;) {
    row = (
      await client.query(
        `SELECT status::text, total, done, failed, needs_review, extract(epoch FROM finished_at) * 1000 AS finished, extract(epoch FROM created_at) * 1000 AS created FROM scans WHERE id = $1`,
        [scan.id],
      )
    ).rows[0]
    status = row.status
    if (!discoveredMs && row.total) discoveredMs = Date.now() - createdAt
    const finished = row.done + row.failed + row.needs_review
    const pct = row.total ? Math.floor((finished / row.total) * 100) : 0
    worker.sample()
    if (pct >= lastPct + 10) {
      lastPct = pct - (pct % 10)
      log(`${label}: ${status} ${finished}/${row.total || '?'} (${pct} %)`)
    }
    if (!['PENDING', 'RUNNING'].includes(status)) break
    if (killAt.length && row.total && finished / row.total >= killAt[0]!) {
      const at = killAt.shift()!
      const active = (
        await client.query(
          `SELECT count(*)::int AS n, count(*) FILTER (WHERE started_on < to_timestamp($1 / 1000.0))::int AS orphans
             FROM pgboss.job WHERE name = 'scans.property' AND state = 'active'`,
          [restartedAt],
        )
      ).rows[0] as { n: number; orphans: number }
      killTimes.push(Date.now())
      await stopWorker(worker, 'SIGKILL')
      peaks.push(worker.peakRssKb)
      killLog.push(
        `SIGKILL at ${f1((Date.now() - createdAt) / 1000)} s, ${finished}/${row.total} finished (${Math.round(at * 100)} % target); ` +
          `property jobs active in pg-boss: ${active.n}${restartedAt ? ` (${active.orphans} of them still the previous kill's)` : ''}`,
      )
      log(`${label}: ${killLog.at(-1)}; restarting the worker`)
      worker = await startWorker(opts.workerEnv, logFile)
      restartedAt = Date.now()
    }
    if (Date.now() > deadline) {
      problems.push(
        `the scan did not complete within ${Math.round((deadline - createdAt) / 60_000)} min (status ${status}, ${finished}/${row.total})`,
      )
      break
    }
    await sleep(250)
  }
  const observedMs = Date.now() - createdAt
  await stopWorker(worker, 'SIGTERM')
  peaks.push(worker.peakRssKb)
  const stmts = sql.counts()

  // ---- counts at the fakes (this run only)
  const img = callStats(fakes.mapbox.calls.slice(mark.mapbox), killTimes)
  const vis = callStats(fakes.anthropic.calls.slice(mark.anthropic), killTimes)
  const regridCalls = fakes.regrid.requests.slice(mark.regrid)
  const regridFaults = regridCalls.filter((r) => r.faults.some((f) => f.kind === 'status')).length

  // ---- what the database says
  const q1 = async (text: string) => (await client.query(text, [org.id])).rows[0] as Record<string, number>
  const db = await q1(`SELECT
      (SELECT count(*)::int FROM roof_images WHERE org_id = $1) AS images,
      (SELECT count(*)::int FROM roof_assessments WHERE org_id = $1) AS assessments,
      (SELECT count(*)::int FROM (SELECT scan_property_id FROM roof_assessments WHERE org_id = $1 GROUP BY 1 HAVING count(*) > 1) x) AS twice,
      (SELECT count(*)::int FROM scan_properties WHERE org_id = $1 AND attempts > 1) AS reattempted,
      (SELECT coalesce(sum(attempts), 0)::int FROM scan_properties WHERE org_id = $1) AS attempts,
      (SELECT count(*)::int FROM leads WHERE org_id = $1) AS leads,
      (SELECT count(*)::int FROM leads WHERE org_id = $1 AND band = 'HOT') AS hot`)
  const jobs = (
    await client.query(
      `SELECT count(*) FILTER (WHERE retry_count > 0)::int AS retried FROM pgboss.job WHERE name = 'scans.property' AND data->>'orgId' = $1`,
      [org.id],
    )
  ).rows[0] as { retried: number }
  const workerLog = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : ''
  const retriesLogged = (provider: string) =>
    workerLog.split('\n').filter((l) => l.includes('"provider call retry"') && l.includes(`"provider":"${provider}"`)).length

  // ---- wall time and the provider-bound minimum
  const wallMs = row!.finished ? row!.finished - row!.created : observedMs
  const C = BATCH * POLLERS
  const cImg = Math.min(C, BULKHEAD)
  const cVis = Math.min(C, BULKHEAD)
  const nominalMin = (N * (IMAGERY.latencyMs / cImg + VISION.latencyMs / cVis)) / 1000
  const measuredMin = (N * (img.meanOkMs / cImg + vis.meanOkMs / cVis)) / 1000
  // every millisecond the fakes held a request (faulted attempts included), spread over the concurrency
  const serviceMin = (img.serviceMsTotal / cImg + vis.serviceMsTotal / cVis) / 1000
  const wall = wallMs / 1000

  out(
    `\n== ${label}: ${N} properties, worker concurrency ${BATCH} jobs × ${POLLERS} pollers = ${C} properties, bulkhead ${BULKHEAD}/provider`,
  )
  for (const k of killLog) out(`   ${k}`)
  out(`   status ${status}: total ${row!.total}, done ${row!.done}, failed ${row!.failed}, needs review ${row!.needs_review}`)
  out(
    `   wall time create → COMPLETED: ${f1(wall)} s   (${f1((N / wall) * 60)} properties/min); properties discovered and queued after ${f1(discoveredMs / 1000)} s`,
  )
  out(
    `   provider-bound minimum = N × (L_img / min(C, B_mapbox) + L_vis / min(C, B_anthropic)):` +
      ` nominal ${N} × (${IMAGERY.latencyMs}/${cImg} + ${VISION.latencyMs}/${cVis}) ms = ${f1(nominalMin)} s;` +
      ` with the measured means (${f1(img.meanOkMs)} / ${f1(vis.meanOkMs)} ms) ${f1(measuredMin)} s;` +
      ` with every held ms incl. faults ${f1(serviceMin)} s`,
  )
  out(`   ratio minimum / actual: ${f2(measuredMin / wall)} (measured means; target ≥ 0.9), ${f2(serviceMin / wall)} (incl. fault time)`)
  out(
    `   mean provider calls in flight: ${f2((img.serviceMsTotal + vis.serviceMsTotal) / wallMs)} of the ${C} the concurrency allows` +
      ` (Σ time the fakes held requests / wall time)`,
  )
  out(`   provider calls at the fakes (calls − injected faults − properties = repeats):`)
  out(`     regrid    ${regridCalls.length} call(s), ${regridFaults} faulted`)
  for (const [name, s, retried] of [
    ['mapbox   ', img, retriesLogged('mapbox')],
    ['anthropic', vis, retriesLogged('anthropic')],
  ] as const)
    out(
      `     ${name} ${s.calls} calls = ${f2(s.calls / N)}/property; faults ${s.faults} (${s.faults5xx} 5xx, ${s.faults429} 429), ` +
        `retries logged by the worker ${retried}; calls − faults − properties = ${s.calls - s.faults - N}; ` +
        `valid answers ${s.okWritten} for ${s.repeats.properties} properties (${s.repeats.extra} repeated, ${s.repeats.atKill} of them in flight at a kill); max in flight ${name.trim() === 'mapbox' ? fakes.mapbox.maxInFlight : fakes.anthropic.maxInFlight}`,
    )
  out(
    `   database: images ${db.images}, assessments ${db.assessments} (properties assessed twice: ${db.twice}), leads ${db.leads} (HOT ${db.hot}), ` +
      `property attempts ${db.attempts} (${db.reattempted} properties > 1), property jobs retried by pg-boss ${jobs.retried}`,
  )
  const idle = idlePerSec * wall
  out(
    `   SQL statements per property (worker, counted on the wire): ${f1(stmts.statements / N)} ` +
      `= app ${f1(stmts.app / N)} + pg-boss ${f1(stmts.boss / N)} + BEGIN/COMMIT ${f1(stmts.tx / N)}` +
      `   (idle polling ${f1(idlePerSec)}/s ≈ ${f1(idle / N)}/property of it)`,
  )
  const top = [...stmts.byKind.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12)
  out(`     app statements by kind (per property): ${top.map(([k, v]) => `${k} ${f2(v / N)}`).join(', ')}`)
  if (!kills.length)
    out(await timeline(client, org.id, fakes.mapbox.calls.slice(mark.mapbox), fakes.anthropic.calls.slice(mark.anthropic), wallMs, C))
  out(`   worker peak RSS (VmHWM): ${peaks.map((k) => `${(k / 1024).toFixed(0)} MiB`).join(', ')}`)

  // ---- counts that must hold
  if (status !== 'COMPLETED') problems.push(`scan status ${status}, expected COMPLETED`)
  if (row!.total !== N) problems.push(`scan total ${row!.total}, expected ${N}`)
  if (row!.done !== N) problems.push(`done ${row!.done} (failed ${row!.failed}, needs review ${row!.needs_review}), expected all ${N} done`)
  // every property got exactly one valid AI answer, except answers the fake wrote as a SIGKILL took the worker
  // every property got exactly one valid AI answer that reached the app; the only repeats allowed are answers
  // in flight when a SIGKILL took the worker (they never reached the database)
  for (const [name, st] of [
    ['imagery', img],
    ['vision', vis],
  ] as const) {
    if (st.repeats.properties !== N) problems.push(`${name}: valid answers for ${st.repeats.properties} properties ≠ ${N}`)
    if (st.repeats.extra !== st.repeats.atKill)
      problems.push(`${name}: ${st.repeats.extra - st.repeats.atKill} valid answers repeated for a property with no kill to explain it`)
  }
  if (vis.okWritten - vis.repeats.atKill !== N)
    problems.push(`vision: valid answers that reached the worker ${vis.okWritten - vis.repeats.atKill} ≠ properties ${N}`)
  if (db.twice) problems.push(`${db.twice} properties have more than one AI assessment`)
  if (db.images !== N) problems.push(`roof images ${db.images} ≠ properties ${N}`)
  if (!kills.length) {
    if (img.calls - img.faults !== N) problems.push(`imagery calls − faults = ${img.calls - img.faults} ≠ ${N}: a call was repeated`)
    if (vis.calls - vis.faults !== N) problems.push(`vision calls − faults = ${vis.calls - vis.faults} ≠ ${N}: a call was repeated`)
  } else {
    out(
      `   vision calls that returned a valid answer to a live worker: ${vis.okWritten} written − ${vis.repeats.atKill} in flight at a kill ` +
        `= ${vis.okWritten - vis.repeats.atKill} (properties ${N}); AI assessments stored per property: 1 (${db.twice} with more)`,
    )
    out(
      `   retries caused by the kills (calls in flight when the worker died, made again after the restart; a real provider bills both): ` +
        `imagery ${img.calls - img.faults - N}, vision ${vis.calls - vis.faults - N} (${vis.repeats.atKill} of those vision calls were answered before the worker died); ` +
        `the killed property jobs stay "active" in pg-boss until expireInSeconds (300 s) passes and maintenance (every ≤ 120 s) retries them`,
    )
  }
  for (const p of problems) out(`   PROBLEM: ${p}`)
  return { label, ok: problems.length === 0, problems, lines }
}

async function main() {
  const adminUrl: string | null = await findPostgres()
  if (!adminUrl) throw new Error('No PostgreSQL at DATABASE_ADMIN_URL or 127.0.0.1:5432')
  const dbName = `fm_bench_scan_${Date.now().toString(36)}`
  const databaseUrl: string = await createDatabase(adminUrl, dbName)
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fm-bench-scan-'))
  const imagesDir = path.join(tmp, 'images')
  let fakes: Fakes | undefined
  let sql: Awaited<ReturnType<typeof startSqlCounter>> | undefined
  let client: pg.Client | undefined
  let exit = 1
  try {
    log(`scratch database ${dbName}; migrating`)
    await migrate({ databaseUrl, log: () => {} })

    const parcels = benchParcels(N, CENTRE, RADIUS_MILES * 1609.344 * 0.9)
    log(`aerial JPEGs for ${N} locations (cached in ${path.join(os.tmpdir(), 'fm-bench-scan-aerials')})`)
    const images = await benchAerials(
      parcels.map((p) => p.point),
      { cacheDir: path.join(os.tmpdir(), 'fm-bench-scan-aerials'), onProgress: (n) => log(`  ${n}/${N} images ready`) },
    )
    const regrid = await startRegridFake()
    regrid.parcels.push(...parcels)
    regrid.latency(400)
    regrid.chaos({
      seed: SEED,
      faults: [
        { rate: FAULT_RATE / 2, fault: { kind: 'status', status: 503 } },
        { rate: FAULT_RATE / 2, fault: { kind: 'status', status: 429 } },
      ],
    })
    fakes = {
      regrid,
      mapbox: await startBenchMapboxFake({ images, seed: SEED + 1, ...IMAGERY, faultRate: FAULT_RATE }),
      anthropic: await startBenchAnthropicFake({ seed: SEED + 2, ...VISION, faultRate: FAULT_RATE }),
    }
    sql = await startSqlCounter(new URL(databaseUrl))
    const providers = {
      REGRID_TOKEN: `rg_bench_${randomBytes(6).toString('hex')}`,
      REGRID_BASE_URL: fakes.regrid.url,
      MAPBOX_TOKEN: `pk.bench${randomBytes(6).toString('hex')}`,
      MAPBOX_BASE_URL: fakes.mapbox.url,
      ANTHROPIC_API_KEY: `sk-ant-bench-${randomBytes(6).toString('hex')}`,
      ANTHROPIC_BASE_URL: fakes.anthropic.url,
      OVERPASS_ENABLED: '0',
      IMAGE_STORAGE_DIR: imagesDir,
    }
    // The worker's whole environment: nothing inherited but PATH/HOME, so no other provider key can be live.
    const workerEnv: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      TMPDIR: process.env.TMPDIR,
      NODE_ENV: 'development', // what `npm run worker` gets when NODE_ENV is unset (production would demand Stripe keys)
      DATABASE_URL: sql.url(dbName),
      FM_SERVICE: 'worker',
      LOG_LEVEL: 'info',
      ...providers,
      ...Object.fromEntries(
        ['FM_SCAN_BATCH', 'FM_SCAN_WORKERS', 'FM_PROVIDER_MAX_CONCURRENT'].flatMap((k) => (process.env[k] ? [[k, process.env[k]]] : [])),
      ),
    }
    // this process creates the scans (createScan with the manager's actor): same providers, direct connection
    for (const k of Object.keys(process.env))
      if (/(_API_KEY|_TOKEN|_SECRET|_BASE_URL|^FM_SANDBOX|^S3_|^OVERPASS)/.test(k)) delete process.env[k]
    Object.assign(process.env, providers, { DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', DATABASE_POOL_MAX: '4' })

    client = new pg.Client({ connectionString: databaseUrl })
    await client.connect()
    const load = os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')
    log(
      `fakes on 127.0.0.1: regrid ${fakes.regrid.url}, mapbox ${fakes.mapbox.url}, anthropic ${fakes.anthropic.url}; load average ${load}`,
    )

    const results: RunResult[] = []
    const common = { fakes, client, workerEnv, sql, logDir: tmp }
    results.push(await runScan({ label: 'run 1', kills: [], ...common }))
    if (process.env.BENCH_SKIP_KILLS !== '1') results.push(await runScan({ label: 'run 2 (SIGKILL ×2)', kills: [0.3, 0.6], ...common }))

    console.log(
      `\nbench:scan — ${N} properties; imagery ${IMAGERY.latencyMs} ± ${IMAGERY.jitterMs} ms, vision ${VISION.latencyMs} ± ${VISION.jitterMs} ms, ` +
        `${FAULT_RATE * 100} % faults (seed ${SEED}); ${os.cpus().length} cores, load average before ${load}, after ${os
          .loadavg()
          .map((x) => x.toFixed(2))
          .join(' ')}`,
    )
    for (const r of results) console.log(`${r.label}: ${r.ok ? 'OK' : `FAILED — ${r.problems.join('; ')}`}`)
    exit = results.every((r) => r.ok) ? 0 : 1
  } finally {
    await client?.end().catch(() => {})
    const { db } = await import('@/lib/db').catch(() => ({ db: undefined }))
    await db?.$disconnect().catch(() => {})
    // lib/db's pg pool (createScan ran in this process): ended before DROP DATABASE … WITH (FORCE) terminates it
    const pool = (globalThis as { fmPool?: pg.Pool }).fmPool
    if (pool && !pool.ended) await pool.end().catch(() => {})
    await Promise.all([fakes?.regrid.close(), fakes?.mapbox.close(), fakes?.anthropic.close(), sql?.close()].map((p) => p?.catch(() => {})))
    if (process.env.BENCH_KEEP_DB === '1') log(`kept database ${dbName} and ${tmp}`)
    else {
      await dropDatabase(adminUrl, dbName).catch((e: unknown) => console.error('could not drop', dbName, e))
      fs.rmSync(imagesDir, { recursive: true, force: true })
      if (exit === 0) fs.rmSync(tmp, { recursive: true, force: true })
      else log(`worker logs kept in ${tmp}`)
    }
  }
  process.exit(exit)
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})

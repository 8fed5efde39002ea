// `npm run bench:webhooks`: ack latency and throughput of POST /api/webhooks/stripe (verify + dedupe insert +
// enqueue) against a trivial Next route, on a production build (`next start`) and a fresh database.
// Builds .next-bench once if missing. 10 concurrent clients, BENCH_SECONDS (default 10) per route.
// Targets: webhook ack p99 < 100 ms and throughput ≥ 0.5 × the trivial route. Exit 1 when missed.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { randomBytes, randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { cpuPerRequest, cpuSnapshot, formatCpu, type CpuSnapshot } from './bench-cpu'
// @ts-expect-error plain ESM script without types
import { createDatabase, dropDatabase, findPostgres } from './pg-local.mjs'
// @ts-expect-error plain ESM script without types
import { migrate } from './migrate-apply.mjs'
import { signStripeTestPayload } from '@/lib/external/stripe-webhook'

const root = path.resolve(import.meta.dirname, '..')
const DIST = '.next-bench'
const SECONDS = Math.min(120, Math.max(2, Number(process.env.BENCH_SECONDS ?? 10)))
const CONCURRENCY = 10
const PORT = Number(process.env.BENCH_PORT ?? 3917)
const SECRET = `whsec_bench_${randomBytes(8).toString('hex')}`
const base = `http://127.0.0.1:${PORT}`

function pct(sorted: number[], p: number) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN
}

interface Phase {
  name: string
  ok: number
  errors: number
  rps: number
  p50: number
  p95: number
  p99: number
  statuses: Record<number, number>
  cpu: CpuSnapshot
}
let serverPid: number | undefined

async function phase(name: string, seconds: number, request: () => Promise<Response>, okStatus: number): Promise<Phase> {
  const latencies: number[] = []
  const statuses: Record<number, number> = {}
  let errors = 0
  const until = performance.now() + seconds * 1000
  const cpu0 = cpuSnapshot(serverPid)
  const t0 = performance.now()
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < until) {
        const s = performance.now()
        try {
          const res = await request()
          await res.arrayBuffer()
          statuses[res.status] = (statuses[res.status] ?? 0) + 1
          if (res.status === okStatus) latencies.push(performance.now() - s)
          else errors++
        } catch {
          errors++
        }
      }
    }),
  )
  const elapsed = (performance.now() - t0) / 1000
  const cpu = cpuPerRequest(cpu0, cpuSnapshot(serverPid), latencies.length + errors)
  latencies.sort((a, b) => a - b)
  return {
    name,
    ok: latencies.length,
    errors,
    rps: latencies.length / elapsed,
    p50: pct(latencies, 50),
    p95: pct(latencies, 95),
    p99: pct(latencies, 99),
    statuses,
    cpu,
  }
}

function stripeEvent() {
  const body = JSON.stringify({
    id: `evt_bench_${randomUUID().replace(/-/g, '')}`,
    object: 'event',
    type: 'customer.subscription.updated',
    created: Math.floor(Date.now() / 1000),
    data: { object: { id: 'sub_bench', object: 'subscription', customer: 'cus_bench', status: 'active' } },
  })
  return { body, signature: signStripeTestPayload({ payload: body, secret: SECRET }) }
}

async function waitForHealth(server: ChildProcess) {
  for (let i = 0; i < 600; i++) {
    if (server.exitCode !== null) throw new Error(`next start exited with ${server.exitCode}`)
    try {
      if ((await fetch(`${base}/api/health`)).ok) return
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error('next start did not become healthy within 60 s')
}

async function main() {
  const adminUrl: string | null = await findPostgres()
  if (!adminUrl) throw new Error('No PostgreSQL at DATABASE_ADMIN_URL or 127.0.0.1:5432')
  if (!fs.existsSync(path.join(root, DIST, 'BUILD_ID'))) {
    console.log(`building ${DIST} (one time) …`)
    // the build evaluates route modules, which parse the environment: give it a valid (unused) one
    const b = spawnSync('npx', ['next', 'build'], {
      cwd: root,
      stdio: 'inherit',
      env: {
        ...process.env,
        NEXT_DIST_DIR: DIST,
        NEXT_TELEMETRY_DISABLED: '1',
        NODE_ENV: 'production',
        FM_SANDBOX: '1',
        DATABASE_URL: process.env.DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres',
        AUTH_SECRET: randomBytes(32).toString('hex'),
        ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      },
    })
    if (b.status !== 0) throw new Error('next build failed')
  }
  const dbName = `fm_bench_${Date.now().toString(36)}`
  const databaseUrl: string = await createDatabase(adminUrl, dbName)
  await migrate({ databaseUrl, log: () => {} })
  let server: ChildProcess | undefined
  try {
    // node runs next directly (not through npx) so that server.pid is the server process whose CPU is measured
    server = spawn(process.execPath, [path.join(root, 'node_modules/next/dist/bin/next'), 'start', '-p', String(PORT), '-H', '127.0.0.1'], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
      detached: true,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        NEXT_DIST_DIR: DIST,
        NEXT_TELEMETRY_DISABLED: '1',
        FM_BENCH: '1',
        FM_SANDBOX: '1',
        DATABASE_URL: databaseUrl,
        STRIPE_WEBHOOK_SECRET: SECRET,
        LOG_LEVEL: 'warn',
        AUTH_SECRET: randomBytes(32).toString('hex'),
        ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      },
    })
    serverPid = server.pid
    await waitForHealth(server)
    const noop = () =>
      fetch(`${base}/api/bench/noop`, { method: 'POST', body: '{"ping":1}', headers: { 'content-type': 'application/json' } })
    // events are signed before each phase (Stripe signs on its own servers; the load generator's HMAC and JSON
    // work would otherwise compete with the server for the same cores), each one unique and within the 5-min window
    let pool: Array<{ body: string; signature: string }> = []
    const presign = () => {
      pool = Array.from({ length: Math.min(60_000, SECONDS * 3_000) }, stripeEvent)
    }
    const webhook = () => {
      const e = pool.pop() ?? stripeEvent()
      return fetch(`${base}/api/webhooks/stripe`, {
        method: 'POST',
        body: e.body,
        headers: { 'content-type': 'application/json', 'stripe-signature': e.signature },
      })
    }
    // warm-up (JIT, pools, pg-boss start in the web process), then measure
    await phase('warm-up noop', 2, noop, 204)
    presign()
    await phase('warm-up webhook', 3, webhook, 200)
    const a = await phase('trivial route (204)', SECONDS, noop, 204)
    presign()
    const b = await phase('POST /api/webhooks/stripe', SECONDS, webhook, 200)

    const c = new pg.Client({ connectionString: databaseUrl })
    await c.connect()
    const stored = Number((await c.query(`SELECT count(*) FROM webhook_events WHERE provider = 'STRIPE'`)).rows[0].count)
    const jobs = Number((await c.query(`SELECT count(*) FROM pgboss.job WHERE name = 'webhooks.process'`)).rows[0].count)
    await c.end()

    const fmt = (p: Phase) =>
      `${p.name.padEnd(28)} ${p.rps.toFixed(0).padStart(6)} req/s   p50 ${p.p50.toFixed(1)} ms   p95 ${p.p95.toFixed(1)} ms   p99 ${p.p99.toFixed(1)} ms   ok ${p.ok}  errors ${p.errors}\n${' '.repeat(29)}${formatCpu(p.cpu)}`
    const ratio = b.rps / a.rps
    console.log(
      `\nbench:webhooks — ${CONCURRENCY} concurrent clients, ${SECONDS} s per route, next start (${DIST}), fresh database ${dbName}`,
    )
    console.log(fmt(a))
    console.log(fmt(b))
    console.log(`throughput ratio webhook/trivial: ${ratio.toFixed(2)}   stored events: ${stored}   enqueued jobs: ${jobs}`)
    const p99ok = b.p99 < 100
    const ratioOk = ratio >= 0.5
    console.log(`targets: ack p99 < 100 ms → ${p99ok ? 'PASS' : 'FAIL'};  throughput ≥ 0.5× trivial → ${ratioOk ? 'PASS' : 'FAIL'}`)
    if (b.errors || stored < b.ok) console.log('WARNING: errors or fewer stored events than acks', b.statuses)
    process.exitCode = p99ok && ratioOk && !b.errors ? 0 : 1
  } finally {
    if (server?.pid) {
      try {
        process.kill(-server.pid, 'SIGTERM')
      } catch {
        /* gone */
      }
      await new Promise((r) => setTimeout(r, 1000))
    }
    await dropDatabase(adminUrl, dbName).catch((e: unknown) => console.error('could not drop', dbName, e))
  }
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})

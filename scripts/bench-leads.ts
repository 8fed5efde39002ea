// `npm run bench:leads` — lead list performance at scale, bounded to a few minutes.
//  1. scratch database: 100,000 leads in the bench org + 900,000 in 9 other orgs (server-side INSERT … SELECT
//     generate_series with secondary indexes dropped during the load and rebuilt after)
//  2. EXPLAIN of the list queries (first page, deep page, REP scope, band filter, search) — index usage
//  3. a production server (`next start`, NEXT_DIST_DIR=.next-bench-leads, built first if missing) and 10 concurrent
//     clients for a fixed time: GET /api/v1/leads first page and a deep page (~50k rows in, filter + sort),
//     the same SQL through `pg` directly, and the trivial /api/bench/noop route (FM_BENCH=1)
//  4. queries per list request, counted from pg_stat_database (xact_commit + xact_rollback) on the scratch DB
// Env: BENCH_SECONDS (per scenario, default 8), BENCH_CONCURRENCY (10), BENCH_KEEP_DB=1, BENCH_PORT.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import pg from 'pg'
import { cpuPerRequest, cpuSnapshot, formatCpu, type CpuSnapshot } from './bench-cpu'
// @ts-expect-error plain ESM scripts without types
import { createDatabase, dropDatabase, findPostgres } from './pg-local.mjs'
// @ts-expect-error plain ESM scripts without types
import { migrate } from './migrate-apply.mjs'

const ROOT = path.resolve(import.meta.dirname, '..')
// own output folder: scripts/bench-webhooks.ts builds into .next-bench concurrently
const DIST = process.env.BENCH_DIST_DIR ?? '.next-bench-leads'
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 10)
const DB_NAME = 'fm_bench_leads'
const BENCH_LEADS = 100_000
const OTHER_ORGS = 9

const t0 = Date.now()
const log = (m: string) => console.log(`[bench ${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`)

async function seed(client: pg.Client) {
  log('creating orgs, members and an Enterprise API key')
  const {
    rows: [org],
  } = await client.query(
    `INSERT INTO organizations (slug, name, plan, updated_at) VALUES ('bench-org', 'Bench Roofing', 'ENTERPRISE', now()) RETURNING id`,
  )
  const others = await client.query(
    `INSERT INTO organizations (slug, name, plan, updated_at) SELECT 'other-org-' || g, 'Other ' || g, 'ENTERPRISE', now() FROM generate_series(1, ${OTHER_ORGS}) g RETURNING id`,
  )
  const hash = '$argon2id$v=19$m=19456,t=2,p=1$YmVuY2g$YmVuY2g'
  const users = await client.query(
    `INSERT INTO users (email, name, password_hash, updated_at) SELECT 'rep' || g || '@bench.test', 'Rep ' || g, $1, now() FROM generate_series(1, 3) g RETURNING id`,
    [hash],
  )
  const reps: string[] = []
  for (const u of users.rows)
    reps.push(
      (
        await client.query(`INSERT INTO memberships (org_id, user_id, role, updated_at) VALUES ($1, $2, 'REP', now()) RETURNING id`, [
          org.id,
          u.id,
        ])
      ).rows[0].id,
    )
  const secret = `fm_live_${randomBytes(24).toString('base64url')}`
  await client.query(`INSERT INTO api_keys (org_id, name, prefix, key_hash, scope) VALUES ($1, 'bench', $2, $3, 'READ')`, [
    org.id,
    secret.slice(0, 16),
    createHash('sha256').update(secret).digest('hex'),
  ])

  log('dropping secondary lead indexes for the bulk load')
  const idx = await client.query(`SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'leads' AND indexname <> 'leads_pkey'`)
  for (const i of idx.rows) await client.query(`DROP INDEX "${i.indexname}"`)
  await client.query(`ALTER TABLE leads DISABLE TRIGGER leads_derive`) // band/search_text computed in the INSERT below
  const insert = (orgId: string, n: number, withReps: boolean) =>
    client.query(
      `
    INSERT INTO leads (org_id, normalized_address, address_line1, city, state, zip, county, lat, lng, owner_name, year_built,
                       property_value_cents, roof_material, roof_age_years, score, score_version, band, status, lost_reason,
                       assignee_id, source, tags, search_text, created_at, updated_at)
    SELECT $1::uuid, addr || ', DALLAS, TX ' || zip, initcap(addr), 'Dallas', 'TX', zip, 'Dallas County',
           32.7 + (g % 1000) / 5000.0, -96.8 + (g % 997) / 5000.0, owner, 1950 + g % 70, (150000 + g % 900000) * 100,
           (ARRAY['ASPHALT_SHINGLE','METAL','TILE','SLATE']::"RoofMaterial"[])[1 + g % 4], g % 30, sc, 'v1',
           CASE WHEN sc >= 80 THEN 'HOT'::"LeadBand" WHEN sc >= 60 THEN 'WARM'::"LeadBand" ELSE 'COLD'::"LeadBand" END,
           st, CASE WHEN st = 'LOST' THEN 'price' END,
           CASE WHEN $3 AND g % 3 = 0 THEN ($4::uuid[])[1 + (g / 3) % 3] END, 'SCAN',
           CASE WHEN g % 10 = 0 THEN ARRAY['storm'] WHEN g % 10 = 1 THEN ARRAY['hail','storm'] ELSE '{}' END,
           lower(addr || ', dallas, tx ' || zip || ' ' || owner), now() - (g || ' minutes')::interval, now() - (g || ' minutes')::interval
      FROM (SELECT g, (g * 7919) % 101 AS sc,
                   (ARRAY['NEW','NEW','NEW','CONTACTED','QUALIFIED','APPOINTMENT_SCHEDULED','PROPOSAL_SENT','WON','LOST']::"LeadStatus"[])[1 + g % 9] AS st,
                   g || ' ' || (ARRAY['MAIN ST','ELM ST','OAK AVE','PRESTON RD','LOVERS LN','SWISS AVE','ROSS AVE'])[1 + g % 7] || ' UNIT ' || (g % 13) AS addr,
                   lpad((75201 + g % 50)::text, 5, '0') AS zip,
                   (ARRAY['James','Maria','Robert','Linda','Carlos','Priya'])[1 + g % 6] || ' ' || (ARRAY['Smith','Garcia','Nguyen','Patel','Brown'])[1 + g % 5] || ' ' || g AS owner
              FROM generate_series(1, $2) g) s`,
      [orgId, n, withReps, reps],
    )
  log(`inserting ${BENCH_LEADS.toLocaleString()} leads in the bench org`)
  await insert(org.id, BENCH_LEADS, true)
  for (const [i, o] of others.rows.entries()) {
    await insert(o.id, 100_000, false)
    log(`  other org ${i + 1}/${OTHER_ORGS}: +100,000`)
  }
  await client.query(`ALTER TABLE leads ENABLE TRIGGER leads_derive`)
  log('rebuilding indexes')
  await client.query(`SET maintenance_work_mem = '512MB'`)
  for (const i of idx.rows) await client.query(i.indexdef)
  await client.query('VACUUM ANALYZE leads')
  log('loaded 1,000,000 leads')
  return { orgId: org.id as string, repMembershipId: reps[0] as string, secret }
}

/** The SQL lib/leads/list-leads.ts runs for: status IN (NEW, CONTACTED, QUALIFIED), sort score desc, limit 50 (+ keyset). */
const LIST_SQL = (keyset: boolean, extra = '') => `
  SELECT l.id, l.normalized_address, l.address_line1, l.address_line2, l.city, l.state, l.zip, l.lat, l.lng, l.owner_name, l.year_built,
         l.property_value_cents, l.roof_material::text, l.roof_age_years, l.score, l.band::text, l.status::text, l.lost_reason, l.tags,
         l.source::text, l.scan_id, l.assignee_id, u.name, l.created_at, l.updated_at, coalesce(l.score, -1) AS sort_value
    FROM leads l LEFT JOIN memberships m ON m.id = l.assignee_id LEFT JOIN users u ON u.id = m.user_id
   WHERE l.org_id = $1::uuid AND l.deleted_at IS NULL AND l.status = ANY($2::"LeadStatus"[]) ${extra}
         ${keyset ? 'AND (coalesce(l.score, -1), l.id) < ($3, $4::uuid)' : ''}
   ORDER BY coalesce(l.score, -1) DESC, l.id DESC LIMIT 51`

async function explain(client: pg.Client, title: string, sql: string, params: unknown[]) {
  const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, TIMING OFF, SUMMARY ON) ${sql}`, params)
  const lines = rows.map((r) => r['QUERY PLAN'] as string)
  const key = lines.filter((l) => /Index|Scan|Sort|Limit|Execution Time|Rows Removed/.test(l)).slice(0, 8)
  console.log(`\n  EXPLAIN ${title}\n${key.map((l) => '    ' + l.trim()).join('\n')}`)
  return lines.join('\n')
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port
      s.close(() => resolve(port))
    })
  })
}

async function waitFor(url: string, ms = 60_000) {
  const end = Date.now() + ms
  while (Date.now() < end) {
    try {
      if ((await fetch(url)).status < 500) return
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 300))
  }
  throw new Error(`server did not answer ${url}`)
}

interface Stats {
  name: string
  n: number
  rps: number
  p50: number
  p95: number
  errors: number
  cpu: CpuSnapshot
}
let serverPid: number | undefined

async function load(name: string, once: () => Promise<boolean>): Promise<Stats> {
  const warm = Date.now() + 1500
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (Date.now() < warm) await once()
    }),
  )
  const lat: number[] = []
  let errors = 0
  const cpu0 = cpuSnapshot(serverPid)
  const start = performance.now()
  const end = start + SECONDS * 1000
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < end) {
        const s = performance.now()
        const ok = await once().catch(() => false)
        lat.push(performance.now() - s)
        if (!ok) errors++
      }
    }),
  )
  const took = (performance.now() - start) / 1000
  const cpu = cpuPerRequest(cpu0, cpuSnapshot(serverPid), lat.length)
  lat.sort((a, b) => a - b)
  const q = (p: number) => lat[Math.min(lat.length - 1, Math.floor(lat.length * p))]!
  const st = { name, n: lat.length, rps: lat.length / took, p50: q(0.5), p95: q(0.95), errors, cpu }
  log(
    `${name.padEnd(34)} ${st.rps.toFixed(0).padStart(6)} req/s  p50 ${st.p50.toFixed(1).padStart(6)} ms  p95 ${st.p95.toFixed(1).padStart(6)} ms  errors ${errors}  | ${formatCpu(cpu)}`,
  )
  return st
}

async function xacts(client: pg.Client) {
  const { rows } = await client.query(`SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = $1`, [DB_NAME])
  return Number(rows[0].n)
}

async function main() {
  const adminUrl: string | null = await findPostgres()
  if (!adminUrl) throw new Error('no PostgreSQL at 127.0.0.1:5432 (or DATABASE_ADMIN_URL)')
  // BENCH_REUSE=1 keeps and reuses a loaded scratch database (skips the ~1-4 min load)
  const reuse = process.env.BENCH_REUSE === '1'
  const url: string = await createDatabase(adminUrl, DB_NAME, { dropFirst: !reuse })
  await migrate({ databaseUrl: url, log: () => {} })
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  let server: ChildProcess | undefined
  try {
    const loaded =
      reuse &&
      (
        await client.query(
          `SELECT o.id, (SELECT m.id FROM memberships m WHERE m.org_id = o.id LIMIT 1) AS rep FROM organizations o WHERE slug = 'bench-org'`,
        )
      ).rows[0]
    let ids: { orgId: string; repMembershipId: string; secret: string }
    if (loaded) {
      const secret = `fm_live_${randomBytes(24).toString('base64url')}`
      await client.query(`INSERT INTO api_keys (org_id, name, prefix, key_hash, scope) VALUES ($1, 'bench', $2, $3, 'READ')`, [
        loaded.id,
        secret.slice(0, 16),
        createHash('sha256').update(secret).digest('hex'),
      ])
      ids = { orgId: loaded.id, repMembershipId: loaded.rep, secret }
      log('reusing the loaded scratch database')
    } else ids = await seed(client)
    const { orgId, repMembershipId, secret } = ids
    const statuses = ['NEW', 'CONTACTED', 'QUALIFIED']
    // the cursor ~50k rows into the filtered, sorted set
    const {
      rows: [deep],
    } = await client.query(`SELECT sort_value, id FROM (${LIST_SQL(false).replace('LIMIT 51', 'OFFSET 49999 LIMIT 1')}) x`, [
      orgId,
      statuses,
    ])
    const matching = (
      await client.query(
        `SELECT count(*)::int AS n FROM leads WHERE org_id = $1 AND deleted_at IS NULL AND status = ANY($2::"LeadStatus"[])`,
        [orgId, statuses],
      )
    ).rows[0].n
    log(`filter status=NEW,CONTACTED,QUALIFIED matches ${matching} leads in the bench org; deep cursor = row 50,000`)
    const plans = []
    plans.push(await explain(client, 'first page (status filter, score desc)', LIST_SQL(false), [orgId, statuses]))
    plans.push(await explain(client, 'deep page (~50k rows in)', LIST_SQL(true), [orgId, statuses, deep.sort_value, deep.id]))
    plans.push(
      await explain(client, 'REP scope (assignee), first page', LIST_SQL(false, 'AND l.assignee_id = $3::uuid'), [
        orgId,
        statuses,
        repMembershipId,
      ]),
    )
    plans.push(
      await explain(
        client,
        'band HOT, created desc',
        `SELECT l.id FROM leads l WHERE l.org_id = $1::uuid AND l.deleted_at IS NULL AND coalesce(l.score,-1) BETWEEN 80 AND 100 ORDER BY l.created_at DESC, l.id DESC LIMIT 51`,
        [orgId],
      ),
    )
    plans.push(
      await explain(
        client,
        'search "preston rd unit 7"',
        `SELECT l.id FROM leads l WHERE l.org_id = $1::uuid AND l.deleted_at IS NULL AND l.search_text LIKE $2 ORDER BY coalesce(l.score,-1) DESC, l.id DESC LIMIT 51`,
        [orgId, '%preston rd unit 7%'],
      ),
    )
    plans.push(
      await explain(
        client,
        'tags @> {hail}',
        `SELECT l.id FROM leads l WHERE l.org_id = $1::uuid AND l.deleted_at IS NULL AND l.tags @> ARRAY['hail'] ORDER BY coalesce(l.score,-1) DESC, l.id DESC LIMIT 51`,
        [orgId],
      ),
    )
    const seqScans = plans.filter((p) => /Seq Scan on leads/.test(p)).length
    console.log(`\n  plans with a sequential scan on leads: ${seqScans}`)

    // the build evaluates route modules, and production refuses missing or development secrets
    const secrets = { AUTH_SECRET: randomBytes(32).toString('hex'), ENCRYPTION_KEY: randomBytes(32).toString('hex'), FM_SANDBOX: '1' }
    if (!fs.existsSync(path.join(ROOT, DIST, 'BUILD_ID'))) {
      log(`building the app into ${DIST} (first run)`)
      const b = spawnSync('npx', ['next', 'build'], {
        cwd: ROOT,
        env: { ...process.env, ...secrets, DATABASE_URL: url, NEXT_DIST_DIR: DIST, NEXT_TELEMETRY_DISABLED: '1' },
        stdio: 'inherit',
      })
      if (b.status !== 0) throw new Error('next build failed')
    }
    const port = Number(process.env.BENCH_PORT ?? (await freePort()))
    // node runs next directly (not through npx) so that server.pid is the server process whose CPU is measured
    server = spawn(process.execPath, [path.join(ROOT, 'node_modules/next/dist/bin/next'), 'start', '-p', String(port)], {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: {
        ...process.env,
        NEXT_DIST_DIR: DIST,
        NODE_ENV: 'production',
        DATABASE_URL: url,
        DATABASE_POOL_MAX: '10',
        FM_BENCH: '1',
        LOG_LEVEL: 'warn',
        FM_RATE_LIMIT_API_KEY: '1000000000',
        ...secrets,
        REDIS_URL: undefined,
        NEXT_TELEMETRY_DISABLED: '1', // Postgres rate-limit store (the default)
      },
    })
    serverPid = server.pid
    const base = `http://127.0.0.1:${port}`
    await waitFor(`${base}/api/health`)
    log(`next start on :${port}`)
    const auth = { authorization: `Bearer ${secret}` }
    const first = await fetch(`${base}/api/v1/leads?status=NEW,CONTACTED,QUALIFIED&sort=score&dir=desc&limit=50`, { headers: auth })
    if (first.status !== 200) throw new Error(`list answered ${first.status}: ${await first.text()}`)
    const firstBody = (await first.json()) as { data: unknown[]; nextCursor: string }
    const deepCursor = Buffer.from(JSON.stringify({ s: 'score', d: 'desc', v: deep.sort_value, i: deep.id })).toString('base64url')
    const deepRes = (await (
      await fetch(`${base}/api/v1/leads?status=NEW,CONTACTED,QUALIFIED&sort=score&dir=desc&limit=50&cursor=${deepCursor}`, {
        headers: auth,
      })
    ).json()) as { data: unknown[] }
    log(`first page ${firstBody.data.length} rows; deep page ${deepRes.data.length} rows`)

    // queries per list request: transactions counted by PostgreSQL for this database (flushed within ~1-10 s)
    await new Promise((r) => setTimeout(r, 11_000))
    const x0 = await xacts(client)
    const N = 200
    for (let i = 0; i < N; i++)
      await fetch(`${base}/api/v1/leads?status=NEW,CONTACTED,QUALIFIED&sort=score&dir=desc&limit=50&cursor=${deepCursor}`, {
        headers: auth,
      }).then((r) => r.arrayBuffer())
    await new Promise((r) => setTimeout(r, 11_000))
    const x1 = await xacts(client)
    const perRequest = (x1 - x0 - 1) / N // -1: the xacts() probe itself
    log(
      `database statements per list HTTP request: ${perRequest.toFixed(2)} (API key auth 1 + rate limit 1 + list 1; the list use case itself issues 1)`,
    )

    const pool = new pg.Pool({ connectionString: url, max: CONCURRENCY })
    const ok = (r: Response) => r.arrayBuffer().then(() => r.status >= 200 && r.status < 300)
    const results: Stats[] = []
    results.push(await load('trivial route /api/bench/noop', () => fetch(`${base}/api/bench/noop`).then(ok)))
    results.push(
      await load('API list first page', () =>
        fetch(`${base}/api/v1/leads?status=NEW,CONTACTED,QUALIFIED&sort=score&dir=desc&limit=50`, { headers: auth }).then(ok),
      ),
    )
    results.push(
      await load('API list deep page (~50k in)', () =>
        fetch(`${base}/api/v1/leads?status=NEW,CONTACTED,QUALIFIED&sort=score&dir=desc&limit=50&cursor=${deepCursor}`, {
          headers: auth,
        }).then(ok),
      ),
    )
    results.push(await load('pg direct first page', () => pool.query(LIST_SQL(false), [orgId, statuses]).then(() => true)))
    results.push(
      await load('pg direct deep page', () => pool.query(LIST_SQL(true), [orgId, statuses, deep.sort_value, deep.id]).then(() => true)),
    )
    await pool.end()
    const [noop, listFirst, listDeep, pgFirst] = results as [Stats, Stats, Stats, Stats, Stats]
    // The Next server is one Node thread: it cannot serve more than 1000 / (its CPU ms per request) req/s, and
    // the whole machine no more than cores × 1000 / (all CPU ms per request).
    const cores = (await import('node:os')).cpus().length
    const bound = (s: Stats) => Math.min(1000 / s.cpu.server, (cores * 1000) / (s.cpu.server + s.cpu.pg + s.cpu.client))
    console.log(`
  CPU budget (ms per request, measured above)
    trivial route:   server ${noop.cpu.server.toFixed(2)}  postgres ${noop.cpu.pg.toFixed(2)}  load generator ${noop.cpu.client.toFixed(2)}  → CPU-bound ceiling ≈ ${bound(noop).toFixed(0)} req/s
    list first page: server ${listFirst.cpu.server.toFixed(2)}  postgres ${listFirst.cpu.pg.toFixed(2)}  load generator ${listFirst.cpu.client.toFixed(2)}  → CPU-bound ceiling ≈ ${bound(listFirst).toFixed(0)} req/s
    ceiling ratio list/trivial ≈ ${(bound(listFirst) / bound(noop)).toFixed(2)} (what these cores allow for this work per request)`)
    console.log(`
  ratios
    list first page / trivial route throughput: ${(listFirst.rps / noop.rps).toFixed(2)}   (target ≥ 0.70)
    list deep page  / trivial route throughput: ${(listDeep.rps / noop.rps).toFixed(2)}
    deep p95 / first p95:                        ${(listDeep.p95 / listFirst.p95).toFixed(2)}   (target ≤ ~1)
    list first page / pg direct throughput:      ${(listFirst.rps / pgFirst.rps).toFixed(2)}
  targets
    list p95 ≤ 50 ms:            first ${listFirst.p95.toFixed(1)} ms, deep ${listDeep.p95.toFixed(1)} ms → ${listFirst.p95 <= 50 && listDeep.p95 <= 50 ? 'PASS' : 'FAIL'}
    throughput ≥ 0.7 × trivial:  ${listFirst.rps / noop.rps >= 0.7 ? 'PASS' : 'FAIL'}
    deep no slower than first:   ${listDeep.p95 <= listFirst.p95 * 1.15 ? 'PASS' : 'FAIL'}
    ≤ 3 queries per list request: ${perRequest <= 3.05 ? 'PASS' : 'FAIL'} (${perRequest.toFixed(2)})
  (load generator, server and PostgreSQL share the same ${(await import('node:os')).cpus().length} cores; ${CONCURRENCY} concurrent clients, ${SECONDS} s per scenario)`)
  } finally {
    if (server?.pid) {
      try {
        process.kill(-server.pid, 'SIGTERM')
      } catch {
        /* gone */
      }
    }
    await client.end()
    if (process.env.BENCH_KEEP_DB !== '1' && !reuse) await dropDatabase(adminUrl, DB_NAME).catch(() => {})
    log('done')
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})

// `npm run bench:billing` (issue #10): the money core under load, on a scratch database.
//   Part 1 — the spend-cap race. Definition used: 10,000 reservations in total, in rounds of 50 concurrent
//            reservations (each $1.13) racing for the last $10 of a $500 cap (so exactly 8 of each 50 fit).
//            (The other reading, 10,000 rounds × 50 = 500,000 reservations, is BENCH_RACE_ROUNDS=10000.)
//            Checks overspend = 0 and exactly 8 winners per round; prints reservations/s and a bare baseline
//            measured in the same run: `UPDATE bench_counter SET n = n + 1` of one row, same pool, same concurrency.
//   Part 2 — a month of one busy org: 10,000 quality leads and 50,000 SMS segments (25,000 messages × 2) through
//            reserve → commit (ledger + outbox METER in one transaction) → the outbox dispatcher (a CHILD process,
//            scripts/bench-billing-worker.ts, SIGKILLed twice and restarted) → the stateful Stripe fake. The org
//            subscribes through Checkout on the fake and its period is renewed at the end; the fake's webhooks are
//            duplicated (20 %) and reordered, processed by the same child. Checks: meter events accepted by the fake
//            = the ledger's billable rows, each identifier once, values per meter equal; the renewal invoice's usage
//            line = quality leads × $1.13.
// Prints numbers; exit 1 only when a check fails. Env: BENCH_RACE_ROUNDS (default 200), BENCH_MONTH_SCALE (0–1,
// default 1: scales the month's volume), BENCH_CONCURRENCY (month producers, default 8), BENCH_KEEP_DB=1.
import { spawn, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
// @ts-expect-error plain ESM script without types
import { createDatabase, dropDatabase, findPostgres } from './pg-local.mjs'
// @ts-expect-error plain ESM script without types
import { migrate } from './migrate-apply.mjs'
import { planPriceEnv, planPrices, startStripeFake, type StripeFake } from '@/tests/fakes/stripe-fake'

const ROOT = path.resolve(import.meta.dirname, '..')
const ROUNDS = Math.max(1, Number(process.env.BENCH_RACE_ROUNDS ?? 200))
const RACERS = 50
const SCALE = Math.min(1, Math.max(0.001, Number(process.env.BENCH_MONTH_SCALE ?? 1)))
const QUALITY_LEADS = Math.round(10_000 * SCALE)
const SMS_MESSAGES = Math.round(25_000 * SCALE)
const SEGMENTS_PER_SMS = 2
const PRODUCERS = Math.max(1, Number(process.env.BENCH_CONCURRENCY ?? 8))
const POOL = 20
const CAP = 50_000
const LEFT = 1_000

const t0 = Date.now()
const log = (m: string) => console.log(`[bench ${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const fmt = (n: number) => Math.round(n).toLocaleString('en-US')

type Db = typeof import('@/lib/db').db

async function makeOrg(db: Db, slug: string) {
  const org = await db.organization.create({ data: { slug, name: `Bench ${slug}` }, select: { id: true, slug: true } })
  return org
}

// ------------------------------------------------------------------------------------------------ part 1
async function part1(db: Db) {
  const { reserveSpend } = await import('@/lib/billing/reserve-spend')
  const org = await makeOrg(db, `bench-race-${Date.now().toString(36)}`)
  await db.organization.update({ where: { id: org.id }, data: { plan: 'PROFESSIONAL' } })
  await db.billingAccount.update({
    where: { orgId: org.id },
    data: { state: 'ACTIVE', trialEndsAt: null, spendCapCents: CAP, stripeCustomerId: `cus_bench_${randomUUID().slice(0, 8)}` },
  })
  // one warm-up reservation creates the counter row and starts pg-boss (the first threshold job)
  await reserveSpend({ orgId: org.id, kind: 'SMS_SEGMENT', quantity: 1, identifier: 'warmup', sandbox: false })
  const account = await db.billingAccount.findUniqueOrThrow({ where: { orgId: org.id } })
  const periodStart = account.periodStart
  let overspendCents = 0
  let badRounds = 0
  let granted = 0
  let refused = 0
  let otherErrors = 0
  let raceMs = 0
  for (let round = 0; round < ROUNDS; round++) {
    await db.$executeRaw`UPDATE spend_counters SET used_cents = ${CAP - LEFT}, reserved_cents = 0
                          WHERE org_id = ${org.id}::uuid AND period_start = ${periodStart}`
    const s = performance.now()
    const results = await Promise.allSettled(
      Array.from({ length: RACERS }, (_, i) =>
        reserveSpend({ orgId: org.id, kind: 'QUALITY_LEAD', quantity: 1, identifier: `race:${round}:${i}`, sandbox: false }),
      ),
    )
    raceMs += performance.now() - s
    const ok = results.filter((r) => r.status === 'fulfilled').length
    for (const r of results)
      if (r.status === 'rejected') {
        if ((r.reason as { details?: { reason?: string } }).details?.reason === 'SPEND_CAP') refused++
        else {
          otherErrors++
          if (otherErrors <= 3) log(`unexpected error: ${String((r.reason as Error).message)}`)
        }
      }
    granted += ok
    const [c] = await db.$queryRaw<Array<{ used_cents: number }>>`
      SELECT used_cents FROM spend_counters WHERE org_id = ${org.id}::uuid AND period_start = ${periodStart}`
    overspendCents += Math.max(0, c!.used_cents - CAP)
    if (ok !== Math.floor(LEFT / 113) || c!.used_cents !== CAP - LEFT + ok * 113) badRounds++
  }
  const total = ROUNDS * RACERS
  const perSec = total / (raceMs / 1000)

  // baseline: the bare row update at the same concurrency, through the same client and pool
  await db.$executeRawUnsafe('CREATE TABLE IF NOT EXISTS bench_counter (id int PRIMARY KEY, n bigint NOT NULL)')
  await db.$executeRawUnsafe('INSERT INTO bench_counter VALUES (1, 0) ON CONFLICT (id) DO UPDATE SET n = 0')
  let baseMs = 0
  for (let round = 0; round < ROUNDS; round++) {
    const s = performance.now()
    await Promise.all(Array.from({ length: RACERS }, () => db.$executeRaw`UPDATE bench_counter SET n = n + 1 WHERE id = 1`))
    baseMs += performance.now() - s
  }
  const basePerSec = total / (baseMs / 1000)
  const [b] = await db.$queryRaw<Array<{ n: number }>>`SELECT n::int AS n FROM bench_counter WHERE id = 1`
  const lines = [
    `Part 1 — spend-cap race: ${fmt(total)} reservations = ${fmt(ROUNDS)} rounds × ${RACERS} concurrent, each round racing for the last $${LEFT / 100} of a $${CAP / 100} cap at $1.13 each (pool ${POOL})`,
    `  granted ${fmt(granted)} (expected ${fmt(ROUNDS * Math.floor(LEFT / 113))}), refused SPEND_CAP ${fmt(refused)}, other errors ${otherErrors}`,
    `  overspend: ${overspendCents} cents; rounds with a wrong winner count or counter: ${badRounds}`,
    `  reservations/s: ${perSec.toFixed(0)} (reserve = entitlements check + counter upsert + reservation insert + guarded UPDATE, one transaction)`,
    `  baseline UPDATE n = n + 1 (one row, ${RACERS} concurrent, same pool): ${basePerSec.toFixed(0)}/s (${fmt(b!.n)} updates); ratio reserve/baseline = ${(perSec / basePerSec).toFixed(3)}`,
  ]
  return { ok: overspendCents === 0 && badRounds === 0 && otherErrors === 0 && b!.n === total, lines }
}

// ------------------------------------------------------------------------------------------------ child worker
interface Child {
  proc: ChildProcess
  exited: Promise<void>
}
/** the running child, whatever happens (killed in main's finally) */
let current: Child | undefined
async function startChild(env: NodeJS.ProcessEnv, logFile: string): Promise<Child> {
  const out = fs.openSync(logFile, 'a')
  const proc = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['--conditions=react-server', 'scripts/bench-billing-worker.ts'], {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', out],
  })
  const exited = new Promise<void>((r) => proc.once('exit', () => r()))
  let ready = false
  proc.stdout!.on('data', (d: Buffer) => {
    fs.writeSync(out, d)
    if (d.toString().includes('bench worker started')) ready = true
  })
  void exited.then(() => fs.closeSync(out))
  current = { proc, exited }
  const until = Date.now() + 120_000
  while (!ready) {
    if (proc.exitCode !== null) throw new Error(`bench worker exited with ${proc.exitCode} (log ${logFile})`)
    if (Date.now() > until) throw new Error(`bench worker did not start (log ${logFile})`)
    await sleep(100)
  }
  return { proc, exited }
}
async function killChild(c: Child, signal: 'SIGKILL' | 'SIGTERM') {
  try {
    process.kill(-c.proc.pid!, signal)
  } catch {
    /* gone */
  }
  await c.exited
}

// ------------------------------------------------------------------------------------------------ part 2
async function part2(db: Db, fake: StripeFake, childEnv: NodeJS.ProcessEnv, logFile: string) {
  const { reserveSpend } = await import('@/lib/billing/reserve-spend')
  const { commitSpend } = await import('@/lib/billing/commit-spend')
  const { prepareSpendWarnings } = await import('@/lib/billing/spend-warnings')
  const { startCheckout } = await import('@/lib/billing/start-checkout')
  const { memberActor } = await import('@/lib/auth/actor')
  const { normalizeAddress } = await import('@/lib/leads/normalize-address')
  const { hashPassword } = await import('@/lib/auth/password')
  const problems: string[] = []
  const lines: string[] = []

  let child = await startChild(childEnv, logFile)
  // the busy org subscribes through Checkout on the fake; entitlements arrive by (duplicated, reordered) webhooks
  const org = await makeOrg(db, `bench-month-${Date.now().toString(36)}`)
  const user = await db.user.create({
    data: {
      email: `owner-${org.slug}@bench.test`,
      name: 'Bench Owner',
      emailVerifiedAt: new Date(),
      passwordHash: await hashPassword(randomUUID()),
    },
  })
  const m = await db.membership.create({ data: { orgId: org.id, userId: user.id, role: 'OWNER' } })
  const owner = memberActor({ org: { id: org.id }, userId: user.id, membershipId: m.id, role: 'OWNER' })
  const { url } = await startCheckout({ actor: owner, plan: 'PROFESSIONAL' })
  const sessionId = url.split('/').pop()!
  const paid = await fake.completeCheckout(sessionId)
  await fake.flushWebhooks()
  const waitUntil = async (what: string, fn: () => Promise<boolean>, ms = 120_000) => {
    const until = Date.now() + ms
    while (!(await fn())) {
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}`)
      await sleep(250)
    }
  }
  await waitUntil('the subscription to apply', async () => {
    const a = await db.billingAccount.findUniqueOrThrow({ where: { orgId: org.id }, include: { org: { select: { plan: true } } } })
    return a.state === 'ACTIVE' && a.org.plan === 'PROFESSIONAL' && a.stripeSubscriptionId === paid.subscriptionId
  })
  const account = await db.billingAccount.update({ where: { orgId: org.id }, data: { spendCapCents: 2_000_000 } })
  const subscribeDeliveries = fake.deliveries.length
  lines.push(
    `  checkout on the fake → ACTIVE/PROFESSIONAL from ${subscribeDeliveries} webhook deliveries (${fake.deliveries.filter((d) => d.duplicate).length} duplicates, reordered)`,
  )

  // the month's leads (the ledger needs a lead per quality-lead row)
  log(`creating ${fmt(QUALITY_LEADS)} leads`)
  const leads: Array<{ id: string; addr: string }> = []
  for (let i = 0; i < QUALITY_LEADS; i += 1000) {
    const batch = Array.from({ length: Math.min(1000, QUALITY_LEADS - i) }, (_, j) => {
      const line1 = `${100 + i + j} Bench St`
      return { id: randomUUID(), line1, addr: normalizeAddress({ line1, city: 'Austin', state: 'TX', zip: '78701' }) }
    })
    await db.lead.createMany({
      data: batch.map((b) => ({
        id: b.id,
        orgId: org.id,
        normalizedAddress: b.addr,
        addressLine1: b.line1,
        city: 'Austin',
        state: 'TX',
        zip: '78701',
      })),
    })
    leads.push(...batch.map((b) => ({ id: b.id, addr: b.addr })))
  }

  // the work: quality leads and SMS interleaved (seeded shuffle), PRODUCERS at a time
  type Work = { kind: 'QUALITY_LEAD'; lead: { id: string; addr: string } } | { kind: 'SMS_SEGMENT'; id: string }
  const work: Work[] = [
    ...leads.map((lead) => ({ kind: 'QUALITY_LEAD' as const, lead })),
    ...Array.from({ length: SMS_MESSAGES }, () => ({ kind: 'SMS_SEGMENT' as const, id: randomUUID() })),
  ]
  let seed = 7
  const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff
  for (let i = work.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1))
    ;[work[i], work[j]] = [work[j]!, work[i]!]
  }
  await prepareSpendWarnings()
  const kills = [0.3, 0.6].map((f) => Math.floor(work.length * f))
  let next = 0
  let done = 0
  let failures = 0
  const produceStart = performance.now()
  let killing: Promise<void> | null = null
  // a quality lead: reserve + commit inside the scoring transaction (as the score stage does); an SMS: reserve before
  // the provider call, commit after it (two transactions, as outreach will)
  const one = async (w: Work) => {
    if (w.kind === 'QUALITY_LEAD') {
      await db.$transaction(
        async (tx) => {
          const r = await reserveSpend({
            tx,
            orgId: org.id,
            kind: 'QUALITY_LEAD',
            quantity: 1,
            identifier: `lead:${w.lead.id}`,
            sandbox: false,
          })
          await commitSpend({ tx, reservationId: r.reservationId, leadId: w.lead.id, normalizedAddress: w.lead.addr })
        },
        { maxWait: 30_000, timeout: 30_000 },
      )
      return
    }
    const r = await reserveSpend({
      orgId: org.id,
      kind: 'SMS_SEGMENT',
      quantity: SEGMENTS_PER_SMS,
      identifier: `sms:${w.id}`,
      sandbox: false,
    })
    await db.$transaction((tx) => commitSpend({ tx, reservationId: r.reservationId }), { maxWait: 30_000, timeout: 30_000 })
  }
  await Promise.all(
    Array.from({ length: PRODUCERS }, async () => {
      while (next < work.length) {
        const w = work[next++]!
        try {
          await one(w)
        } catch (err) {
          failures++
          if (failures <= 3) log(`work failed: ${String((err as Error).message).slice(0, 300)}`)
        }
        done++
        if (kills.length && done >= kills[0]! && !killing) {
          kills.shift()
          killing = (async () => {
            const sent = await db.outboxMessage.count({ where: { orgId: org.id, channel: 'METER', status: 'sent' } })
            log(`SIGKILL the dispatcher at ${fmt(done)}/${fmt(work.length)} committed, ${fmt(sent)} meter events sent`)
            await killChild(child, 'SIGKILL')
            await sleep(500)
            child = await startChild(childEnv, logFile)
            log('dispatcher restarted')
            killing = null
          })()
        }
        if (done % 5000 === 0) log(`${fmt(done)}/${fmt(work.length)} committed`)
      }
    }),
  )
  while (killing) await killing
  const produceS = (performance.now() - produceStart) / 1000
  log(`all work committed in ${produceS.toFixed(1)} s; waiting for the outbox to drain`)
  const drainStart = performance.now()
  await waitUntil(
    'the outbox to drain',
    async () =>
      (await db.outboxMessage.count({ where: { orgId: org.id, channel: 'METER', status: { notIn: ['sent', 'delivered'] } } })) === 0,
    15 * 60_000,
  )
  const drainS = (performance.now() - drainStart) / 1000

  // the checks: the fake's accepted meter events against the ledger
  const billable = await db.usageEvent.findMany({
    where: { orgId: org.id, billable: true },
    select: { identifier: true, kind: true, quantity: true },
  })
  const customer = account.stripeCustomerId!
  const accepted = [...fake.meterEvents.values()].filter((e) => e.customer === customer)
  const acceptedIds = new Set(accepted.map((e) => e.identifier))
  const missing = billable.filter((b) => !acceptedIds.has(b.identifier)).length
  const ledgerIds = new Set(billable.map((b) => b.identifier))
  const extra = accepted.filter((e) => !ledgerIds.has(e.identifier)).length
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0)
  const ledgerQl = sum(billable.filter((b) => b.kind === 'QUALITY_LEAD').map((b) => b.quantity))
  const ledgerSms = sum(billable.filter((b) => b.kind === 'SMS_SEGMENT').map((b) => b.quantity))
  const fakeQl = sum(accepted.filter((e) => e.eventName === 'fm_quality_lead').map((e) => e.value))
  const fakeSms = sum(accepted.filter((e) => e.eventName === 'fm_sms_segment').map((e) => e.value))
  const meterRequests = fake.requests.filter((r) => r.path === '/v1/billing/meter_events').length
  // rows a killed dispatcher had claimed (lease expired → re-sent by the sweeper with the same identifier and key)
  const [resent] = await db.$queryRaw<Array<{ n: number }>>`
    SELECT count(*)::int AS n FROM outbox_messages WHERE org_id = ${org.id}::uuid AND channel = 'METER' AND attempts > 1`
  if (failures) problems.push(`${failures} work items failed`)
  if (billable.length !== QUALITY_LEADS + SMS_MESSAGES)
    problems.push(`ledger billable rows ${billable.length} ≠ ${QUALITY_LEADS + SMS_MESSAGES}`)
  if (accepted.length !== billable.length || missing || extra)
    problems.push(`fake accepted ${accepted.length} vs ledger ${billable.length} (missing ${missing}, extra ${extra})`)
  if (fakeQl !== ledgerQl || fakeSms !== ledgerSms)
    problems.push(`meter values differ: QL ${fakeQl}/${ledgerQl}, SMS ${fakeSms}/${ledgerSms}`)
  const counter = await db.spendCounter.findFirstOrThrow({ where: { orgId: org.id }, orderBy: { periodStart: 'desc' } })
  const expectedCents = QUALITY_LEADS * 113 + SMS_MESSAGES * SEGMENTS_PER_SMS * 2
  if (counter.usedCents !== expectedCents || counter.reservedCents !== 0)
    problems.push(`counter used ${counter.usedCents} (expected ${expectedCents}), reserved ${counter.reservedCents}`)

  // the daily reconciliation, run now over the whole month (its settle window moved past the last commit): the
  // ledger against Stripe's meter event summaries (the fake's, from the events it accepted)
  const { unsafeReconcileUsage, RECONCILE_SETTLE_MS } = await import('@/lib/billing/reconcile-usage')
  const rec = await unsafeReconcileUsage({ now: new Date(Date.now() + RECONCILE_SETTLE_MS + 60_000) })
  if (rec.mode !== 'stripe' || rec.mismatches)
    problems.push(
      `reconciliation: mode ${rec.mode}, ${rec.mismatches} mismatches ${JSON.stringify(rec.details.filter((d) => !d.ok).map((d) => ({ undelivered: d.undelivered, meters: d.meters })))}`,
    )
  const reconciliation = `  reconciliation (ledger vs Stripe meter summaries, mode ${rec.mode}): ${rec.orgs} org(s), ${fmt(rec.ledgerRows)} ledger rows, ${rec.mismatches} mismatches`

  // the period ends: Stripe renews and invoices the usage; its webhooks (duplicated, reordered) reach the app
  const before = fake.deliveries.length
  await fake.renewSubscription(paid.subscriptionId!)
  await fake.flushWebhooks()
  await waitUntil('the renewal invoice', async () => (await db.billingInvoice.count({ where: { orgId: org.id } })) >= 2, 120_000)
  const renewal = [...fake.invoices.values()].find((i) => i.customer === customer && i.billingReason === 'subscription_cycle')
  const usageLine = renewal?.lines.find((l) => l.description.startsWith('Usage'))
  const storedInvoices = await db.billingInvoice.findMany({ where: { orgId: org.id }, orderBy: { createdAt: 'asc' } })
  if (!usageLine || usageLine.amount !== ledgerQl * 113)
    problems.push(`renewal usage line ${JSON.stringify(usageLine)} ≠ ${ledgerQl} × 113`)

  lines.push(
    `  work: ${fmt(QUALITY_LEADS)} quality leads + ${fmt(SMS_MESSAGES)} SMS × ${SEGMENTS_PER_SMS} segments = ${fmt(work.length)} reserve+commit transactions, ${PRODUCERS} producers: ${produceS.toFixed(1)} s (${(work.length / produceS).toFixed(0)}/s); ${failures} failed`,
    `  dispatcher SIGKILLed twice (at 30 % and 60 % of the work) and restarted; outbox drained ${drainS.toFixed(1)} s after the last commit`,
    `  ledger billable rows: ${fmt(billable.length)} (QL value ${fmt(ledgerQl)}, SMS value ${fmt(ledgerSms)}); meter events accepted by the fake: ${fmt(accepted.length)} (QL ${fmt(fakeQl)}, SMS ${fmt(fakeSms)}), missing ${missing}, extra ${extra}`,
    `  outbox rows claimed by a killed dispatcher and re-sent after their lease: ${fmt(resent!.n)}; meter-event requests received ${fmt(meterRequests)} (${fmt(meterRequests - accepted.length)} beyond the accepted events: answered by Idempotency-Key replay or ignored by identifier, ${fmt(fake.meterDuplicates)} of them by identifier)`,
    `  counter: used ${fmt(counter.usedCents)} cents (expected ${fmt(expectedCents)}), reserved ${counter.reservedCents}`,
    reconciliation,
    `  renewal: ${fake.deliveries.length - before} webhook deliveries (${fake.deliveries.slice(before).filter((d) => d.duplicate).length} duplicates, reordered); invoices stored ${storedInvoices.length}; usage line ${usageLine ? `${fmt(usageLine.amount)} cents = ${fmt(ledgerQl)} × $1.13` : 'missing'}`,
  )
  await killChild(child, 'SIGTERM')
  return { ok: problems.length === 0, problems, lines }
}

async function main() {
  const adminUrl: string | null = await findPostgres()
  if (!adminUrl) throw new Error('No PostgreSQL at DATABASE_ADMIN_URL or 127.0.0.1:5432')
  const dbName = `fm_bench_billing_${Date.now().toString(36)}`
  const databaseUrl: string = await createDatabase(adminUrl, dbName)
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fm-bench-billing-'))
  let fake: StripeFake | undefined
  let exit = 1
  try {
    log(`scratch database ${dbName}; migrating`)
    await migrate({ databaseUrl, log: () => {} })
    const secret = `whsec_bench_${randomUUID().slice(0, 8)}`
    // webhooks go to the app's real route handler, in this process (duplicated 20 %, reordered)
    fake = await startStripeFake({
      prices: planPrices(),
      webhooks: {
        secret,
        duplicateRate: 0.2,
        reorder: true,
        seed: 3,
        deliver: async (body, headers) => {
          const { POST } = await import('@/app/api/webhooks/stripe/route')
          return (await POST(new Request('http://127.0.0.1/api/webhooks/stripe', { method: 'POST', body, headers }))).status
        },
      },
    })
    for (const k of Object.keys(process.env)) if (/(_API_KEY|_TOKEN|_SECRET|_BASE_URL|^FM_SANDBOX|^STRIPE_)/.test(k)) delete process.env[k]
    const stripeEnv = {
      STRIPE_SECRET_KEY: 'sk_test_bench',
      STRIPE_WEBHOOK_SECRET: secret,
      STRIPE_API_HOST: '127.0.0.1',
      STRIPE_API_PORT: String(fake.port),
      STRIPE_API_PROTOCOL: 'http',
      ...planPriceEnv(),
    }
    Object.assign(process.env, stripeEnv, { DATABASE_URL: databaseUrl, DATABASE_POOL_MAX: String(POOL), LOG_LEVEL: 'warn' })
    const childEnv: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      TMPDIR: process.env.TMPDIR,
      NODE_ENV: 'development',
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_MAX: '8',
      FM_SERVICE: 'worker',
      LOG_LEVEL: 'warn',
      FM_OUTBOX_BATCH: '20',
      FM_OUTBOX_WORKERS: '3',
      ...stripeEnv,
    }
    const { db } = await import('@/lib/db')
    const load = os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')
    log('part 1: the spend-cap race')
    const p1 = await part1(db)
    log('part 2: a month of one busy org')
    const p2 = await part2(db, fake, childEnv, path.join(tmp, 'worker.log'))
    console.log(
      `\nbench:billing — ${os.cpus().length} cores, load average before ${load}, after ${os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}; scratch database ${dbName}`,
    )
    for (const l of p1.lines) console.log(l)
    console.log(`Part 2 — a month of one busy org (scale ${SCALE}):`)
    for (const l of p2.lines) console.log(l)
    console.log(`part 1: ${p1.ok ? 'OK' : 'FAILED'}; part 2: ${p2.ok ? 'OK' : `FAILED — ${p2.problems.join('; ')}`}`)
    exit = p1.ok && p2.ok ? 0 : 1
  } finally {
    if (current) await killChild(current, 'SIGKILL')
    const { stopBoss } = await import('@/lib/jobs/boss')
    await stopBoss().catch(() => {})
    const { db } = await import('@/lib/db').catch(() => ({ db: undefined }))
    await db?.$disconnect().catch(() => {})
    const pool = (globalThis as { fmPool?: { ended: boolean; end(): Promise<void> } }).fmPool
    if (pool && !pool.ended) await pool.end().catch(() => {})
    await fake?.close().catch(() => {})
    if (process.env.BENCH_KEEP_DB !== '1') await dropDatabase(adminUrl, dbName).catch(() => {})
    if (exit === 0) fs.rmSync(tmp, { recursive: true, force: true })
    else console.log(`worker log kept in ${tmp}`)
  }
  process.exit(exit)
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})

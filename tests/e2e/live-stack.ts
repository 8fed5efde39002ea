// The "live" e2e stack: the same production build as the sandbox e2e server, but with every provider the billing
// journeys need taking its REAL path against local fakes — Stripe (stateful: checkout, subscriptions, invoices,
// signed webhooks back to this app), Regrid parcels, Mapbox imagery (real JPEGs) and Anthropic vision — so quality
// leads are live data (billed) and entitlements change only from Stripe's webhooks, as in production.
//
// Run by Playwright as a `webServer` command (playwright.config.ts). Playwright starts web servers before
// globalSetup, and this stack needs its database ready before its worker starts, so it owns everything itself:
// its own database (E2E_DB_NAME + "_live", recreated), migrations, the fakes, the job worker and `next start`.
// It writes where the fakes listen to LIVE_STACK_FILE for the journeys, and stops all of it on SIGTERM/SIGINT.
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
// @ts-expect-error plain ESM script without types
import { createDatabase, findPostgres } from '../../scripts/pg-local.mjs'
// @ts-expect-error plain ESM script without types
import { migrate } from '../../scripts/migrate-apply.mjs'
import { startRegridFake } from '../fakes/regrid-fake'
import { startAnthropicFake } from '../fakes/anthropic-fake'
import { bandForScore } from '@/lib/vision/roof-assessment'
import { benchAerials, benchParcels, startBenchMapboxFake } from '../fakes/bench-scan-fakes'
import { startStripeSimulator } from '../fakes/stripe-fake'
import { LIVE_CENTRE, LIVE_PARCELS, LIVE_STACK_FILE, liveStackEnv, type LiveStackInfo } from './helpers/live-stack-info'

const port = Number(process.env.E2E_LIVE_PORT ?? 3101)
const appUrl = `http://127.0.0.1:${port}`
const dbName = `${process.env.E2E_DB_NAME ?? 'fm_e2e'}_live`
const children: ChildProcess[] = []
const closers: Array<() => Promise<void>> = []

function log(msg: string) {
  process.stderr.write(`[live-stack] ${msg}\n`)
}

function stopAll(code: number) {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM')
  void Promise.allSettled(closers.map((c) => c())).finally(() => setTimeout(() => process.exit(code), 500))
}
process.on('SIGTERM', () => stopAll(0))
process.on('SIGINT', () => stopAll(0))

function startChild(name: string, args: string[], env: NodeJS.ProcessEnv, readyLine?: string): Promise<ChildProcess> {
  // not detached: the children stay in this process's group, so Playwright stopping the web server (it kills the
  // whole group) stops them too, even when this process gets no chance to run its SIGTERM handler
  const child = spawn('npx', args, { env, stdio: ['ignore', 'pipe', 'pipe'] })
  children.push(child)
  child.stderr!.on('data', (d: Buffer) => process.stderr.write(`[${name}] ${d}`))
  child.once('exit', (code, signal) => {
    log(`${name} exited (code ${code}, signal ${signal})`)
    stopAll(1)
  })
  return new Promise((resolve, reject) => {
    if (!readyLine) {
      child.stdout!.on('data', () => {})
      return resolve(child)
    }
    const timer = setTimeout(() => reject(new Error(`${name} did not start within 90 s`)), 90_000)
    let buffered = ''
    child.stdout!.on('data', (d: Buffer) => {
      buffered += d.toString()
      const lines = buffered.split('\n')
      buffered = lines.pop() ?? ''
      for (const line of lines) {
        if (line.includes(readyLine)) {
          clearTimeout(timer)
          resolve(child)
        } else if (/"level":"(warn|error|fatal)"/.test(line)) process.stderr.write(`[${name}] ${line}\n`)
      }
    })
  })
}

async function main() {
  const adminUrl: string | null = await findPostgres()
  if (!adminUrl) throw new Error('No PostgreSQL answers at DATABASE_ADMIN_URL or 127.0.0.1:5432')
  const databaseUrl: string = await createDatabase(adminUrl, dbName, { dropFirst: true })
  await migrate({ databaseUrl, log: () => {} })

  const parcels = benchParcels(LIVE_PARCELS, LIVE_CENTRE, 700)
  const regrid = await startRegridFake()
  regrid.parcels.push(...parcels)
  const images = await benchAerials(
    parcels.map((p) => p.point),
    { cacheDir: path.join('.data', 'e2e-live-aerials'), size: 640 },
  )
  const mapbox = await startBenchMapboxFake({ images, seed: 1, latencyMs: 0, jitterMs: 0, faultRate: 0 })
  // a worn roof: every property scores as a quality lead (≥ 60) from live data
  const anthropic = await startAnthropicFake({
    toolInput: {
      roof_visible: true,
      material: 'asphalt_shingle',
      shape: 'gable',
      condition_score: 22,
      condition_band: bandForScore(22),
      indicators: [
        { type: 'missing_shingles', severity: 'high', evidence: 'bare patches where shingles are missing on the south slope' },
        { type: 'granule_loss_or_wear', severity: 'high', evidence: 'dark, smooth areas from granule loss across the west slope' },
      ],
      confidence: 0.9,
      reasoning: 'Condition 22/100: missing shingles and heavy granule loss on two slopes.',
    },
  })
  const webhookSecret = `whsec_e2e${randomBytes(12).toString('hex')}`
  const stripe = await startStripeSimulator({ webhookUrl: `${appUrl}/api/webhooks/stripe`, webhookSecret })
  closers.push(regrid.close, mapbox.close, anthropic.close, stripe.close)

  const providers = liveStackEnv({
    stripeUrl: stripe.url,
    webhookSecret,
    regridUrl: regrid.url,
    mapboxUrl: mapbox.url,
    anthropicUrl: anthropic.url,
  })
  const info: LiveStackInfo = { appUrl, databaseUrl, stripeUrl: stripe.url, centre: LIVE_CENTRE, env: providers }
  fs.mkdirSync(path.dirname(LIVE_STACK_FILE), { recursive: true })
  fs.writeFileSync(LIVE_STACK_FILE, JSON.stringify(info, null, 2))

  const imageDir = path.join('.data', 'e2e-images', dbName)
  fs.rmSync(imageDir, { recursive: true, force: true })
  const base: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TMPDIR: process.env.TMPDIR,
    DATABASE_URL: databaseUrl,
    IMAGE_STORAGE_DIR: imageDir,
    OVERPASS_ENABLED: '0',
    AUTH_SECRET: 'e2e-only-auth-secret-not-for-production-0002',
    ENCRYPTION_KEY: 'e2e1'.repeat(16),
    AUTH_URL: appUrl,
    AUTH_TRUST_HOST: 'true',
    APP_URL: appUrl,
    TRUST_PROXY: '1',
    FM_ENABLE_DEV_MAILBOX: '1',
    NEXT_TELEMETRY_DISABLED: '1',
    ...providers,
  }
  await startChild(
    'live-worker',
    ['tsx', '--conditions=react-server', 'scripts/worker.ts'],
    { ...base, NODE_ENV: 'development', FM_SERVICE: 'e2e-live-worker', LOG_LEVEL: 'info' },
    '"msg":"worker started"',
  )
  await startChild('live-web', ['next', 'start', '-p', String(port), '-H', '127.0.0.1'], {
    ...base,
    NODE_ENV: 'production',
    NEXT_DIST_DIR: process.env.E2E_DIST_DIR ?? '.next-e2e',
    LOG_LEVEL: 'warn',
  })
  log(`up: ${appUrl} (database ${dbName}, Stripe simulator ${stripe.url})`)
}

main().catch((err) => {
  log(String(err?.stack ?? err))
  stopAll(1)
})

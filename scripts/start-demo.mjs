// `npm run start:demo` — the one command that installs nothing more and starts everything:
// PostgreSQL (embedded when DATABASE_URL is unset), migrations, demo data, a production build if stale,
// the web app on :3000 and the job worker. Ctrl-C stops it all. `--dev` runs `next dev` instead of a build.
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import { randomBytes } from 'node:crypto'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createDatabase, startEmbedded } from './pg-local.mjs'
import { migrate } from './migrate-apply.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const dev = process.argv.includes('--dev')
const port = process.env.PORT ?? '3000'
const t0 = Date.now()
const children = []
let embedded = null

async function main() {
  let databaseUrl = process.env.DATABASE_URL
  if (!databaseUrl) {
    const { ep, adminUrl } = await startEmbedded({ port: Number(process.env.EMBEDDED_PG_PORT ?? 54329) })
    embedded = ep
    databaseUrl = await createDatabase(adminUrl, 'fishmouth')
    console.log(`[start] embedded PostgreSQL ready (${((Date.now() - t0) / 1000).toFixed(1)} s), data in .data/pg`)
  }
  // `next start` runs with NODE_ENV=production, which refuses missing or development secrets: the demo makes its
  // own random ones once and keeps them in .data/ (git-ignored), so sessions survive restarts.
  const env = { ...process.env, ...demoSecrets(), DATABASE_URL: databaseUrl, NEXT_TELEMETRY_DISABLED: '1', FM_SANDBOX: '1' }
  const r = await migrate({ databaseUrl, log: (m) => console.log('[migrate]', m) })
  console.log(`[start] migrations: ${r.applied} applied, ${r.total - r.applied} up to date`)
  run('npx', ['tsx', '--conditions=react-server', 'prisma/seed.ts'], env)
  if (!dev && needsBuild()) {
    console.log('[start] building the app (first run or sources changed)…')
    run('npx', ['next', 'build'], env)
  }
  // each child leads its own process group so shutdown reaches npx's grandchildren too
  const web = spawn('npx', ['next', dev ? 'dev' : 'start', '-p', port], { cwd: root, env, stdio: 'inherit', detached: true })
  const worker = spawn('npx', ['tsx', '--conditions=react-server', 'scripts/worker.ts'], {
    cwd: root,
    env: { ...env, FM_SERVICE: 'worker' },
    stdio: 'inherit',
    detached: true,
  })
  children.push(web, worker)
  web.on('exit', (code) => shutdown(code ?? 0))
  console.log(
    `[start] Fish Mouth on http://localhost:${port} (ready in ${((Date.now() - t0) / 1000).toFixed(1)} s, sign in with the demo users above)`,
  )
}

function demoSecrets() {
  const file = path.join(root, '.data', 'demo-secrets.json')
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true })
    const secrets = { AUTH_SECRET: randomBytes(32).toString('hex'), ENCRYPTION_KEY: randomBytes(32).toString('hex') }
    fs.writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 })
  }
  const saved = JSON.parse(fs.readFileSync(file, 'utf8'))
  return { AUTH_SECRET: process.env.AUTH_SECRET ?? saved.AUTH_SECRET, ENCRYPTION_KEY: process.env.ENCRYPTION_KEY ?? saved.ENCRYPTION_KEY }
}

function run(cmd, args, env) {
  const res = spawnSync(cmd, args, { cwd: root, env, stdio: 'inherit' })
  if (res.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed`)
}

function newestMtime(dir) {
  let newest = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.') || entry.name === 'generated') continue
    const p = path.join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs)
  }
  return newest
}

function needsBuild() {
  const marker = path.join(root, '.next', 'BUILD_ID')
  if (!fs.existsSync(marker)) return true
  const built = fs.statSync(marker).mtimeMs
  return ['app', 'lib', 'components'].some((d) => fs.existsSync(path.join(root, d)) && newestMtime(path.join(root, d)) > built)
}

let stopping = false
async function shutdown(code) {
  if (stopping) return
  stopping = true
  for (const c of children) {
    try {
      process.kill(-c.pid, 'SIGTERM')
    } catch {
      /* already gone */
    }
  }
  if (embedded) await embedded.stop().catch(() => {})
  process.exit(code)
}
process.on('SIGINT', () => shutdown(0))
process.on('SIGTERM', () => shutdown(0))

main().catch(async (e) => {
  console.error('[start] failed:', e.message)
  await shutdown(1)
})

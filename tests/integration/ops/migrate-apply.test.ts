// scripts/migrate-apply.mjs: re-running is a no-op, and every recorded checksum is sha256(file bytes) like Prisma's.
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
// @ts-expect-error plain ESM script without types
import { createDatabase, dropDatabase } from '../../../scripts/pg-local.mjs'
// @ts-expect-error plain ESM script without types
import { MIGRATIONS_DIR, listMigrations, migrate } from '../../../scripts/migrate-apply.mjs'

const name = `fm_migrate_${Date.now().toString(36)}_${process.pid}`
let url = ''

beforeAll(async () => {
  url = await createDatabase(inject('adminUrl'), name, { dropFirst: true })
}, 30_000)
afterAll(async () => {
  if (url) await dropDatabase(inject('adminUrl'), name)
})

async function rows() {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    return (
      await c.query('SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name')
    ).rows
  } finally {
    await c.end()
  }
}

describe('migrate-apply', () => {
  it('applies every migration once, then re-running applies nothing and changes nothing', async () => {
    const names: string[] = listMigrations()
    const first = await migrate({ databaseUrl: url, log: () => {} })
    expect(first).toEqual({ applied: names.length, total: names.length })
    const before = await rows()
    const second = await migrate({ databaseUrl: url, log: () => {} })
    expect(second).toEqual({ applied: 0, total: names.length })
    expect(await rows()).toEqual(before)
  }, 30_000)

  it('records checksum = sha256 of the migration.sql bytes, one finished row per folder', async () => {
    const recorded = await rows()
    expect(recorded.map((r) => r.migration_name)).toEqual(listMigrations())
    for (const r of recorded) {
      const bytes = fs.readFileSync(path.join(MIGRATIONS_DIR, r.migration_name, 'migration.sql'))
      expect(r.checksum).toBe(crypto.createHash('sha256').update(bytes).digest('hex'))
      expect(r.finished_at).toBeInstanceOf(Date)
      expect(r.applied_steps_count).toBe(1)
    }
  })

  it('runs concurrently without applying anything twice (advisory lock)', async () => {
    const other = await createDatabase(inject('adminUrl'), `${name}_b`, { dropFirst: true })
    try {
      const results = await Promise.all([1, 2, 3].map(() => migrate({ databaseUrl: other, log: () => {} })))
      expect(results.reduce((n: number, r: { applied: number }) => n + r.applied, 0)).toBe(listMigrations().length)
    } finally {
      await dropDatabase(inject('adminUrl'), `${name}_b`)
    }
  }, 60_000)
})

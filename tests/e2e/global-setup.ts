// Fresh, migrated and seeded database `fm_e2e` (or E2E_DB_NAME) for every Playwright run (the demo org and users of prisma/seed.ts).
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
// @ts-expect-error plain ESM script without types
import { createDatabase, findPostgres } from '../../scripts/pg-local.mjs'
// @ts-expect-error plain ESM script without types
import { migrate } from '../../scripts/migrate-apply.mjs'
import { E2E_IMAGE_STORAGE_DIR } from '../../playwright.config'

export default async function globalSetup() {
  const adminUrl: string | null = await findPostgres()
  if (!adminUrl)
    throw new Error('No PostgreSQL answers at DATABASE_ADMIN_URL or 127.0.0.1:5432 (run: node scripts/pg-local.mjs serve 5432 &)')
  const databaseUrl: string = await createDatabase(adminUrl, process.env.E2E_DB_NAME ?? 'fm_e2e', { dropFirst: true })
  await migrate({ databaseUrl, log: () => {} })
  // the database was just recreated: images of an earlier run belong to rows that no longer exist. The seed stores
  // the demo leads' aerial images in the folder the web server and the worker read (playwright.config.ts).
  fs.rmSync(E2E_IMAGE_STORAGE_DIR, { recursive: true, force: true })
  const seed = spawnSync('npx', ['tsx', '--conditions=react-server', 'prisma/seed.ts'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: 'development', IMAGE_STORAGE_DIR: E2E_IMAGE_STORAGE_DIR },
    encoding: 'utf8',
  })
  if (seed.status !== 0) throw new Error(`demo seed failed:\n${seed.stdout}\n${seed.stderr}`)
}

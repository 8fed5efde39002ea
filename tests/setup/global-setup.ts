// Each vitest run gets its own freshly migrated database on a real PostgreSQL server, dropped at the end.
import type { TestProject } from 'vitest/node'
// @ts-expect-error plain ESM scripts without types
import { createDatabase, dropDatabase, findPostgres } from '../../scripts/pg-local.mjs'
// @ts-expect-error plain ESM scripts without types
import { migrate } from '../../scripts/migrate-apply.mjs'

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string
    adminUrl: string
  }
}

export default async function setup(project: TestProject) {
  const adminUrl: string | null = await findPostgres()
  if (!adminUrl)
    throw new Error('No PostgreSQL answers at DATABASE_ADMIN_URL or 127.0.0.1:5432 (run: node scripts/pg-local.mjs serve 5432 &)')
  const name = `fm_test_${Date.now().toString(36)}_${process.pid}`
  const databaseUrl: string = await createDatabase(adminUrl, name)
  await migrate({ databaseUrl, log: () => {} })
  project.provide('databaseUrl', databaseUrl)
  project.provide('adminUrl', adminUrl)
  return async () => {
    if (process.env.KEEP_TEST_DB !== '1') await dropDatabase(adminUrl, name)
  }
}

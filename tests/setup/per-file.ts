import { afterAll, inject } from 'vitest'

process.env.DATABASE_URL = inject('databaseUrl')
process.env.DATABASE_POOL_MAX = '4'

afterAll(async () => {
  const g = globalThis as unknown as {
    fmPrisma?: { $disconnect(): Promise<void> }
    fmPool?: { ended: boolean; ending?: boolean; end(): Promise<void> }
  }
  await g.fmPrisma?.$disconnect()
  if (g.fmPool && !g.fmPool.ending && !g.fmPool.ended) await g.fmPool.end()
})

// The Prisma 7 client over node-postgres. One pool per process; every query is scoped by org in lib/<domain>.
import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient } from '@/lib/generated/prisma/client'
import { env } from '@/lib/env'

export type Db = PrismaClient
export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0]

const globalForDb = globalThis as unknown as { fmPrisma?: PrismaClient }

function create(): PrismaClient {
  const adapter = new PrismaPg({ connectionString: env().DATABASE_URL, max: env().DATABASE_POOL_MAX, idleTimeoutMillis: 30_000 })
  return new PrismaClient({ adapter })
}

export function getDb(): PrismaClient {
  globalForDb.fmPrisma ??= create()
  return globalForDb.fmPrisma
}

/** Lazily-created client: importing this module never opens a connection. */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_t, prop) {
    const client = getDb() as unknown as Record<string | symbol, unknown>
    const value = client[prop]
    return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(client) : value
  },
})

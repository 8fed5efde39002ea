// The Prisma 7 client over node-postgres. One pg pool per process, shared by Prisma and by `sqlRows` (raw SQL
// without Prisma's result mapping, for the measured hot read paths only); every query is scoped by org in
// lib/<domain>.
import 'server-only'
import pg from 'pg'
import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient, type Prisma } from '@/lib/generated/prisma/client'
import { env } from '@/lib/env'

export type Db = PrismaClient
export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0]

const globalForDb = globalThis as unknown as { fmPrisma?: PrismaClient; fmPool?: pg.Pool }

function pool(): pg.Pool {
  globalForDb.fmPool ??= new pg.Pool({ connectionString: env().DATABASE_URL, max: env().DATABASE_POOL_MAX, idleTimeoutMillis: 30_000 })
  return globalForDb.fmPool
}

function create(): PrismaClient {
  // $disconnect() ends the shared pool too
  const adapter = new PrismaPg(pool(), { disposeExternalPool: true })
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

/**
 * A query through node-postgres directly, on Prisma's pool, built with the same `Prisma.sql` template (so the
 * same parameter binding, never string concatenation). Rows come back as pg parses them (int4/float8 → number,
 * timestamptz → Date, text[] → string[]; int8/numeric would stay strings — cast them in the SQL). Only for the
 * hot paths the benchmarks measure (API-key lookup, lead list, webhook insert): Prisma's result mapping cost 2–4× the
 * CPU of the query itself there.
 */
export async function sqlRows<T>(query: Prisma.Sql): Promise<T[]> {
  getDb() // the pool belongs to the client: create both together so $disconnect() ends it
  const res = await pool().query(query.text, query.values as unknown[])
  return res.rows as T[]
}

/** BEGIN … COMMIT on one connection of the same pool, for a sqlRows-style hot write that must be atomic. */
export async function sqlTransaction<T>(
  fn: (run: <R>(query: Prisma.Sql) => Promise<R[]>, client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  getDb()
  const client = await pool().connect()
  try {
    await client.query('BEGIN')
    const result = await fn(async <R>(q: Prisma.Sql) => (await client.query(q.text, q.values as unknown[])).rows as R[], client)
    await client.query('COMMIT')
    return result
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {})
    throw err
  } finally {
    client.release()
  }
}

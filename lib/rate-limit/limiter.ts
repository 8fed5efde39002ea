// Fixed-window rate limits with rate-limiter-flexible: PostgreSQL table rate_limits by default (the app's
// database, its own small pg pool), Redis when REDIS_URL is set. If the store is unreachable an in-memory
// limiter per process takes over (insurance) rather than failing every request.
import 'server-only'
import pg from 'pg'
import { Redis } from 'ioredis'
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible'
import { env } from '@/lib/env'

export interface LimitDef {
  /** key prefix, e.g. "api_key" */
  name: string
  points: number
  durationSeconds: number
}

export interface LimitResult {
  allowed: boolean
  limit: number
  remaining: number
  /** seconds until the window resets */
  resetSeconds: number
}

interface State {
  pool?: pg.Pool
  redis?: Redis
  limiters: Map<string, RateLimiterAbstract>
}
const g = globalThis as unknown as { fmRl?: State }
const state = (): State => (g.fmRl ??= { limiters: new Map() })

function limiterFor(def: LimitDef): RateLimiterAbstract {
  const id = `${def.name}:${def.points}:${def.durationSeconds}`
  const s = state()
  let l = s.limiters.get(id)
  if (l) return l
  const base = { keyPrefix: def.name, points: def.points, duration: def.durationSeconds }
  const insuranceLimiter = new RateLimiterMemory(base)
  const redisUrl = env().REDIS_URL
  if (redisUrl) {
    s.redis ??= new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false })
    l = new RateLimiterRedis({ ...base, storeClient: s.redis, insuranceLimiter })
  } else {
    s.pool ??= new pg.Pool({ connectionString: env().DATABASE_URL, max: 3, idleTimeoutMillis: 30_000 })
    // table created by migration 20261123100000_leads (model RateLimitBucket)
    l = new RateLimiterPostgres({
      ...base,
      storeClient: s.pool,
      storeType: 'pool',
      tableName: 'rate_limits',
      tableCreated: true,
      clearExpiredByTimeout: false,
      insuranceLimiter,
    })
  }
  s.limiters.set(id, l)
  return l
}

const toResult = (def: LimitDef, r: RateLimiterRes, allowed: boolean): LimitResult => ({
  allowed,
  limit: def.points,
  remaining: Math.max(0, r.remainingPoints),
  resetSeconds: Math.max(1, Math.ceil(r.msBeforeNext / 1000)),
})

export async function consume(def: LimitDef, key: string): Promise<LimitResult> {
  try {
    return toResult(def, await limiterFor(def).consume(key, 1), true)
  } catch (err) {
    if (err instanceof RateLimiterRes) return toResult(def, err, false)
    throw err
  }
}

/** Tests: forget cached limiters so a changed env override takes effect. */
export async function resetLimiters(): Promise<void> {
  const s = state()
  s.limiters.clear()
}

export async function closeLimiters(): Promise<void> {
  const s = state()
  s.limiters.clear()
  await s.pool?.end().catch(() => {})
  s.redis?.disconnect()
  g.fmRl = undefined
}

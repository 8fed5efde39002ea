// Hourly housekeeping for REST API state: Idempotency-Key records past their 24 h and expired rate-limit
// windows (rate-limiter-flexible's Postgres store never deletes by itself with clearExpiredByTimeout off).
// Unscoped by org on purpose: it only removes rows that are expired for everyone.
import 'server-only'
import { db } from '@/lib/db'

export async function unsafePurgeExpiredApiState(): Promise<{ idempotencyKeys: number; rateLimits: number }> {
  const idempotencyKeys = await db.$executeRaw`DELETE FROM idempotency_keys WHERE expires_at < now()`
  const rateLimits =
    await db.$executeRaw`DELETE FROM rate_limits WHERE expire IS NOT NULL AND expire < (extract(epoch from now()) * 1000)::bigint`
  return { idempotencyKeys, rateLimits }
}

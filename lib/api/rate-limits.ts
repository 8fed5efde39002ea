// REST API limits (PRODUCT §3, lib/billing/plans.ts RATE_LIMITS): 1,000 requests/h per key, 100/h per IP
// for unauthenticated requests. FM_RATE_LIMIT_API_KEY / FM_RATE_LIMIT_API_IP override the points (tests,
// benchmarks) — never set them in production.
import 'server-only'
import { RATE_LIMITS } from '@/lib/billing/plans'
import type { LimitDef, LimitResult } from '@/lib/rate-limit/limiter'

const override = (name: string, fallback: number) => {
  const v = Number(process.env[name])
  return Number.isInteger(v) && v > 0 ? v : fallback
}

export const apiKeyLimit = (): LimitDef => ({
  name: 'api_key',
  points: override('FM_RATE_LIMIT_API_KEY', RATE_LIMITS.REST_PER_KEY.points),
  durationSeconds: RATE_LIMITS.REST_PER_KEY.durationSeconds,
})
export const apiIpLimit = (): LimitDef => ({
  name: 'api_ip',
  points: override('FM_RATE_LIMIT_API_IP', RATE_LIMITS.REST_PER_IP_UNAUTHENTICATED.points),
  durationSeconds: RATE_LIMITS.REST_PER_IP_UNAUTHENTICATED.durationSeconds,
})

/** IETF draft-ietf-httpapi-ratelimit-headers: RateLimit-Policy + RateLimit. */
export function rateLimitHeaders(def: LimitDef, r: LimitResult): Record<string, string> {
  return {
    'ratelimit-policy': `${def.points};w=${def.durationSeconds}`,
    ratelimit: `limit=${r.limit}, remaining=${r.remaining}, reset=${r.resetSeconds}`,
  }
}

// Prometheus scrape endpoint (RED metrics for provider calls, breaker states, spend, process defaults).
// With METRICS_TOKEN set, a bearer token is required; keep the route off the public ingress either way.
import { timingSafeEqual } from 'node:crypto'
import { AppError } from '@/lib/errors'
import { handleRoute } from '@/lib/http/handle-route'
import { metricsRegistry } from '@/lib/metrics'

export const dynamic = 'force-dynamic'
export const runtime = 'nodejs'

function authorized(header: string | null, token: string): boolean {
  const got = Buffer.from(header?.replace(/^Bearer /, '') ?? '')
  const want = Buffer.from(token)
  return got.length === want.length && timingSafeEqual(got, want)
}

export const GET = handleRoute(async (req) => {
  const token = process.env.METRICS_TOKEN
  if (token && !authorized(req.headers.get('authorization'), token)) throw new AppError('UNAUTHENTICATED', 'Metrics need a bearer token')
  return new Response(await metricsRegistry.metrics(), {
    headers: { 'content-type': metricsRegistry.contentType, 'cache-control': 'no-store' },
  })
})

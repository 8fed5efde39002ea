// The REST API v1 wrapper: API-key auth → rate limit (per key; per IP when unauthenticated) → Enterprise plan
// gate → scope (WRITE for POST/PATCH/DELETE) → Idempotency-Key on writes → handler. Every response, errors
// included, carries the RateLimit headers and the one error envelope (lib/http/handle-route.ts).
import { AppError } from '@/lib/errors'
import { getPlan } from '@/lib/billing/plans'
import { authenticateApiKey, bearerFrom, type AuthenticatedKey } from '@/lib/api-keys/authenticate-api-key'
import { apiIpLimit, apiKeyLimit, rateLimitHeaders } from '@/lib/api/rate-limits'
import { parseIdempotencyKey, withIdempotency } from '@/lib/api/idempotency'
import { consume } from '@/lib/rate-limit/limiter'
import { errorResponse, handleRoute, readText } from '@/lib/http/handle-route'
import { apiKeyActor, type LeadActor } from '@/lib/leads/lead-actor'
import type { RequestContext } from '@/lib/request-context'

export const API_MAX_BODY_BYTES = 64 * 1024

export interface ApiContext {
  key: AuthenticatedKey
  actor: LeadActor
  req: RequestContext
  params: Record<string, string | string[]>
  /** raw request body (writes only; already size-limited) */
  body: string
}

function withHeaders(res: Response, headers: Record<string, string>): Response {
  try {
    for (const [k, v] of Object.entries(headers)) res.headers.set(k, v)
    return res
  } catch {
    // immutable headers (a Response that came from fetch): copy once
    const out = new Response(res.body, { status: res.status, headers: res.headers })
    for (const [k, v] of Object.entries(headers)) out.headers.set(k, v)
    return out
  }
}

export function apiRoute(opts: { write: boolean }, handler: (request: Request, ctx: ApiContext) => Promise<Response>) {
  return handleRoute(async (request, { req, params }) => {
    const headers: Record<string, string> = { 'cache-control': 'no-store' }
    try {
      let key: AuthenticatedKey
      try {
        key = await authenticateApiKey({ secret: bearerFrom(request.headers.get('authorization')) })
      } catch (err) {
        const def = apiIpLimit()
        const r = await consume(def, `ip:${req.ip}`)
        Object.assign(headers, rateLimitHeaders(def, r))
        if (!r.allowed) throw new AppError('RATE_LIMITED', 'Too many unauthenticated requests', { retryAfter: r.resetSeconds })
        throw err
      }
      req.orgId = key.orgId
      const def = apiKeyLimit()
      const r = await consume(def, key.id)
      Object.assign(headers, rateLimitHeaders(def, r))
      if (!r.allowed) throw new AppError('RATE_LIMITED', `Rate limit of ${def.points} requests per hour exceeded for this API key`, { retryAfter: r.resetSeconds })
      if (!getPlan(key.plan).apiAccess)
        throw new AppError('FORBIDDEN', 'The REST API is available on the Enterprise plan', { details: { reason: 'PLAN_REQUIRED', plan: key.plan, required: 'ENTERPRISE' } })
      if (opts.write && key.scope !== 'WRITE')
        throw new AppError('FORBIDDEN', 'This API key is read-only; use a key with WRITE scope', { details: { reason: 'SCOPE_REQUIRED', required: 'WRITE' } })
      const body = opts.write ? await readText(request, API_MAX_BODY_BYTES) : ''
      const ctx: ApiContext = { key, actor: apiKeyActor(key), req, params, body }
      const idemKey = opts.write ? parseIdempotencyKey(request.headers.get('idempotency-key')) : null
      const res = idemKey
        ? await withIdempotency({ apiKeyId: key.id, key: idemKey, method: request.method, path: new URL(request.url).pathname, body }, () => handler(request, ctx))
        : await handler(request, ctx)
      return withHeaders(res, headers)
    } catch (err) {
      return withHeaders(errorResponse(err, req.requestId), headers)
    }
  })
}

/** JSON body of a write (already read by apiRoute) validated with the same zod schema the actions use. */
export function parseBody<T>(request: Request, body: string, schema: { parse: (v: unknown) => T }): T {
  if (!(request.headers.get('content-type') ?? '').includes('application/json')) throw new AppError('BAD_REQUEST', 'Content-Type must be application/json')
  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  } catch {
    throw new AppError('BAD_REQUEST', 'Body is not valid JSON')
  }
  return schema.parse(parsed)
}

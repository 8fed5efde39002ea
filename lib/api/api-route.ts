// The REST API v1 wrapper: API-key auth → rate limit (per key; per IP when unauthenticated) → plan gate
// (api.access) → the route's permission for the key's scope (lib/auth/permissions.ts API_KEY_SCOPES) →
// Idempotency-Key on writes → handler. The domain function checks the same right again through the actor.
// Every response, errors included, carries the RateLimit headers and the one error envelope.
import 'server-only'
import { AppError } from '@/lib/errors'
import { assertPlanHas } from '@/lib/billing/plan-gates'
import type { Permission } from '@/lib/auth/permissions'
import { authenticateApiKey, bearerFrom, type AuthenticatedKey } from '@/lib/api-keys/authenticate-api-key'
import { apiIpLimit, apiKeyLimit, rateLimitHeaders } from '@/lib/api/rate-limits'
import { parseIdempotencyKey, withIdempotency } from '@/lib/api/idempotency'
import { consume } from '@/lib/rate-limit/limiter'
import { errorResponse, handleRoute, readText } from '@/lib/http/handle-route'
import { apiKeyActor, requireScope, type Actor } from '@/lib/auth/actor'
import type { RequestContext } from '@/lib/request-context'

export const API_MAX_BODY_BYTES = 64 * 1024

export interface ApiContext {
  key: AuthenticatedKey
  actor: Actor
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

/** `permission`: what the route does (lead.read for GETs); `write`: the route changes data (body, Idempotency-Key);
 *  `maxBodyBytes`: a larger body limit for a route that takes a list (default API_MAX_BODY_BYTES). */
export function apiRoute(
  opts: { permission: Permission; write: boolean; maxBodyBytes?: number },
  handler: (request: Request, ctx: ApiContext) => Promise<Response>,
) {
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
      if (!r.allowed)
        throw new AppError('RATE_LIMITED', `Rate limit of ${def.points} requests per hour exceeded for this API key`, {
          retryAfter: r.resetSeconds,
        })
      assertPlanHas({ plan: key.plan, gate: 'api.access' })
      const actor = apiKeyActor(key)
      requireScope(actor, opts.permission)
      const body = opts.write ? await readText(request, opts.maxBodyBytes ?? API_MAX_BODY_BYTES) : ''
      const ctx: ApiContext = { key, actor, req, params, body }
      const idemKey = opts.write ? parseIdempotencyKey(request.headers.get('idempotency-key')) : null
      const res = idemKey
        ? await withIdempotency({ apiKeyId: key.id, key: idemKey, method: request.method, path: new URL(request.url).pathname, body }, () =>
            handler(request, ctx),
          )
        : await handler(request, ctx)
      return withHeaders(res, headers)
    } catch (err) {
      return withHeaders(errorResponse(err, req.requestId), headers)
    }
  })
}

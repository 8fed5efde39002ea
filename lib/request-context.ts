// Per-request facts (request id, client ip, user agent) for logs and audit rows. Route handlers and actions
// read them from the incoming headers; proxy.ts assigns X-Request-Id before anything else runs.
import 'server-only'
import { AsyncLocalStorage } from 'node:async_hooks'
import { randomUUID } from 'node:crypto'

export interface RequestContext {
  requestId: string
  ip: string
  userAgent: string
  userId?: string
  orgId?: string
}

const storage = new AsyncLocalStorage<RequestContext>()

const REQUEST_ID_RE = /^[A-Za-z0-9._:-]{8,128}$/

/** Accepts a sane incoming X-Request-Id, otherwise makes one. */
export function requestIdFrom(value: string | null | undefined): string {
  return value && REQUEST_ID_RE.test(value) ? value : randomUUID()
}

/**
 * The client IP for lockouts, rate limits and audit rows. X-Forwarded-For is client-controlled, so it is only
 * believed behind a proxy we run (TRUST_PROXY=1, set in the k8s/compose deploys where the ingress overwrites it).
 */
export function clientIpFrom(headers: Headers): string {
  const trusted = process.env.TRUST_PROXY === '1'
  const fwd = trusted ? headers.get('x-forwarded-for')?.split(',')[0]?.trim() : undefined
  const real = trusted ? headers.get('x-real-ip') : undefined
  return (fwd || real || '127.0.0.1').slice(0, 64)
}

export function contextFromHeaders(headers: Headers): RequestContext {
  return {
    requestId: requestIdFrom(headers.get('x-request-id')),
    ip: clientIpFrom(headers),
    userAgent: (headers.get('user-agent') ?? 'unknown').slice(0, 512),
  }
}

export function runWithContext<T>(ctx: RequestContext, fn: () => T): T {
  return storage.run(ctx, fn)
}

export function currentContext(): RequestContext | undefined {
  return storage.getStore()
}

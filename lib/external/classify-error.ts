// Turns whatever an SDK or fetch threw into one retry decision. Pure; unit-tested in classify-error.test.ts.
// SDK shapes handled: Stainless (Anthropic, OpenAI, Telnyx: status/headers/error), Stripe (statusCode/headers/raw),
// SendGrid/axios (code/response), our ProviderHttpError (lib/external/http.ts) and Node network errors.
import 'server-only'

export type FailureReason =
  | 'rate_limited'
  | 'spend_limit'
  | 'overloaded'
  | 'server_error'
  | 'request_timeout'
  | 'client_error'
  | 'connection_refused'
  | 'connection_lost'
  | 'timeout'
  | 'malformed_response'
  | 'unknown'

export interface ClassifiedFailure {
  reason: FailureReason
  status?: number
  /** provider's own error type/code, e.g. Stripe "resource_missing", Anthropic "overloaded_error" */
  providerCode?: string
  /** worth another attempt for an idempotent call */
  retryable: boolean
  /** the failure proves the provider processed nothing: even a non-idempotent call may be retried */
  notProcessed: boolean
  /** counts towards the circuit breaker (the provider looks down, not our request being wrong) */
  outage: boolean
  retryAfterMs?: number
}

const REFUSED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT'])
const LOST = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'ETIMEDOUT'])

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object'

function chainOf(err: unknown): Obj[] {
  const out: Obj[] = []
  for (let e: unknown = err, i = 0; isObj(e) && i < 6; i++) {
    out.push(e)
    e = e.cause ?? e.detail ?? e.error
    if (out.includes(e as Obj)) break
  }
  return out
}

function header(headers: unknown, name: string): string | undefined {
  if (!headers) return undefined
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined
  if (isObj(headers)) {
    const hit = Object.entries(headers).find(([k]) => k.toLowerCase() === name)
    const v = hit?.[1]
    return Array.isArray(v) ? String(v[0]) : v == null ? undefined : String(v)
  }
  return undefined
}

export function parseRetryAfter(headers: unknown, now = Date.now()): number | undefined {
  const ms = header(headers, 'retry-after-ms')
  if (ms && /^\d+(\.\d+)?$/.test(ms)) return Math.round(Number(ms))
  const v = header(headers, 'retry-after')
  if (!v) return undefined
  if (/^\d+(\.\d+)?$/.test(v.trim())) return Math.round(Number(v) * 1000)
  const at = Date.parse(v)
  return Number.isNaN(at) ? undefined : Math.max(0, at - now)
}

function httpShape(err: Obj): { status: number; headers: unknown; body: unknown; code?: string } | null {
  const sdkType = typeof err.type === 'string' ? err.type : undefined
  if (typeof err.status === 'number') return { status: err.status, headers: err.headers, body: err.error ?? err.body, code: sdkType }
  if (typeof err.statusCode === 'number')
    // Stripe
    return { status: err.statusCode, headers: err.headers, body: err.raw, code: typeof err.code === 'string' ? err.code : sdkType }
  const res = err.response
  if (typeof err.code === 'number' && isObj(res)) return { status: err.code, headers: res.headers, body: res.body } // SendGrid
  return null
}

function bodyError(body: unknown): { type?: string; code?: string; message: string } {
  const inner = isObj(body) && isObj(body.error) ? body.error : isObj(body) ? body : {}
  const errors = isObj(body) && Array.isArray(body.errors) ? body.errors : []
  const message = [inner.message, ...errors.map((e) => (isObj(e) ? (e.message ?? e.detail) : ''))].filter(Boolean).join(' ')
  return {
    type: typeof inner.type === 'string' ? inner.type : undefined,
    code: typeof inner.code === 'string' ? inner.code : undefined,
    message: String(message),
  }
}

/** Anthropic workspace spend limits and OpenAI's insufficient_quota are 429s that no retry will fix. */
function isSpendLimit(body: unknown): boolean {
  const b = bodyError(body)
  return b.type === 'billing_error' || b.code === 'insufficient_quota' || /credit balance|spend(ing)? limit|usage limits?/i.test(b.message)
}

export function classifyFailure(err: unknown): ClassifiedFailure {
  const chain = chainOf(err)
  for (const e of chain) {
    const h = httpShape(e)
    if (!h) continue
    const b = bodyError(h.body)
    const providerCode = h.code ?? b.code ?? b.type
    const base = { status: h.status, providerCode, retryAfterMs: parseRetryAfter(h.headers) }
    if (h.status === 429) {
      return isSpendLimit(h.body)
        ? { ...base, reason: 'spend_limit', retryable: false, notProcessed: true, outage: false }
        : { ...base, reason: 'rate_limited', retryable: true, notProcessed: true, outage: false }
    }
    if (h.status === 529) return { ...base, reason: 'overloaded', retryable: true, notProcessed: false, outage: true }
    if (h.status >= 500) return { ...base, reason: 'server_error', retryable: true, notProcessed: false, outage: true }
    if (h.status === 408) return { ...base, reason: 'request_timeout', retryable: true, notProcessed: false, outage: false }
    return { ...base, reason: 'client_error', retryable: false, notProcessed: false, outage: false }
  }
  for (const e of chain) {
    const name = String(e.name ?? '')
    const code = typeof e.code === 'string' ? e.code : typeof e.errno === 'string' ? e.errno : ''
    if (name === 'TaskCancelledError' || e.isTaskCancelledError === true || name === 'APIConnectionTimeoutError')
      return { reason: 'timeout', retryable: true, notProcessed: false, outage: true }
    if (REFUSED.has(code)) return { reason: 'connection_refused', retryable: true, notProcessed: true, outage: true }
    if (LOST.has(code) || /socket hang up|other side closed/i.test(String(e.message ?? '')))
      return { reason: 'connection_lost', retryable: true, notProcessed: false, outage: true }
    if (name === 'SyntaxError' || /invalid json|unexpected token|malformed/i.test(String(e.message ?? '')))
      return { reason: 'malformed_response', retryable: true, notProcessed: false, outage: true }
  }
  return { reason: 'unknown', retryable: false, notProcessed: false, outage: false }
}

export function shouldRetry(f: ClassifiedFailure, idempotent: boolean): boolean {
  return f.retryable && (idempotent || f.notProcessed)
}

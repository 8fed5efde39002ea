// What to do with a failed provider send. The rule (docs/DECISIONS.md "Outbox retry rule"):
//  - retry     nothing can have been accepted: breaker open / bulkhead full / kill switch (UPSTREAM_UNAVAILABLE),
//              429, connection refused, or a 5xx from a provider whose contract says 5xx = not accepted
//              (Telnyx messaging: a 5xx carries an error body and no message id; nothing is sent or billed);
//              for idempotent operations (Stripe meter identifier, Lob Idempotency-Key) also timeouts and 5xx.
//  - uncertain the request may have reached a provider that has no idempotency key (timeout, reset after
//              send, unknown error): never re-sent automatically; the row is dead-lettered as UNCERTAIN for a
//              human to check at the provider and retry from /admin/jobs.
//  - fail      the provider refused the request (other 4xx) or our input is invalid: never retried.
import 'server-only'
import { AppError } from '@/lib/errors'

export type SendFailure = 'retry' | 'uncertain' | 'fail'

export interface SenderTraits {
  /** the provider deduplicates repeats of this send (idempotency key / identifier) */
  idempotent: boolean
  /** the provider's contract says a 5xx response means the request was not accepted */
  fiveXxNotAccepted?: boolean
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined
}

/** HTTP status of the provider response behind an error, when there was one. */
export function upstreamStatus(err: unknown): number | undefined {
  for (let e: unknown = err, i = 0; e && typeof e === 'object' && i < 4; e = (e as { cause?: unknown }).cause, i++) {
    const o = e as Record<string, unknown>
    const d = (o.details ?? {}) as Record<string, unknown>
    const s =
      num(d.status) ??
      num(d.httpStatus) ??
      num(d.statusCode) ??
      num(o.status) ??
      num(o.statusCode) ??
      num((o.response as { status?: unknown } | undefined)?.status)
    if (s) return s
  }
  return undefined
}

function connectionRefused(err: unknown): boolean {
  for (let e: unknown = err, i = 0; e && typeof e === 'object' && i < 5; e = (e as { cause?: unknown }).cause, i++) {
    const o = e as { code?: unknown; details?: { reason?: unknown } }
    if (o.code === 'ECONNREFUSED' || o.details?.reason === 'ECONNREFUSED' || o.details?.reason === 'connection_refused') return true
  }
  return false
}

export function classifySendError(err: unknown, traits: SenderTraits): SendFailure {
  const maybeSent: SendFailure = traits.idempotent ? 'retry' : 'uncertain'
  if (!(err instanceof AppError)) return connectionRefused(err) ? 'retry' : maybeSent
  switch (err.code) {
    case 'UPSTREAM_UNAVAILABLE':
    case 'RATE_LIMITED':
      return 'retry'
    case 'UPSTREAM_TIMEOUT':
      return maybeSent
    case 'UPSTREAM_FAILED': {
      const status = upstreamStatus(err)
      if (status === 429 || status === 408) return status === 429 ? 'retry' : maybeSent
      if (status !== undefined && status >= 500) return traits.fiveXxNotAccepted ? 'retry' : maybeSent
      if (status !== undefined && status >= 400) return 'fail'
      return connectionRefused(err) ? 'retry' : maybeSent
    }
    case 'INTERNAL':
      return maybeSent
    default:
      // BAD_REQUEST, VALIDATION_FAILED, CONFLICT, QUOTA_EXCEEDED, FORBIDDEN, …: our side refused it
      return 'fail'
  }
}

// The one error type. Every non-2xx response and every failed server action carries
// {"error":{"code","message","details?","requestId"}}; the HTTP status comes from the code, never from text.
import { ZodError } from 'zod'

export const ERROR_STATUS = {
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 422,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  QUOTA_EXCEEDED: 402,
  RATE_LIMITED: 429,
  UPSTREAM_FAILED: 502,
  UPSTREAM_UNAVAILABLE: 503,
  UPSTREAM_TIMEOUT: 504,
  INTERNAL: 500,
} as const

export type ErrorCode = keyof typeof ERROR_STATUS

/**
 * Machine-readable `details.reason` of an error: the UI branches on these, never on message text. Add a code
 * here before throwing it (the type makes a typo a compile error on both sides).
 */
export const ERROR_REASONS = [
  // permissions and plans
  'PLAN_REQUIRED',
  'SCOPE_REQUIRED',
  'SEAT_LIMIT',
  // database rules
  'UNIQUE',
  'LAST_OWNER',
  'CONCURRENT_CHANGE',
  // sign-in, sign-up, 2FA, emailed links
  'BAD_CREDENTIALS',
  'LOCKED_OUT',
  'EMAIL_NOT_VERIFIED',
  'ACCOUNT_EXISTS',
  'EMAIL_MISMATCH',
  'TWO_FACTOR_REQUIRED',
  'BAD_TWO_FACTOR_CODE',
  'TWO_FACTOR_ENABLED',
  'TWO_FACTOR_DISABLED',
  'INVALID',
  'USED',
  'EXPIRED',
  'RESEND_LIMIT',
  // organizations, members, invitations
  'SLUG_TAKEN',
  'ALREADY_MEMBER',
  'INVITE_PENDING',
  'INVITE_EXPIRED',
  'INVITE_CANCELED',
  'INVITE_ACCEPTED',
  // leads
  'DUPLICATE_ADDRESS',
  'ADDRESS_TAKEN',
  'TOO_MANY_TAGS',
  'NOT_FOUND',
  // REST API
  'IDEMPOTENCY_IN_PROGRESS',
  'IDEMPOTENCY_KEY_REUSED',
  // scans
  'SCAN_FINISHED',
  'SCAN_RUNNING',
  'REVIEW_DECIDED',
  // billing (lib/billing): why billable work or a billing change was refused
  'SPEND_CAP',
  'PLAN_QUOTA',
  'TRIAL_LIMIT',
  'TRIAL_USED',
  'BILLING_READ_ONLY',
  'DISPUTE_FROZEN',
  'GUARANTEE_EXPIRED',
  'ALREADY_DISPUTED',
  'PLAN_UNCHANGED',
  'NO_SUBSCRIPTION',
  'SUBSCRIPTION_EXISTS',
  'NOT_CANCELING',
  'SANDBOX_ONLY',
  'NO_FEE',
  'NO_STRIPE_CUSTOMER',
  'INVOICE_NOT_PAID',
  'REFUND_EXCEEDS_PAID',
  // outreach
  'SUPPRESSED',
  'NO_POSTAL_ADDRESS',
  // webhooks in
  'BAD_SIGNATURE',
  // providers (lib/external/call-service.ts: why a call to a provider failed)
  'rate_limited',
  'spend_limit',
  'overloaded',
  'server_error',
  'request_timeout',
  'client_error',
  'connection_refused',
  'connection_lost',
  'timeout',
  'malformed_response',
  'unknown',
  'circuit_open',
  'bulkhead_full',
  'kill_switch',
  'invalid_output',
  'not_configured',
] as const
export type ErrorReason = (typeof ERROR_REASONS)[number]

/** `details` of an AppError: free-form context plus, when the caller must branch, a typed reason. */
export type ErrorDetails = { reason?: ErrorReason; [key: string]: unknown }

/** The reason code of an error envelope (or an AppError), typed; undefined when there is none. */
export function reasonOf(err: { details?: unknown } | null | undefined): ErrorReason | undefined {
  const r = (err?.details as { reason?: unknown } | undefined)?.reason
  return typeof r === 'string' && (ERROR_REASONS as readonly string[]).includes(r) ? (r as ErrorReason) : undefined
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: ErrorDetails | unknown; requestId: string }
}

export class AppError extends Error {
  readonly code: ErrorCode
  readonly details?: ErrorDetails
  /** seconds, for RATE_LIMITED (sent as Retry-After) */
  readonly retryAfter?: number

  constructor(code: ErrorCode, message: string, opts: { details?: ErrorDetails; cause?: unknown; retryAfter?: number } = {}) {
    super(message, { cause: opts.cause })
    this.name = 'AppError'
    this.code = code
    this.details = opts.details
    this.retryAfter = opts.retryAfter
  }

  get status(): number {
    return ERROR_STATUS[this.code]
  }
}

export const notFound = (what = 'Resource') => new AppError('NOT_FOUND', `${what} not found`)
export const forbidden = (message = 'You do not have permission to do this') => new AppError('FORBIDDEN', message)
export const unauthenticated = () => new AppError('UNAUTHENTICATED', 'Sign in to continue')

interface PgLikeError {
  code?: string
  hint?: string
  meta?: Record<string, unknown>
  cause?: unknown
  message?: string
}

/** Maps database rule violations (constraints, our triggers) to AppErrors; the DB is the last line of defence. */
function fromDatabaseError(err: PgLikeError): AppError | null {
  const chain: PgLikeError[] = []
  for (let e: unknown = err, i = 0; e && typeof e === 'object' && i < 5; e = (e as PgLikeError).cause, i++) chain.push(e as PgLikeError)
  const text = chain.map((e) => `${e.hint ?? ''} ${e.message ?? ''}`).join(' ')
  if (text.includes('FM_LAST_OWNER') || text.includes('must keep at least one owner'))
    return new AppError('CONFLICT', 'An organization must keep at least one owner', { details: { reason: 'LAST_OWNER' } })
  for (const e of chain) {
    if (e.code === 'P2002' || e.code === '23505') return new AppError('CONFLICT', 'That already exists', { details: { reason: 'UNIQUE' } })
    if (e.code === 'P2025') return notFound()
    if (e.code === 'P2003' || e.code === '23503') return new AppError('CONFLICT', 'A related record is missing or still in use')
    if (e.code === '23514' || e.code === 'P2004') return new AppError('VALIDATION_FAILED', 'The data breaks a rule of the database')
    if (e.code === '22001' || e.code === 'P2000') return new AppError('VALIDATION_FAILED', 'A value is too long')
  }
  return null
}

export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err
  if (err instanceof ZodError) {
    return new AppError('VALIDATION_FAILED', 'Some fields are invalid', {
      details: { issues: err.issues.map((i) => ({ path: i.path.join('.'), message: i.message, code: i.code })) },
    })
  }
  if (err && typeof err === 'object') {
    const mapped = fromDatabaseError(err as PgLikeError)
    if (mapped) return mapped
  }
  return new AppError('INTERNAL', 'Something went wrong on our side', { cause: err })
}

/** 5xx messages are masked; details never leave for INTERNAL. */
export function toErrorBody(err: AppError, requestId: string): ErrorBody {
  const masked = err.status >= 500 && err.code === 'INTERNAL'
  return {
    error: {
      code: err.code,
      message: masked
        ? 'Something went wrong on our side. Try again, and contact support with this reference if it persists.'
        : err.message,
      ...(err.details !== undefined && !masked ? { details: err.details } : {}),
      requestId,
    },
  }
}

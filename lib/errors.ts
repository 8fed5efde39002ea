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

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown; requestId: string }
}

export class AppError extends Error {
  readonly code: ErrorCode
  readonly details?: unknown
  /** seconds, for RATE_LIMITED (sent as Retry-After) */
  readonly retryAfter?: number

  constructor(code: ErrorCode, message: string, opts: { details?: unknown; cause?: unknown; retryAfter?: number } = {}) {
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

interface PgLikeError { code?: string; hint?: string; meta?: Record<string, unknown>; cause?: unknown; message?: string }

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
      message: masked ? 'Something went wrong on our side. Try again, and contact support with this reference if it persists.' : err.message,
      ...(err.details !== undefined && !masked ? { details: err.details } : {}),
      requestId,
    },
  }
}

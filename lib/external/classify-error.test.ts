import { describe, expect, it } from 'vitest'
import { classifyFailure, parseRetryAfter, shouldRetry } from '@/lib/external/classify-error'

const stainless = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  Object.assign(new Error('x'), { status, headers: new Headers(headers), error: body })

describe('classifyFailure', () => {
  it('429 is retryable and proves nothing was processed; spend limits are not retryable', () => {
    expect(
      classifyFailure(stainless(429, { type: 'error', error: { type: 'rate_limit_error', message: 'slow down' } }, { 'retry-after': '2' })),
    ).toMatchObject({ reason: 'rate_limited', retryable: true, notProcessed: true, retryAfterMs: 2000 })
    expect(
      classifyFailure(
        stainless(429, {
          type: 'error',
          error: { type: 'rate_limit_error', message: 'You have reached your specified workspace API usage limits.' },
        }),
      ),
    ).toMatchObject({ reason: 'spend_limit', retryable: false })
    expect(classifyFailure(stainless(429, { error: { code: 'insufficient_quota', message: 'quota' } }))).toMatchObject({
      reason: 'spend_limit',
      retryable: false,
    })
  })
  it('5xx / 529 are outages that a non-idempotent call must not repeat', () => {
    const f = classifyFailure(stainless(529, { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }))
    expect(f).toMatchObject({ reason: 'overloaded', retryable: true, outage: true, notProcessed: false })
    expect(shouldRetry(f, true)).toBe(true)
    expect(shouldRetry(f, false)).toBe(false)
  })
  it('other 4xx are final and do not count as outages', () => {
    for (const s of [400, 401, 403, 404, 409, 422])
      expect(classifyFailure(stainless(s, {}))).toMatchObject({ reason: 'client_error', retryable: false, outage: false })
  })
  it('reads Stripe and SendGrid error shapes', () => {
    expect(classifyFailure({ type: 'StripeInvalidRequestError', statusCode: 404, code: 'resource_missing', headers: {} })).toMatchObject({
      status: 404,
      providerCode: 'resource_missing',
    })
    expect(
      classifyFailure(Object.assign(new Error('x'), { code: 503, response: { headers: { 'retry-after': '1' }, body: { errors: [] } } })),
    ).toMatchObject({ status: 503, reason: 'server_error', retryAfterMs: 1000 })
  })
  it('network: refused is safe to retry for any call, a reset is not', () => {
    const refused = new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) })
    expect(classifyFailure(refused)).toMatchObject({ reason: 'connection_refused', notProcessed: true })
    const reset = new Error('Connection error.', { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) })
    expect(shouldRetry(classifyFailure(reset), false)).toBe(false)
    expect(shouldRetry(classifyFailure(reset), true)).toBe(true)
  })
  it('unknown errors are never retried', () => {
    expect(classifyFailure(new TypeError('x is not a function'))).toMatchObject({ reason: 'unknown', retryable: false, outage: false })
  })
})

describe('parseRetryAfter', () => {
  it('accepts seconds, ms and HTTP dates', () => {
    expect(parseRetryAfter({ 'Retry-After': '3' })).toBe(3000)
    expect(parseRetryAfter(new Headers({ 'retry-after-ms': '150' }))).toBe(150)
    expect(parseRetryAfter({ 'retry-after': new Date(10_000).toUTCString() }, 4_000)).toBe(6000)
    expect(parseRetryAfter({})).toBeUndefined()
  })
})

import { describe, expect, it } from 'vitest'
import { AppError } from '@/lib/errors'
import { classifySendError } from '@/lib/outbox/classify-send-error'

const sms = { idempotent: false, fiveXxNotAccepted: true }
const email = { idempotent: false }
const meter = { idempotent: true }
const upstream = (status?: number) => new AppError('UPSTREAM_FAILED', 'x', { details: { provider: 'p', operation: 'o', status } })

describe('classifySendError', () => {
  it('retries when nothing was accepted', () => {
    expect(classifySendError(new AppError('UPSTREAM_UNAVAILABLE', 'open'), email)).toBe('retry')
    expect(classifySendError(upstream(429), email)).toBe('retry')
    expect(classifySendError(upstream(503), sms)).toBe('retry')
  })
  it('never blindly re-sends a non-idempotent send that may have arrived', () => {
    expect(classifySendError(new AppError('UPSTREAM_TIMEOUT', 't'), sms)).toBe('uncertain')
    expect(classifySendError(upstream(502), email)).toBe('uncertain')
    expect(classifySendError(upstream(), email)).toBe('uncertain')
    expect(classifySendError(new Error('socket hang up'), sms)).toBe('uncertain')
  })
  it('retries idempotent sends on timeouts and 5xx', () => {
    expect(classifySendError(new AppError('UPSTREAM_TIMEOUT', 't'), meter)).toBe('retry')
    expect(classifySendError(upstream(500), meter)).toBe('retry')
  })
  it('fails at once on 4xx and on our own validation errors', () => {
    for (const s of [400, 401, 403, 404, 422]) expect(classifySendError(upstream(s), meter)).toBe('fail')
    expect(classifySendError(new AppError('VALIDATION_FAILED', 'bad'), sms)).toBe('fail')
  })
  it('retries a refused connection even when not idempotent', () => {
    expect(classifySendError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), sms)).toBe('retry')
  })
})

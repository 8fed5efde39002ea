// /api/health and /api/ready through their real route modules, and the one error envelope of lib/http.
import { describe, expect, it } from 'vitest'
import { ZodError, z } from 'zod'
import { GET as health } from '@/app/api/health/route'
import { GET as ready } from '@/app/api/ready/route'
import { AppError } from '@/lib/errors'
import { errorResponse } from '@/lib/http/handle-route'

const call = (handler: (req: Request) => Promise<Response>, headers: Record<string, string> = {}) =>
  handler(new Request('http://localhost/api/x', { headers }))

describe('/api/health and /api/ready', () => {
  it('health answers 200 with a fresh request id', async () => {
    const res = await call(health)
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ status: 'ok' })
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('keeps a sane incoming X-Request-Id', async () => {
    const res = await call(health, { 'x-request-id': 'lb-1234abcd.req:42' })
    expect(res.headers.get('x-request-id')).toBe('lb-1234abcd.req:42')
  })

  it.each([
    ['too long', 'x'.repeat(500)],
    ['spaces', 'abc def ghi jkl'],
    ['too short', 'abc'],
    ['html', '<script>alert(1)</script>'],
  ])('replaces an insane incoming X-Request-Id (%s)', async (_label, value) => {
    const res = await call(health, { 'x-request-id': value })
    const id = res.headers.get('x-request-id')
    expect(id).not.toBe(value)
    expect(id).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('ready answers 200 on a migrated database, with the request id', async () => {
    const res = await call(ready, { 'x-request-id': 'ready-check-0001' })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ ready: true, checks: { database: 'ok', migrations: 'ok' } })
    expect(res.headers.get('x-request-id')).toBe('ready-check-0001')
    expect(res.headers.get('cache-control')).toBe('no-store')
  })
})

describe('errorResponse envelope', () => {
  const body = async (res: Response) => (await res.json()) as { error: Record<string, unknown> }

  it('AppError keeps its code, status, message and details', async () => {
    const res = errorResponse(new AppError('CONFLICT', 'That slug is taken', { details: { field: 'slug' } }), 'req-00000001')
    expect(res.status).toBe(409)
    expect(res.headers.get('x-request-id')).toBe('req-00000001')
    expect(res.headers.get('content-type')).toBe('application/json')
    expect(await body(res)).toEqual({
      error: { code: 'CONFLICT', message: 'That slug is taken', details: { field: 'slug' }, requestId: 'req-00000001' },
    })
  })

  it('RATE_LIMITED sends Retry-After', async () => {
    const res = errorResponse(new AppError('RATE_LIMITED', 'Slow down', { retryAfter: 12.2 }), 'req-00000002')
    expect(res.status).toBe(429)
    expect(res.headers.get('retry-after')).toBe('13')
  })

  it('ZodError becomes VALIDATION_FAILED with the issues', async () => {
    const parsed = z.object({ email: z.email() }).safeParse({ email: 'nope' })
    const res = errorResponse(parsed.error as ZodError, 'req-00000003')
    expect(res.status).toBe(422)
    const { error } = await body(res)
    expect(error.code).toBe('VALIDATION_FAILED')
    expect(error.requestId).toBe('req-00000003')
    expect(error.details).toEqual({ issues: [expect.objectContaining({ path: 'email' })] })
  })

  it('an unknown error is masked: INTERNAL, 500, no message, no stack, no details', async () => {
    const secret = new Error('password=hunter2 at db.internal:5432')
    const res = errorResponse(secret, 'req-00000004')
    expect(res.status).toBe(500)
    const text = await res.text()
    expect(text).not.toContain('hunter2')
    expect(text).not.toContain('stack')
    expect(text).not.toContain('at ')
    const { error } = JSON.parse(text) as { error: Record<string, unknown> }
    expect(Object.keys(error).sort()).toEqual(['code', 'message', 'requestId'])
    expect(error.code).toBe('INTERNAL')
    expect(error.message).toMatch(/Something went wrong on our side/)
  })
})

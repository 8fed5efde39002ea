import { describe, expect, it } from 'vitest'
import { POST, DELETE } from '@/app/api/session/route'
import { loadSession, sessionIdFromCookieHeader } from '@/lib/auth/session'
import { startTwoFactorSetup } from '@/lib/auth/two-factor/start-two-factor-setup'
import { confirmTwoFactor } from '@/lib/auth/two-factor/confirm-two-factor'
import { totpFor } from '@/lib/auth/two-factor/totp'
import { TEST_PASSWORD, createUser } from '@/tests/factories'
import { uniqIp } from './helpers'

function post(body: unknown, { ip = uniqIp(), raw, headers = {} }: { ip?: string; raw?: string; headers?: Record<string, string> } = {}) {
  return POST(
    new Request('http://localhost:3000/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': ip, 'user-agent': 'route-test', ...headers },
      body: raw ?? JSON.stringify(body),
    }),
  )
}

async function envelope(res: Response) {
  const body = await res.json()
  expect(body.error).toMatchObject({ code: expect.any(String), message: expect.any(String), requestId: expect.any(String) })
  return body.error
}

describe('POST /api/session', () => {
  it('200 sets an HttpOnly session cookie that resolves to a live registry session', async () => {
    const user = await createUser()
    const res = await post({ email: user.email, password: TEST_PASSWORD, rememberMe: true })
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body.data).toMatchObject({ userId: user.id, emailVerified: true })
    const setCookie = res.headers.get('set-cookie') ?? ''
    expect(setCookie).toMatch(/^authjs\.session-token=/)
    expect(setCookie).toContain('HttpOnly')
    expect(setCookie).toContain('SameSite=Lax')
    expect(setCookie).toContain('Max-Age=')
    const cookie = setCookie.split(';')[0]
    const sid = await sessionIdFromCookieHeader(cookie)
    expect(sid).toBe(body.data.sessionId)
    expect(await loadSession({ sessionId: sid! })).toMatchObject({ user: { id: user.id } })
    expect(res.headers.get('x-request-id')).toBeTruthy()

    // DELETE signs out: the registry row is revoked and the cookie cleared
    const out = await DELETE(new Request('http://localhost:3000/api/session', { method: 'DELETE', headers: { cookie } }))
    expect(out.status).toBe(200)
    expect(out.headers.get('set-cookie')).toContain('Max-Age=0')
    expect(await loadSession({ sessionId: sid! })).toBeNull()
  })

  it('uses the __Secure- cookie over https', async () => {
    const user = await createUser()
    const res = await post({ email: user.email, password: TEST_PASSWORD }, { headers: { 'x-forwarded-proto': 'https' } })
    expect(res.status).toBe(200)
    const c = res.headers.get('set-cookie') ?? ''
    expect(c).toMatch(/^__Secure-authjs\.session-token=/)
    expect(c).toContain('Secure')
    expect(c).not.toContain('Max-Age') // no remember-me: a browser-session cookie
  })

  it('401 envelope on bad credentials, no cookie', async () => {
    const user = await createUser()
    const res = await post({ email: user.email, password: 'wrong-password-1' })
    expect(res.status).toBe(401)
    expect(res.headers.get('set-cookie')).toBeNull()
    expect(await envelope(res)).toMatchObject({ code: 'UNAUTHENTICATED', message: 'Email or password is incorrect' })
  })

  it('429 with Retry-After on lockout', async () => {
    const user = await createUser()
    const ip = uniqIp()
    for (let i = 0; i < 5; i++) expect((await post({ email: user.email, password: 'wrong-password-1' }, { ip })).status).toBe(401)
    const res = await post({ email: user.email, password: TEST_PASSWORD }, { ip })
    expect(res.status).toBe(429)
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(await envelope(res)).toMatchObject({ code: 'RATE_LIMITED' })
  })

  it('401 TWO_FACTOR_REQUIRED without a code; 200 with it', async () => {
    const user = await createUser()
    const { secret } = await startTwoFactorSetup({ userId: user.id })
    const code = (t = Date.now()) => totpFor({ secret, label: 'x' }).generate({ timestamp: t })
    await confirmTwoFactor({ userId: user.id, code: code(Date.now() - 30_000) })
    const res = await post({ email: user.email, password: TEST_PASSWORD })
    expect(res.status).toBe(401)
    expect(await envelope(res)).toMatchObject({ details: { reason: 'TWO_FACTOR_REQUIRED' } })
    expect((await post({ email: user.email, password: TEST_PASSWORD, totp: code() })).status).toBe(200)
  })

  it('malformed, oversized, wrongly typed or non-JSON bodies → 4xx envelope, never 500', async () => {
    const cases: Array<[string, Parameters<typeof post>]> = [
      ['malformed JSON', [null, { raw: '{"email": ' }]],
      ['oversized', [null, { raw: JSON.stringify({ email: 'a@b.test', password: 'x'.repeat(20_000) }) }]],
      ['wrong types', [{ email: 42, password: ['x'], rememberMe: 'yes' }]],
      ['missing fields', [{}]],
      ['array body', [[1, 2, 3]]],
      ['null body', [null, { raw: 'null' }]],
      ['not JSON content type', [null, { raw: 'email=a', headers: { 'content-type': 'application/x-www-form-urlencoded' } }]],
      ['bad email', [{ email: 'not-an-email', password: 'whatever-123' }]],
    ]
    for (const [name, args] of cases) {
      const res = await post(...args)
      expect(res.status, name).toBeGreaterThanOrEqual(400)
      expect(res.status, name).toBeLessThan(500)
      await envelope(res)
    }
  })
})

describe('DELETE /api/session', () => {
  it('without a cookie is still 200 and clears cookies', async () => {
    const res = await DELETE(new Request('http://localhost:3000/api/session', { method: 'DELETE' }))
    expect(res.status).toBe(200)
    expect(res.headers.get('set-cookie')).toContain('Max-Age=0')
  })
})

// Server actions through their real wrappers (.as({sessionId}) instead of the cookie). next-auth's signIn /
// signOut need a Next request scope, so only that cookie step is replaced: the stand-in consumes the login
// ticket exactly like next-auth's credentials provider does, proving the action handed over a valid ticket.
import { describe, expect, it, vi } from 'vitest'
import { consumeLoginTicket } from '@/lib/auth/login-ticket'

const minted: Array<{ userId: string; sessionId: string } | null> = []
vi.mock('@/lib/auth/browser-session', () => ({
  setBrowserSession: async ({ ticket }: { ticket: string }) => {
    minted.push(await consumeLoginTicket({ ticket }))
  },
  clearBrowserSession: async () => {},
}))

const { db } = await import('@/lib/db')
const auth = await import('@/app/(auth)/actions')
const account = await import('@/app/account/actions')
const { loadSession } = await import('@/lib/auth/session')
const { totpFor } = await import('@/lib/auth/two-factor/totp')
const { TEST_PASSWORD, addMember, createOrg, createSession, createUser } = await import('@/tests/factories')
const { GOOD_PASSWORD, emailsTo, signUpInput, tokenFromLatestEmail, uniqIp } = await import('./helpers')

const anon = { request: { ip: '10.250.0.1' } }

describe('auth actions', () => {
  it('signUpAction creates everything and signs in with a valid ticket → /verify-email', async () => {
    const input = signUpInput()
    const r = await auth.signUpAction.as(anon)(input)
    expect(r).toEqual({ ok: true, data: { redirectTo: '/verify-email' } })
    const user = await db.user.findUniqueOrThrow({ where: { email: input.email } })
    expect(minted.at(-1)).toMatchObject({ userId: user.id })
    expect(await loadSession({ sessionId: minted.at(-1)!.sessionId })).not.toBeNull()
  })

  it('signUpAction returns field errors as a value, never throws', async () => {
    const r = await auth.signUpAction.as(anon)({ ...signUpInput(), password: 'short', slug: 'admin', email: 'nope' })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.code).toBe('VALIDATION_FAILED')
    const paths = (r.error.details as { issues: Array<{ path: string }> }).issues.map((i) => i.path)
    expect(paths).toEqual(expect.arrayContaining(['email', 'password', 'slug']))
    const big = await auth.signUpAction.as(anon)({ ...signUpInput(), name: 'x'.repeat(300_000) })
    expect(big).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } })
    const wrong = await auth.signUpAction.as(anon)(['not', 'an', 'object'])
    expect(wrong).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } })
  })

  it('signInAction: redirect to a safe next, else the first org, else /orgs/new; errors as values', async () => {
    const user = await createUser()
    const ip = { request: { ip: uniqIp() } }
    expect(await auth.signInAction.as(ip)({ email: user.email, password: TEST_PASSWORD })).toEqual({
      ok: true,
      data: { status: 'SIGNED_IN', redirectTo: '/orgs/new' },
    })
    const org = await createOrg()
    await addMember(org.id, user.id, 'REP')
    expect(await auth.signInAction.as(ip)({ email: user.email, password: TEST_PASSWORD })).toMatchObject({
      data: { redirectTo: `/${org.slug}` },
    })
    expect(await auth.signInAction.as(ip)({ email: user.email, password: TEST_PASSWORD, next: '/x/leads' })).toMatchObject({
      data: { redirectTo: '/x/leads' },
    })
    expect(await auth.signInAction.as(ip)({ email: user.email, password: TEST_PASSWORD, next: '//evil.test' })).toMatchObject({
      data: { redirectTo: `/${org.slug}` },
    })
    const bad = await auth.signInAction.as(ip)({ email: user.email, password: 'wrong-password-1' })
    expect(bad).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', message: 'Email or password is incorrect' } })
  })

  it('signInAction: lockout comes back as RATE_LIMITED with retryAfter in details', async () => {
    const user = await createUser()
    const ip = { request: { ip: uniqIp() } }
    for (let i = 0; i < 5; i++) await auth.signInAction.as(ip)({ email: user.email, password: 'wrong-password-1' })
    const r = await auth.signInAction.as(ip)({ email: user.email, password: TEST_PASSWORD })
    expect(r).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', details: { retryAfter: expect.any(Number) } } })
  })

  it('signOutAction revokes the current session', async () => {
    const user = await createUser()
    const s = await createSession(user.id)
    expect(await auth.signOutAction.as({ sessionId: s.id })({})).toEqual({ ok: true, data: { redirectTo: '/sign-in' } })
    expect(await loadSession({ sessionId: s.id })).toBeNull()
  })

  it('resendVerificationAction needs a session and applies the cooldown', async () => {
    expect(await auth.resendVerificationAction.as({})({})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    const user = await createUser({ verified: false })
    const s = await createSession(user.id)
    expect(await auth.resendVerificationAction.as({ sessionId: s.id })({})).toMatchObject({ ok: true, data: { alreadyVerified: false } })
    expect(await auth.resendVerificationAction.as({ sessionId: s.id })({})).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } })
  })

  it('password reset actions: same answer for unknown emails; reset then sign in with the new password', async () => {
    const user = await createUser()
    const a = await auth.requestPasswordResetAction.as(anon)({ email: user.email })
    const b = await auth.requestPasswordResetAction.as(anon)({ email: 'ghost-' + user.email })
    expect(a).toEqual(b)
    const token = await tokenFromLatestEmail(user.email, 'password-reset')
    const mismatch = await auth.resetPasswordAction.as(anon)({ token, password: GOOD_PASSWORD, confirm: 'different' })
    expect(mismatch).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } })
    expect(await auth.resetPasswordAction.as(anon)({ token, password: GOOD_PASSWORD, confirm: GOOD_PASSWORD })).toEqual({
      ok: true,
      data: { redirectTo: '/sign-in?reset=1' },
    })
    expect(await auth.signInAction.as({ request: { ip: uniqIp() } })({ email: user.email, password: GOOD_PASSWORD })).toMatchObject({
      ok: true,
    })
    expect((await emailsTo(user.email)).map((m) => m.template)).toContain('password-changed')
  })
})

describe('account actions', () => {
  it('refuse anonymous callers', async () => {
    for (const action of [
      account.updateProfileAction,
      account.changePasswordAction,
      account.signOutEverywhereAction,
      account.startTwoFactorAction,
    ]) {
      expect(await action.as({})({})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    }
  })

  it('profile, change password, sessions', async () => {
    const user = await createUser()
    const s = await createSession(user.id)
    const other = await createSession(user.id)
    const as = { sessionId: s.id }
    expect(await account.updateProfileAction.as(as)({ name: 'New Name' })).toEqual({ ok: true, data: { name: 'New Name' } })
    expect(await account.updateProfileAction.as(as)({ name: 42 })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } })
    expect(
      await account.changePasswordAction.as(as)({ currentPassword: TEST_PASSWORD, newPassword: GOOD_PASSWORD, confirm: GOOD_PASSWORD }),
    ).toEqual({ ok: true, data: { otherSessionsRevoked: 1 } })
    expect(await loadSession({ sessionId: other.id })).toBeNull()
    const third = await createSession(user.id)
    expect(await account.revokeSessionAction.as(as)({ sessionId: third.id })).toEqual({ ok: true, data: { signedOutHere: false } })
    expect(await account.revokeSessionAction.as(as)({ sessionId: 'not-a-uuid' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    })
    const stranger = await createSession((await createUser()).id)
    expect(await account.revokeSessionAction.as(as)({ sessionId: stranger.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await account.signOutEverywhereAction.as(as)({})).toMatchObject({ ok: true, data: { revoked: 1, redirectTo: '/sign-in' } })
    expect(await loadSession({ sessionId: s.id })).toBeNull()
    expect(await loadSession({ sessionId: stranger.id })).not.toBeNull()
  })

  it('two-factor: start, confirm, regenerate, disable', async () => {
    const user = await createUser()
    const as = { sessionId: (await createSession(user.id)).id }
    const start = await account.startTwoFactorAction.as(as)({})
    if (!start.ok) throw new Error('start failed')
    // each TOTP step is accepted once, so consecutive calls use consecutive steps (all within the ±1 window)
    const code = (offsetSteps: number) =>
      totpFor({ secret: start.data.secret, label: 'x' }).generate({ timestamp: Date.now() + offsetSteps * 30_000 })
    expect(await account.confirmTwoFactorAction.as(as)({ code: 'abc' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } })
    const confirmed = await account.confirmTwoFactorAction.as(as)({ code: code(-1) })
    expect(confirmed.ok && confirmed.data.recoveryCodes).toHaveLength(10)
    const regen = await account.regenerateRecoveryCodesAction.as(as)({ code: code(0) })
    expect(regen.ok && regen.data.recoveryCodes).toHaveLength(10)
    expect(await account.regenerateRecoveryCodesAction.as(as)({ code: code(0) })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    })
    expect(await account.disableTwoFactorAction.as(as)({ password: TEST_PASSWORD, code: code(1) })).toEqual({
      ok: true,
      data: { disabled: true },
    })
  })
})

describe('email verification gate', () => {
  it('orgAction refuses a member whose email is not verified (FORBIDDEN, EMAIL_NOT_VERIFIED)', async () => {
    const { orgAction } = await import('@/lib/actions/define-action')
    const { z } = await import('zod')
    const probe = orgAction({ permission: null, input: z.object({}) }, async ({ member }) => member.role)
    const org = await createOrg()
    const unverified = await createUser({ verified: false })
    const verified = await createUser()
    await addMember(org.id, unverified.id, 'OWNER')
    await addMember(org.id, verified.id, 'VIEWER')
    const u = await probe.as({ sessionId: (await createSession(unverified.id)).id })({ orgSlug: org.slug })
    expect(u).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', details: { reason: 'EMAIL_NOT_VERIFIED' } } })
    expect(await probe.as({ sessionId: (await createSession(verified.id)).id })({ orgSlug: org.slug })).toEqual({
      ok: true,
      data: 'VIEWER',
    })
  })
})

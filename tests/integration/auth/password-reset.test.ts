import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { toAppError } from '@/lib/errors'
import { RESET_REQUEST_MESSAGE, requestPasswordReset } from '@/lib/auth/request-password-reset'
import { resetPassword } from '@/lib/auth/reset-password'
import { verifyPassword } from '@/lib/auth/password'
import { loadSession } from '@/lib/auth/session'
import { createSession, createUser } from '@/tests/factories'
import { GOOD_PASSWORD, ageTokens, emailsTo, tokenFromLatestEmail, uniqEmail, waitPastLatestEmailTo } from './helpers'

const fail = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected failure')
    },
    (e) => toAppError(e),
  )

describe('requestPasswordReset', () => {
  it('answers the same whether or not the email exists; emails only real accounts', async () => {
    const user = await createUser()
    const ghost = uniqEmail()
    const a = await requestPasswordReset({ email: user.email.toUpperCase() })
    const b = await requestPasswordReset({ email: ghost })
    expect(a).toEqual(b)
    expect(a.message).toBe(RESET_REQUEST_MESSAGE)
    expect((await emailsTo(user.email)).map((m) => m.template)).toEqual(['password-reset'])
    expect(await emailsTo(ghost)).toHaveLength(0)
    const t = await db.authToken.findFirstOrThrow({ where: { userId: user.id, kind: 'PASSWORD_RESET' } })
    expect(Math.abs(t.expiresAt.getTime() - t.createdAt.getTime() - 3600_000)).toBeLessThan(5_000)
  })

  it('at most 3 per hour per email; the 4th answers the same but sends nothing', async () => {
    const user = await createUser()
    for (let i = 0; i < 4; i++) expect((await requestPasswordReset({ email: user.email })).message).toBe(RESET_REQUEST_MESSAGE)
    expect(await emailsTo(user.email)).toHaveLength(3)
    await ageTokens(user.id, 'PASSWORD_RESET', 3600_000 + 1000)
    await requestPasswordReset({ email: user.email })
    expect(await emailsTo(user.email)).toHaveLength(4)
  })
})

describe('resetPassword', () => {
  it('sets the new password, revokes ALL sessions, audits, emails "password changed"; the link is single-use', async () => {
    const user = await createUser()
    const s1 = await createSession(user.id)
    const s2 = await createSession(user.id, { rememberMe: true })
    await requestPasswordReset({ email: user.email })
    const token = await tokenFromLatestEmail(user.email, 'password-reset')
    await resetPassword({ token, password: GOOD_PASSWORD })
    const after = await db.user.findUniqueOrThrow({ where: { id: user.id } })
    expect(await verifyPassword(after.passwordHash, GOOD_PASSWORD)).toBe(true)
    expect(await loadSession({ sessionId: s1.id })).toBeNull()
    expect(await loadSession({ sessionId: s2.id })).toBeNull()
    expect(await db.session.count({ where: { userId: user.id, revokedAt: null } })).toBe(0)
    expect(await db.auditLog.count({ where: { actorId: user.id, action: 'user.password_reset' } })).toBe(1)
    expect((await emailsTo(user.email)).map((m) => m.template)).toContain('password-changed')
    expect(await fail(resetPassword({ token, password: 'Another-Good-Pass-99' }))).toMatchObject({
      code: 'BAD_REQUEST',
      details: { reason: 'USED' },
    })
  })

  it('refuses an expired link', async () => {
    const user = await createUser()
    await requestPasswordReset({ email: user.email })
    const token = await tokenFromLatestEmail(user.email, 'password-reset')
    await ageTokens(user.id, 'PASSWORD_RESET', 3600_000 + 1000)
    expect(await fail(resetPassword({ token, password: GOOD_PASSWORD }))).toMatchObject({
      code: 'BAD_REQUEST',
      details: { reason: 'EXPIRED' },
    })
  })

  it('refuses a weak password without burning the link', async () => {
    const user = await createUser({ email: `${uniqEmail('maria.lopez-')}` })
    await requestPasswordReset({ email: user.email })
    const token = await tokenFromLatestEmail(user.email, 'password-reset')
    expect((await fail(resetPassword({ token, password: 'password1234' }))).code).toBe('VALIDATION_FAILED')
    expect((await fail(resetPassword({ token, password: `${user.email.split('@')[0]}-X1` }))).code).toBe('VALIDATION_FAILED')
    await resetPassword({ token, password: GOOD_PASSWORD })
  })

  it('using one link kills the other outstanding links', async () => {
    const user = await createUser()
    await requestPasswordReset({ email: user.email })
    const first = await tokenFromLatestEmail(user.email, 'password-reset')
    await waitPastLatestEmailTo(user.email) // so the second email is the newest
    await requestPasswordReset({ email: user.email })
    const second = await tokenFromLatestEmail(user.email, 'password-reset')
    expect(second).not.toBe(first)
    await resetPassword({ token: second, password: GOOD_PASSWORD })
    expect((await fail(resetPassword({ token: first, password: 'Another-Good-Pass-99' }))).details).toMatchObject({ reason: 'USED' })
  })
})

import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { toAppError } from '@/lib/errors'
import { verifyEmail } from '@/lib/auth/verify-email'
import { resendVerification } from '@/lib/auth/resend-verification'
import { ageTokens, emailsTo, signUpInput, tokenFromLatestEmail, signUpFromForm } from './helpers'

const fail = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected failure')
    },
    (e) => toAppError(e),
  )

describe('verifyEmail', () => {
  it('verifies once; the same link again is refused as USED', async () => {
    const input = signUpInput()
    const { userId } = await signUpFromForm(input)
    const token = await tokenFromLatestEmail(input.email, 'verify-email')
    await verifyEmail({ token })
    const user = await db.user.findUniqueOrThrow({ where: { id: userId } })
    expect(user.emailVerifiedAt).not.toBeNull()
    expect(await db.auditLog.count({ where: { actorId: userId, action: 'user.email_verified' } })).toBe(1)
    expect(await fail(verifyEmail({ token }))).toMatchObject({ code: 'BAD_REQUEST', details: { reason: 'USED' } })
  })

  it('refuses an expired link (older than 24 h) and an unknown one', async () => {
    const input = signUpInput()
    const { userId } = await signUpFromForm(input)
    const token = await tokenFromLatestEmail(input.email, 'verify-email')
    await ageTokens(userId, 'EMAIL_VERIFY', 24 * 3600_000 + 1000)
    expect(await fail(verifyEmail({ token }))).toMatchObject({ code: 'BAD_REQUEST', details: { reason: 'EXPIRED' } })
    expect((await db.user.findUniqueOrThrow({ where: { id: userId } })).emailVerifiedAt).toBeNull()
    expect(await fail(verifyEmail({ token: 'x'.repeat(43) }))).toMatchObject({ code: 'BAD_REQUEST', details: { reason: 'INVALID' } })
  })

  it('a reset token is not a verification token', async () => {
    const input = signUpInput()
    await signUpFromForm(input)
    const { requestPasswordReset } = await import('@/lib/auth/request-password-reset')
    await requestPasswordReset({ email: input.email })
    const resetToken = await tokenFromLatestEmail(input.email, 'password-reset')
    expect(await fail(verifyEmail({ token: resetToken }))).toMatchObject({ details: { reason: 'INVALID' } })
  })
})

describe('resendVerification', () => {
  it('enforces the 60 s cooldown with retryAfter, then at most 5 per hour', async () => {
    const input = signUpInput()
    const { userId } = await signUpFromForm(input) // email #1
    const cooldown = await fail(resendVerification({ userId }))
    expect(cooldown.code).toBe('RATE_LIMITED')
    expect(cooldown.retryAfter).toBeGreaterThan(0)
    expect(cooldown.retryAfter).toBeLessThanOrEqual(60)

    for (let i = 2; i <= 5; i++) {
      await ageTokens(userId, 'EMAIL_VERIFY', 61_000) // past the cooldown, still within the hour
      expect(await resendVerification({ userId })).toEqual({ alreadyVerified: false, cooldownSeconds: 60 })
    }
    expect((await emailsTo(input.email)).filter((m) => m.template === 'verify-email')).toHaveLength(5)
    await ageTokens(userId, 'EMAIL_VERIFY', 61_000)
    const hourly = await fail(resendVerification({ userId }))
    expect(hourly.code).toBe('RATE_LIMITED')
    expect(hourly.retryAfter).toBeGreaterThan(60)
    // an hour later it works again
    await ageTokens(userId, 'EMAIL_VERIFY', 3600_000)
    await resendVerification({ userId })
    expect((await emailsTo(input.email)).filter((m) => m.template === 'verify-email')).toHaveLength(6)
  })

  it('the newest link works; an already verified user gets alreadyVerified', async () => {
    const input = signUpInput()
    const { userId } = await signUpFromForm(input)
    await ageTokens(userId, 'EMAIL_VERIFY', 61_000)
    await resendVerification({ userId })
    await verifyEmail({ token: await tokenFromLatestEmail(input.email, 'verify-email') })
    expect(await resendVerification({ userId })).toEqual({ alreadyVerified: true, cooldownSeconds: 0 })
  })
})

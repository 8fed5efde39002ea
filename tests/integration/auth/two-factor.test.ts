import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { decrypt } from '@/lib/crypto'
import { toAppError } from '@/lib/errors'
import { startTwoFactorSetup } from '@/lib/auth/two-factor/start-two-factor-setup'
import { confirmTwoFactor } from '@/lib/auth/two-factor/confirm-two-factor'
import { disableTwoFactor } from '@/lib/auth/two-factor/disable-two-factor'
import { regenerateRecoveryCodes } from '@/lib/auth/two-factor/regenerate-recovery-codes'
import { getSecurityOverview } from '@/lib/auth/two-factor/get-security-overview'
import { totpFor } from '@/lib/auth/two-factor/totp'
import { signInWithPassword } from '@/lib/auth/sign-in-with-password'
import { TEST_PASSWORD, createUser } from '@/tests/factories'
import { uniqIp } from './helpers'

const fail = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected failure')
    },
    (e) => toAppError(e),
  )
const codeFor = (secret: string, t = Date.now()) => totpFor({ secret, label: 'x' }).generate({ timestamp: t })

async function userWith2fa() {
  const user = await createUser()
  const setup = await startTwoFactorSetup({ userId: user.id })
  // confirm with the previous step's code so the current step is still unused for the test itself
  const { recoveryCodes } = await confirmTwoFactor({ userId: user.id, code: codeFor(setup.secret, Date.now() - 30_000) })
  return { user, secret: setup.secret, recoveryCodes }
}

describe('two-factor setup', () => {
  it('start: secret stored encrypted, otpauth URI and a QR data URL; not enabled yet', async () => {
    const user = await createUser()
    const setup = await startTwoFactorSetup({ userId: user.id })
    expect(setup.otpauthUri).toMatch(/^otpauth:\/\/totp\/Fish%20Mouth:/)
    expect(setup.otpauthUri).toContain(`secret=${setup.secret}`)
    expect(setup.qrDataUrl).toMatch(/^data:image\/png;base64,/)
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } })
    expect(row.totpEnabledAt).toBeNull()
    expect(row.totpSecretEnc).not.toContain(setup.secret)
    expect(decrypt(row.totpSecretEnc!)).toBe(setup.secret)
    // not enabled yet: password alone still signs in
    expect((await signInWithPassword({ email: user.email, password: TEST_PASSWORD, ip: uniqIp() })).status).toBe('SIGNED_IN')
  })

  it('confirm: a wrong code is refused; the right one enables 2FA and returns 10 recovery codes stored hashed', async () => {
    const user = await createUser()
    const setup = await startTwoFactorSetup({ userId: user.id })
    expect(await fail(confirmTwoFactor({ userId: user.id, code: codeFor(setup.secret, Date.now() - 5 * 60_000) }))).toMatchObject({
      code: 'VALIDATION_FAILED',
    })
    const { recoveryCodes } = await confirmTwoFactor({ userId: user.id, code: codeFor(setup.secret) })
    expect(recoveryCodes).toHaveLength(10)
    const stored = await db.recoveryCode.findMany({ where: { userId: user.id } })
    expect(stored).toHaveLength(10)
    for (const r of stored) expect(recoveryCodes).not.toContain(r.codeHash)
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).totpEnabledAt).not.toBeNull()
    expect(await getSecurityOverview({ userId: user.id })).toMatchObject({ unusedRecoveryCodes: 10 })
    expect(await fail(startTwoFactorSetup({ userId: user.id }))).toMatchObject({ code: 'CONFLICT' })
    expect(await db.auditLog.count({ where: { actorId: user.id, action: 'user.two_factor_enabled' } })).toBe(1)
  })
})

describe('sign-in with 2FA', () => {
  it('password alone → TWO_FACTOR_REQUIRED and no session; then the code signs in', async () => {
    const { user, secret } = await userWith2fa()
    const ip = uniqIp()
    expect(await signInWithPassword({ email: user.email, password: TEST_PASSWORD, ip })).toEqual({ status: 'TWO_FACTOR_REQUIRED' })
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0)
    const wrong = await fail(
      signInWithPassword({ email: user.email, password: TEST_PASSWORD, ip, totp: '000000' === codeFor(secret) ? '111111' : '000000' }),
    )
    expect(wrong).toMatchObject({ code: 'UNAUTHENTICATED', details: { reason: 'BAD_TWO_FACTOR_CODE' } })
    const ok = await signInWithPassword({ email: user.email, password: TEST_PASSWORD, ip, totp: codeFor(secret) })
    expect(ok.status).toBe('SIGNED_IN')
    // a wrong password with a right code is still the generic failure
    const badPw = await fail(signInWithPassword({ email: user.email, password: 'wrong-password-1', ip: uniqIp(), totp: codeFor(secret) }))
    expect(badPw.message).toBe('Email or password is incorrect')
  })

  it('a TOTP code is accepted once (no replay within its window)', async () => {
    const { user, secret } = await userWith2fa()
    const code = codeFor(secret)
    expect((await signInWithPassword({ email: user.email, password: TEST_PASSWORD, ip: uniqIp(), totp: code })).status).toBe('SIGNED_IN')
    const replay = await fail(signInWithPassword({ email: user.email, password: TEST_PASSWORD, ip: uniqIp(), totp: code }))
    expect(replay).toMatchObject({ code: 'UNAUTHENTICATED', details: { reason: 'BAD_TWO_FACTOR_CODE' } })
    // an older (but still in-window) step is refused after a newer one was used
    expect(
      (
        await fail(
          signInWithPassword({ email: user.email, password: TEST_PASSWORD, ip: uniqIp(), totp: codeFor(secret, Date.now() - 30_000) }),
        )
      ).code,
    ).toBe('UNAUTHENTICATED')
    // the next step works
    expect(
      (await signInWithPassword({ email: user.email, password: TEST_PASSWORD, ip: uniqIp(), totp: codeFor(secret, Date.now() + 30_000) }))
        .status,
    ).toBe('SIGNED_IN')
  })

  it('a recovery code signs in once (single use)', async () => {
    const { user, recoveryCodes } = await userWith2fa()
    const r = await signInWithPassword({ email: user.email, password: TEST_PASSWORD, ip: uniqIp(), totp: recoveryCodes[3].toUpperCase() })
    expect(r).toMatchObject({ status: 'SIGNED_IN', usedRecoveryCode: true })
    const again = await fail(signInWithPassword({ email: user.email, password: TEST_PASSWORD, ip: uniqIp(), totp: recoveryCodes[3] }))
    expect(again.code).toBe('UNAUTHENTICATED')
    expect(await getSecurityOverview({ userId: user.id })).toMatchObject({ unusedRecoveryCodes: 9 })
  })

  it('wrong codes count towards the lockout', async () => {
    const { user } = await userWith2fa()
    for (let i = 0; i < 5; i++)
      await fail(signInWithPassword({ email: user.email, password: TEST_PASSWORD, ip: uniqIp(), totp: 'zzzzz-zzzzz' }))
    expect((await fail(signInWithPassword({ email: user.email, password: TEST_PASSWORD, ip: uniqIp(), totp: 'zzzzz-zzzzz' }))).code).toBe(
      'RATE_LIMITED',
    )
  })
})

describe('regenerate and disable', () => {
  it('regenerating replaces the codes (old ones stop working); needs a current code', async () => {
    const { user, secret, recoveryCodes } = await userWith2fa()
    expect((await fail(regenerateRecoveryCodes({ userId: user.id, code: '123' }))).code).toBe('VALIDATION_FAILED')
    const fresh = await regenerateRecoveryCodes({ userId: user.id, code: codeFor(secret) })
    expect(fresh.recoveryCodes).toHaveLength(10)
    expect(
      (await fail(signInWithPassword({ email: user.email, password: TEST_PASSWORD, ip: uniqIp(), totp: recoveryCodes[0] }))).code,
    ).toBe('UNAUTHENTICATED')
    expect(
      (await signInWithPassword({ email: user.email, password: TEST_PASSWORD, ip: uniqIp(), totp: fresh.recoveryCodes[0] })).status,
    ).toBe('SIGNED_IN')
  })

  it('disabling needs the password AND a code; afterwards the password alone signs in', async () => {
    const { user, secret } = await userWith2fa()
    expect(await fail(disableTwoFactor({ userId: user.id, password: 'wrong-password-1', code: codeFor(secret) }))).toMatchObject({
      details: { issues: [{ path: 'password' }] },
    })
    expect(await fail(disableTwoFactor({ userId: user.id, password: TEST_PASSWORD, code: '12345x' }))).toMatchObject({
      details: { issues: [{ path: 'code' }] },
    })
    await disableTwoFactor({ userId: user.id, password: TEST_PASSWORD, code: codeFor(secret) })
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } })
    expect(row).toMatchObject({ totpEnabledAt: null, totpSecretEnc: null })
    expect(await db.recoveryCode.count({ where: { userId: user.id } })).toBe(0)
    expect((await signInWithPassword({ email: user.email, password: TEST_PASSWORD, ip: uniqIp() })).status).toBe('SIGNED_IN')
    expect(await fail(disableTwoFactor({ userId: user.id, password: TEST_PASSWORD, code: codeFor(secret) }))).toMatchObject({
      code: 'CONFLICT',
    })
  })
})

// Password sign-in. Order matters: lockout first (a locked account refuses even the right password), then
// the password (always hashed-compared, against a dummy hash when the account does not exist, so neither the
// message nor the timing reveals which emails have accounts), then the second factor, then the session.
import 'server-only'
import { db } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { writeAudit } from '@/lib/audit/write-audit'
import { dummyPasswordHash, verifyPassword } from '@/lib/auth/password'
import { assertNotLockedOut, recordLoginAttempt } from '@/lib/auth/lockout'
import { startSession } from '@/lib/auth/start-session'
import { checkSecondFactor } from '@/lib/auth/two-factor/check-second-factor'

export const BAD_CREDENTIALS = 'Email or password is incorrect'

export type SignInResult =
  | { status: 'SIGNED_IN'; userId: string; sessionId: string; ticket: string; emailVerified: boolean; usedRecoveryCode: boolean }
  | { status: 'TWO_FACTOR_REQUIRED' }

export async function signInWithPassword({
  email: rawEmail,
  password,
  totp,
  rememberMe = false,
  ip,
  userAgent,
}: {
  email: string
  password: string
  totp?: string
  rememberMe?: boolean
  ip: string
  userAgent?: string
}): Promise<SignInResult> {
  const email = rawEmail.trim().toLowerCase().slice(0, 254)
  await assertNotLockedOut({ email, ip })

  const user = await db.user.findFirst({
    where: { email, deletedAt: null },
    select: { id: true, passwordHash: true, emailVerifiedAt: true, totpSecretEnc: true, totpEnabledAt: true },
  })
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password)
  if (!user || !passwordOk) {
    await recordLoginAttempt({ email, ip, success: false })
    throw new AppError('UNAUTHENTICATED', BAD_CREDENTIALS, { details: { reason: 'BAD_CREDENTIALS' } })
  }

  let usedRecoveryCode = false
  if (user.totpEnabledAt && user.totpSecretEnc) {
    if (!totp) return { status: 'TWO_FACTOR_REQUIRED' }
    const factor = await checkSecondFactor({ userId: user.id, totpSecretEnc: user.totpSecretEnc, code: totp })
    if (!factor) {
      // counts towards the lockout, so codes cannot be brute-forced
      await recordLoginAttempt({ email, ip, success: false })
      throw new AppError('UNAUTHENTICATED', 'The code is incorrect or has expired', { details: { reason: 'BAD_TWO_FACTOR_CODE' } })
    }
    usedRecoveryCode = factor === 'recovery'
  }

  await recordLoginAttempt({ email, ip, success: true })
  const { sessionId, ticket } = await startSession({ userId: user.id, rememberMe, ip, userAgent })
  await db.$transaction(async (tx) =>
    writeAudit(tx, {
      actor: { type: 'USER', id: user.id },
      action: 'user.signed_in',
      targetType: 'session',
      targetId: sessionId,
      after: { rememberMe, twoFactor: user.totpEnabledAt ? (usedRecoveryCode ? 'recovery_code' : 'totp') : 'none' },
    }),
  )
  return { status: 'SIGNED_IN', userId: user.id, sessionId, ticket, emailVerified: !!user.emailVerifiedAt, usedRecoveryCode }
}

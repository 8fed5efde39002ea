// Turning 2FA off needs both the password and a current code (TOTP or a recovery code).
import 'server-only'
import { db } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { writeAudit } from '@/lib/audit/write-audit'
import { verifyPassword } from '@/lib/auth/password'
import { checkSecondFactor } from '@/lib/auth/two-factor/check-second-factor'

const fieldError = (path: string, message: string) =>
  new AppError('VALIDATION_FAILED', message, { details: { issues: [{ path, message }] } })

export async function disableTwoFactor({ userId, password, code }: { userId: string; password: string; code: string }): Promise<void> {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { passwordHash: true, totpSecretEnc: true, totpEnabledAt: true },
  })
  if (!user.totpEnabledAt || !user.totpSecretEnc)
    throw new AppError('CONFLICT', 'Two-factor authentication is not on', { details: { reason: 'TWO_FACTOR_DISABLED' } })
  if (!(await verifyPassword(user.passwordHash, password))) throw fieldError('password', 'The password is incorrect')
  if (!(await checkSecondFactor({ userId, totpSecretEnc: user.totpSecretEnc, code })))
    throw fieldError('code', 'The code is incorrect or has expired')
  await db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: userId },
      data: { totpEnabledAt: null, totpSecretEnc: null, totpLastStep: null },
      select: { id: true },
    })
    await tx.recoveryCode.deleteMany({ where: { userId } })
    await writeAudit(tx, { actor: { type: 'USER', id: userId }, action: 'user.two_factor_disabled', targetType: 'user', targetId: userId })
  })
}

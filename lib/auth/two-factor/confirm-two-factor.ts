// Step 2 of 2FA: a correct code proves the app is set up; 2FA turns on and 10 recovery codes are shown once.
import 'server-only'
import { db } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { writeAudit } from '@/lib/audit/write-audit'
import { consumeTotp } from '@/lib/auth/two-factor/check-second-factor'
import { replaceRecoveryCodes } from '@/lib/auth/two-factor/recovery-codes'

export async function confirmTwoFactor({ userId, code }: { userId: string; code: string }): Promise<{ recoveryCodes: string[] }> {
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM users WHERE id = ${userId}::uuid FOR UPDATE`
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { totpSecretEnc: true, totpEnabledAt: true } })
    if (user.totpEnabledAt)
      throw new AppError('CONFLICT', 'Two-factor authentication is already on', { details: { reason: 'TWO_FACTOR_ENABLED' } })
    if (!user.totpSecretEnc) throw new AppError('BAD_REQUEST', 'Start the two-factor setup first')
    if (!(await consumeTotp({ userId, totpSecretEnc: user.totpSecretEnc, code }, tx))) {
      throw new AppError('VALIDATION_FAILED', 'The code is incorrect or has expired', {
        details: { issues: [{ path: 'code', message: 'The code is incorrect or has expired' }] },
      })
    }
    await tx.user.update({ where: { id: userId }, data: { totpEnabledAt: new Date() }, select: { id: true } })
    const recoveryCodes = await replaceRecoveryCodes(tx, { userId })
    await writeAudit(tx, { actor: { type: 'USER', id: userId }, action: 'user.two_factor_enabled', targetType: 'user', targetId: userId })
    return { recoveryCodes }
  })
}

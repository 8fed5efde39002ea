// New recovery codes (the old ones stop working). A current authenticator code is required.
import 'server-only'
import { db } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { writeAudit } from '@/lib/audit/write-audit'
import { consumeTotp } from '@/lib/auth/two-factor/check-second-factor'
import { replaceRecoveryCodes } from '@/lib/auth/two-factor/recovery-codes'

export async function regenerateRecoveryCodes({ userId, code }: { userId: string; code: string }): Promise<{ recoveryCodes: string[] }> {
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { totpSecretEnc: true, totpEnabledAt: true } })
    if (!user.totpEnabledAt || !user.totpSecretEnc)
      throw new AppError('CONFLICT', 'Two-factor authentication is not on', { details: { reason: 'TWO_FACTOR_DISABLED' } })
    if (!(await consumeTotp({ userId, totpSecretEnc: user.totpSecretEnc, code }, tx))) {
      throw new AppError('VALIDATION_FAILED', 'The code is incorrect or has expired', {
        details: { issues: [{ path: 'code', message: 'The code is incorrect or has expired' }] },
      })
    }
    const recoveryCodes = await replaceRecoveryCodes(tx, { userId })
    await writeAudit(tx, {
      actor: { type: 'USER', id: userId },
      action: 'user.recovery_codes_regenerated',
      targetType: 'user',
      targetId: userId,
    })
    return { recoveryCodes }
  })
}

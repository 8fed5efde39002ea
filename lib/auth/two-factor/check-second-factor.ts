// Checks a second factor for a user with 2FA enabled: a TOTP code, or a recovery code (consumed: single use).
import { db } from '@/lib/db'
import { decrypt } from '@/lib/crypto'
import { hashRecoveryCode, isTotpShaped, verifyTotp } from '@/lib/auth/two-factor/totp'

export async function checkSecondFactor({ userId, totpSecretEnc, code }: { userId: string; totpSecretEnc: string; code: string }): Promise<'totp' | 'recovery' | null> {
  if (isTotpShaped(code)) return verifyTotp({ secret: decrypt(totpSecretEnc), code }) ? 'totp' : null
  // guarded UPDATE: a recovery code works exactly once, even under concurrent use
  const { count } = await db.recoveryCode.updateMany({
    where: { userId, codeHash: hashRecoveryCode(code), usedAt: null },
    data: { usedAt: new Date() },
  })
  return count === 1 ? 'recovery' : null
}

// Checks a second factor for a user with 2FA enabled: a TOTP code (each accepted once: RFC 6238 §5.2), or a
// recovery code (single use). Both are consumed with guarded UPDATEs, so concurrent replays lose.
import 'server-only'
import type { Tx } from '@/lib/db'
import { db } from '@/lib/db'
import { decrypt } from '@/lib/crypto'
import { hashRecoveryCode, isTotpShaped, totpStep } from '@/lib/auth/two-factor/totp'

/** Accepts a TOTP code once: the step must be newer than the last accepted one. */
export async function consumeTotp(
  { userId, totpSecretEnc, code }: { userId: string; totpSecretEnc: string; code: string },
  tx: Tx = db as unknown as Tx,
): Promise<boolean> {
  const step = totpStep({ secret: decrypt(totpSecretEnc), code })
  if (step === null) return false
  const rows = await tx.$executeRaw`
    UPDATE users SET totp_last_step = ${BigInt(step)}
    WHERE id = ${userId}::uuid AND (totp_last_step IS NULL OR totp_last_step < ${BigInt(step)})`
  return rows === 1
}

export async function checkSecondFactor({
  userId,
  totpSecretEnc,
  code,
}: {
  userId: string
  totpSecretEnc: string
  code: string
}): Promise<'totp' | 'recovery' | null> {
  if (isTotpShaped(code)) return (await consumeTotp({ userId, totpSecretEnc, code })) ? 'totp' : null
  const { count } = await db.recoveryCode.updateMany({
    where: { userId, codeHash: hashRecoveryCode(code), usedAt: null },
    data: { usedAt: new Date() },
  })
  return count === 1 ? 'recovery' : null
}

import 'server-only'
import type { Tx } from '@/lib/db'
import { generateRecoveryCodes, hashRecoveryCode } from '@/lib/auth/two-factor/totp'

/** Replaces the user's recovery codes; the plain codes are returned once and never stored. */
export async function replaceRecoveryCodes(tx: Tx, { userId }: { userId: string }): Promise<string[]> {
  const codes = generateRecoveryCodes()
  await tx.recoveryCode.deleteMany({ where: { userId } })
  await tx.recoveryCode.createMany({ data: codes.map((c) => ({ userId, codeHash: hashRecoveryCode(c) })) })
  return codes
}

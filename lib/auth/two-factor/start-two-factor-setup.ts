// Step 1 of 2FA: a new secret (stored encrypted, not yet enabled), its otpauth URI and a QR code data URL.
import 'server-only'
import QRCode from 'qrcode'
import { db } from '@/lib/db'
import { encrypt } from '@/lib/crypto'
import { AppError } from '@/lib/errors'
import { newTotpSecret, totpFor } from '@/lib/auth/two-factor/totp'

export async function startTwoFactorSetup({
  userId,
}: {
  userId: string
}): Promise<{ otpauthUri: string; qrDataUrl: string; secret: string }> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, totpEnabledAt: true } })
  if (user.totpEnabledAt)
    throw new AppError('CONFLICT', 'Two-factor authentication is already on', { details: { reason: 'TWO_FACTOR_ENABLED' } })
  const secret = newTotpSecret()
  await db.user.update({ where: { id: userId }, data: { totpSecretEnc: encrypt(secret), totpLastStep: null }, select: { id: true } })
  const otpauthUri = totpFor({ secret, label: user.email }).toString()
  const qrDataUrl = await QRCode.toDataURL(otpauthUri, { errorCorrectionLevel: 'M', margin: 1, width: 220 })
  return { otpauthUri, qrDataUrl, secret }
}

// What the security page needs about 2FA (never the secret).
import 'server-only'
import { db } from '@/lib/db'

export async function getSecurityOverview({ userId }: { userId: string }) {
  const [user, unusedRecoveryCodes] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { id: userId }, select: { totpEnabledAt: true } }),
    db.recoveryCode.count({ where: { userId, usedAt: null } }),
  ])
  return { twoFactorEnabledAt: user.totpEnabledAt, unusedRecoveryCodes }
}

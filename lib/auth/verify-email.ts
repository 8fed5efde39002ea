// Confirms an email address from the 24 h single-use link.
import 'server-only'
import { db } from '@/lib/db'
import { writeAudit } from '@/lib/audit/write-audit'
import { consumeAuthToken } from '@/lib/auth/auth-tokens'

export async function verifyEmail({ token }: { token: string }): Promise<{ userId: string; email: string }> {
  return db.$transaction(async (tx) => {
    const { userId } = await consumeAuthToken(tx, { token, kind: 'EMAIL_VERIFY' })
    const before = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, emailVerifiedAt: true } })
    if (!before.emailVerifiedAt) {
      await tx.user.update({ where: { id: userId }, data: { emailVerifiedAt: new Date() }, select: { id: true } })
      await writeAudit(tx, {
        actor: { type: 'USER', id: userId },
        action: 'user.email_verified',
        targetType: 'user',
        targetId: userId,
        after: { email: before.email },
      })
    }
    return { userId, email: before.email }
  })
}

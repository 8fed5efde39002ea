// Signs out one of the user's own sessions. Someone else's session id answers NOT_FOUND (no existence leak).
import 'server-only'
import { db } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { writeAudit } from '@/lib/audit/write-audit'

export async function revokeSession({ userId, sessionId }: { userId: string; sessionId: string }): Promise<void> {
  await db.$transaction(async (tx) => {
    const { count } = await tx.session.updateMany({
      where: { id: sessionId, userId, revokedAt: null },
      data: { revokedAt: new Date(), revokedReason: 'revoked_by_user' },
    })
    if (count !== 1) throw new AppError('NOT_FOUND', 'Session not found')
    await writeAudit(tx, { actor: { type: 'USER', id: userId }, action: 'session.revoked', targetType: 'session', targetId: sessionId })
  })
}

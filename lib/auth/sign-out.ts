// Revokes the current session (the cookie is cleared by the caller: next-auth signOut or the JSON route).
import 'server-only'
import { db } from '@/lib/db'
import { writeAudit } from '@/lib/audit/write-audit'

export async function signOut({ sessionId }: { sessionId: string }): Promise<{ revoked: boolean }> {
  return db.$transaction(async (tx) => {
    const s = await tx.session.findUnique({ where: { id: sessionId }, select: { userId: true, revokedAt: true } })
    if (!s || s.revokedAt) return { revoked: false }
    await tx.session.update({ where: { id: sessionId }, data: { revokedAt: new Date(), revokedReason: 'sign_out' }, select: { id: true } })
    await writeAudit(tx, { actor: { type: 'USER', id: s.userId }, action: 'user.signed_out', targetType: 'session', targetId: sessionId })
    return { revoked: true }
  })
}

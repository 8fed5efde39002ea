// "Sign out everywhere": revokes every session of the user, this one included.
import 'server-only'
import { db } from '@/lib/db'
import { writeAudit } from '@/lib/audit/write-audit'
import { revokeUserSessions } from '@/lib/auth/revoke-sessions'

export async function signOutEverywhere({ userId }: { userId: string }): Promise<{ revoked: number }> {
  return db.$transaction(async (tx) => {
    const revoked = await revokeUserSessions({ userId, reason: 'sign_out_everywhere' }, tx)
    await writeAudit(tx, {
      actor: { type: 'USER', id: userId },
      action: 'user.signed_out_everywhere',
      targetType: 'user',
      targetId: userId,
      after: { revoked },
    })
    return { revoked }
  })
}

// Revokes a user's live sessions (all, or all but one). Used by sign-out-everywhere, password reset,
// role downgrade and member removal; takes effect on the user's next request (the registry is read each time).
import 'server-only'
import type { Tx } from '@/lib/db'
import { db } from '@/lib/db'

export async function revokeUserSessions(
  { userId, reason, exceptSessionId }: { userId: string; reason: string; exceptSessionId?: string },
  tx: Tx = db as unknown as Tx,
): Promise<number> {
  const { count } = await tx.session.updateMany({
    where: { userId, revokedAt: null, ...(exceptSessionId ? { id: { not: exceptSessionId } } : {}) },
    data: { revokedAt: new Date(), revokedReason: reason.slice(0, 64) },
  })
  return count
}

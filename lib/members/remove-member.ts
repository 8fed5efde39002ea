// Removes a member. ADMIN cannot remove an OWNER; the last OWNER cannot be removed; the removed user's
// sessions are revoked in the same transaction (takes effect on their next request).
import 'server-only'
import { db } from '@/lib/db'
import { forbidden } from '@/lib/errors'
import { writeAudit } from '@/lib/audit/write-audit'
import { assertCan, auditActorOf, userIdOf, type Actor } from '@/lib/auth/actor'
import { revokeUserSessions } from '@/lib/auth/revoke-sessions'
import { getOrgMembershipOrThrow } from '@/lib/members/get-org-membership-or-throw'
import { assertNotLastOwner, lockOrgMemberships } from '@/lib/members/org-lock'
import { mayManageMember } from '@/lib/members/role-rules'

export async function removeMember({
  actor,
  membershipId,
}: {
  actor: Actor
  membershipId: string
}): Promise<{ membershipId: string; sessionsRevoked: number }> {
  const orgId = assertCan(actor, 'member.remove')
  return db.$transaction(async (tx) => {
    await lockOrgMemberships(tx, orgId)
    const target = await getOrgMembershipOrThrow(tx, { orgId, membershipId })
    if (!mayManageMember(actor, target.role)) throw forbidden('Only an owner can remove an owner')
    if (target.role === 'OWNER') await assertNotLastOwner(tx, { orgId, membershipId })
    await tx.membership.delete({ where: { id: target.id }, select: { id: true } })
    const sessionsRevoked =
      target.userId === userIdOf(actor) ? 0 : await revokeUserSessions({ userId: target.userId, reason: 'member_removed' }, tx)
    await writeAudit(tx, {
      orgId,
      actor: auditActorOf(actor),
      action: 'member.remove',
      targetType: 'membership',
      targetId: target.id,
      before: { userId: target.userId, email: target.user.email, role: target.role },
      after: { sessionsRevoked },
    })
    return { membershipId, sessionsRevoked }
  })
}

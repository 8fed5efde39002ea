// Removes a member. ADMIN cannot remove an OWNER; the last OWNER cannot be removed; the removed user's
// sessions are revoked in the same transaction (takes effect on their next request).
import { db } from '@/lib/db'
import { forbidden } from '@/lib/errors'
import { writeAudit } from '@/lib/audit/write-audit'
import type { MemberContext } from '@/lib/auth/org-context'
import { assertCan, canManageMember } from '@/lib/auth/permissions'
import { revokeUserSessions } from '@/lib/auth/revoke-sessions'
import { membershipIdSchema } from '@/lib/members/schemas'
import { findOrgMembership } from '@/lib/members/find-org-membership'
import { assertNotLastOwner, lockOrgMemberships } from '@/lib/members/org-lock'

export async function removeMember({ member, input }: { member: MemberContext; input: unknown }): Promise<{ membershipId: string; sessionsRevoked: number }> {
  assertCan(member.role, 'member.remove')
  const { membershipId } = membershipIdSchema.parse(input)
  const orgId = member.org.id
  return db.$transaction(async (tx) => {
    await lockOrgMemberships(tx, orgId)
    const target = await findOrgMembership(tx, { orgId, membershipId })
    if (!canManageMember(member.role, target.role)) throw forbidden('Only an owner can remove an owner')
    if (target.role === 'OWNER') await assertNotLastOwner(tx, { orgId, membershipId })
    await tx.membership.delete({ where: { id: target.id }, select: { id: true } })
    const sessionsRevoked = target.userId === member.userId ? 0 : await revokeUserSessions({ userId: target.userId, reason: 'member_removed' }, tx)
    await writeAudit(tx, {
      orgId, actor: { type: 'USER', id: member.userId }, action: 'member.remove', targetType: 'membership', targetId: target.id,
      before: { userId: target.userId, email: target.user.email, role: target.role }, after: { sessionsRevoked },
    })
    return { membershipId, sessionsRevoked }
  })
}

// Changes a member's role. Rules (PRODUCT §2): ADMIN cannot change an OWNER; nobody grants a role higher
// than their own; the org keeps ≥ 1 OWNER; a downgrade revokes the member's sessions in the same transaction.
import 'server-only'
import { db } from '@/lib/db'
import { forbidden } from '@/lib/errors'
import { writeAudit } from '@/lib/audit/write-audit'
import { assertCan, auditActorOf, type Actor } from '@/lib/auth/actor'
import { ROLE_RANK } from '@/lib/auth/permissions'
import { revokeUserSessions } from '@/lib/auth/revoke-sessions'
import type { Role } from '@/lib/generated/prisma/enums'
import { getOrgMembershipOrThrow } from '@/lib/members/get-org-membership-or-throw'
import { assertNotLastOwner, lockOrgMemberships } from '@/lib/members/org-lock'
import { mayGrantRole, mayManageMember } from '@/lib/members/role-rules'

export interface RoleChange {
  membershipId: string
  before: Role
  after: Role
  sessionsRevoked: number
}

export async function changeMemberRole({
  actor,
  membershipId,
  role,
}: {
  actor: Actor
  membershipId: string
  role: Role
}): Promise<RoleChange> {
  const orgId = assertCan(actor, 'member.role.change')
  return db.$transaction(async (tx) => {
    await lockOrgMemberships(tx, orgId)
    const target = await getOrgMembershipOrThrow(tx, { orgId, membershipId })
    if (!mayManageMember(actor, target.role)) throw forbidden('Only an owner can change the role of an owner')
    if (!mayGrantRole(actor, role)) throw forbidden('You cannot grant a role higher than your own')
    if (target.role === role) return { membershipId, before: role, after: role, sessionsRevoked: 0 }
    if (target.role === 'OWNER') await assertNotLastOwner(tx, { orgId, membershipId })
    await tx.membership.update({ where: { id: target.id }, data: { role }, select: { id: true } })
    const downgrade = ROLE_RANK[role] < ROLE_RANK[target.role]
    const sessionsRevoked = downgrade ? await revokeUserSessions({ userId: target.userId, reason: 'role_downgrade' }, tx) : 0
    await writeAudit(tx, {
      orgId,
      actor: auditActorOf(actor),
      action: 'member.role.change',
      targetType: 'membership',
      targetId: target.id,
      before: { userId: target.userId, role: target.role },
      after: { userId: target.userId, role, sessionsRevoked },
    })
    return { membershipId, before: target.role, after: role, sessionsRevoked }
  })
}

// Changes a member's role. Rules (PRODUCT §2): ADMIN cannot change an OWNER; nobody grants a role higher
// than their own; the org keeps ≥ 1 OWNER; a downgrade revokes the member's sessions in the same transaction.
import { db } from '@/lib/db'
import { forbidden } from '@/lib/errors'
import { writeAudit } from '@/lib/audit/write-audit'
import type { MemberContext } from '@/lib/auth/org-context'
import { assertCan, canGrantRole, canManageMember, ROLE_RANK } from '@/lib/auth/permissions'
import { revokeUserSessions } from '@/lib/auth/revoke-sessions'
import type { Role } from '@/lib/generated/prisma/enums'
import { changeRoleSchema } from '@/lib/members/schemas'
import { findOrgMembership } from '@/lib/members/find-org-membership'
import { assertNotLastOwner, lockOrgMemberships } from '@/lib/members/org-lock'

export interface RoleChange {
  membershipId: string
  before: Role
  after: Role
  sessionsRevoked: number
}

export async function changeMemberRole({ member, input }: { member: MemberContext; input: unknown }): Promise<RoleChange> {
  assertCan(member.role, 'member.role.change')
  const { membershipId, role } = changeRoleSchema.parse(input)
  const orgId = member.org.id
  return db.$transaction(async (tx) => {
    await lockOrgMemberships(tx, orgId)
    const target = await findOrgMembership(tx, { orgId, membershipId })
    if (!canManageMember(member.role, target.role)) throw forbidden('Only an owner can change the role of an owner')
    if (!canGrantRole(member.role, role)) throw forbidden('You cannot grant a role higher than your own')
    if (target.role === role) return { membershipId, before: role, after: role, sessionsRevoked: 0 }
    if (target.role === 'OWNER') await assertNotLastOwner(tx, { orgId, membershipId })
    await tx.membership.update({ where: { id: target.id }, data: { role }, select: { id: true } })
    const downgrade = ROLE_RANK[role] < ROLE_RANK[target.role]
    const sessionsRevoked = downgrade ? await revokeUserSessions({ userId: target.userId, reason: 'role_downgrade' }, tx) : 0
    await writeAudit(tx, {
      orgId, actor: { type: 'USER', id: member.userId }, action: 'member.role.change', targetType: 'membership', targetId: target.id,
      before: { userId: target.userId, role: target.role }, after: { userId: target.userId, role, sessionsRevoked },
    })
    return { membershipId, before: target.role, after: role, sessionsRevoked }
  })
}

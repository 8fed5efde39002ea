// A member leaves an organization themselves. The last OWNER cannot leave (transfer ownership first).
import { db } from '@/lib/db'
import { writeAudit } from '@/lib/audit/write-audit'
import type { MemberContext } from '@/lib/auth/org-context'
import { findOrgMembership } from '@/lib/members/find-org-membership'
import { assertNotLastOwner, lockOrgMemberships } from '@/lib/members/org-lock'

export async function leaveOrg({ member }: { member: MemberContext }): Promise<{ orgId: string }> {
  const orgId = member.org.id
  return db.$transaction(async (tx) => {
    await lockOrgMemberships(tx, orgId)
    // re-read: the role may have changed since the request started
    const me = await findOrgMembership(tx, { orgId, membershipId: member.membershipId })
    if (me.role === 'OWNER') await assertNotLastOwner(tx, { orgId, membershipId: me.id })
    await tx.membership.delete({ where: { id: me.id }, select: { id: true } })
    await writeAudit(tx, {
      orgId, actor: { type: 'USER', id: member.userId }, action: 'member.leave', targetType: 'membership', targetId: me.id,
      before: { userId: me.userId, role: me.role },
    })
    return { orgId }
  })
}

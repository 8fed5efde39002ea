// A member leaves an organization themselves. The last OWNER cannot leave (transfer ownership first).
import 'server-only'
import { db } from '@/lib/db'
import { forbidden } from '@/lib/errors'
import { writeAudit } from '@/lib/audit/write-audit'
import { auditActorOf, type Actor } from '@/lib/auth/actor'
import { getOrgMembershipOrThrow } from '@/lib/members/get-org-membership-or-throw'
import { assertNotLastOwner, lockOrgMemberships } from '@/lib/members/org-lock'

export async function leaveOrg({ actor }: { actor: Actor }): Promise<{ orgId: string }> {
  // no permission in the matrix: any member may leave, and only a member has a membership to give up
  if (actor.kind !== 'member') throw forbidden('Only a member can leave an organization')
  const { orgId, membershipId } = actor
  return db.$transaction(async (tx) => {
    await lockOrgMemberships(tx, orgId)
    // re-read: the role may have changed since the request started
    const me = await getOrgMembershipOrThrow(tx, { orgId, membershipId })
    if (me.role === 'OWNER') await assertNotLastOwner(tx, { orgId, membershipId: me.id })
    await tx.membership.delete({ where: { id: me.id }, select: { id: true } })
    await writeAudit(tx, {
      orgId,
      actor: auditActorOf(actor),
      action: 'member.leave',
      targetType: 'membership',
      targetId: me.id,
      before: { userId: me.userId, role: me.role },
    })
    return { orgId }
  })
}

import { db } from '@/lib/db'
import { writeAudit } from '@/lib/audit/write-audit'
import type { MemberContext } from '@/lib/auth/org-context'
import { assertCan } from '@/lib/auth/permissions'
import { invitationIdSchema } from '@/lib/members/schemas'
import { findPendingOrgInvitationForUpdate } from '@/lib/members/find-org-invitation'

export async function cancelInvitation({ member, input }: { member: MemberContext; input: unknown }): Promise<{ id: string }> {
  assertCan(member.role, 'member.invite')
  const { invitationId } = invitationIdSchema.parse(input)
  return db.$transaction(async (tx) => {
    const inv = await findPendingOrgInvitationForUpdate(tx, { member, invitationId })
    const canceledAt = new Date()
    await tx.invitation.update({ where: { id: inv.id }, data: { canceledAt }, select: { id: true } })
    await writeAudit(tx, {
      orgId: member.org.id, actor: { type: 'USER', id: member.userId }, action: 'member.invite.cancel', targetType: 'invitation',
      targetId: inv.id, before: { email: inv.email, role: inv.role, canceledAt: null }, after: { canceledAt },
    })
    return { id: inv.id }
  })
}

import 'server-only'
import { db } from '@/lib/db'
import { writeAudit } from '@/lib/audit/write-audit'
import { assertCan, auditActorOf, type Actor } from '@/lib/auth/actor'
import { getOrgInvitationOrThrow } from '@/lib/members/get-org-invitation-or-throw'

export async function cancelInvitation({ actor, invitationId }: { actor: Actor; invitationId: string }): Promise<{ id: string }> {
  const orgId = assertCan(actor, 'member.invite')
  return db.$transaction(async (tx) => {
    const inv = await getOrgInvitationOrThrow(tx, { actor, invitationId })
    const canceledAt = new Date()
    await tx.invitation.update({ where: { id: inv.id }, data: { canceledAt }, select: { id: true } })
    await writeAudit(tx, {
      orgId,
      actor: auditActorOf(actor),
      action: 'member.invite.cancel',
      targetType: 'invitation',
      targetId: inv.id,
      before: { email: inv.email, role: inv.role, canceledAt: null },
      after: { canceledAt },
    })
    return { id: inv.id }
  })
}

// Resends an invitation with a NEW token and a fresh 7-day expiry (the old link stops working).
import { db } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { randomToken, sha256Hex } from '@/lib/crypto'
import { writeAudit } from '@/lib/audit/write-audit'
import type { MemberContext } from '@/lib/auth/org-context'
import { assertCan } from '@/lib/auth/permissions'
import { invitationIdSchema } from '@/lib/members/schemas'
import { findPendingOrgInvitationForUpdate } from '@/lib/members/find-org-invitation'
import { INVITE_TTL_MS, sendInvitationEmail } from '@/lib/members/invitation-email'
import type { InvitationView } from '@/lib/members/invite-member'

/** The first send plus at most 5 resends. */
export const MAX_RESENDS = 5

export async function resendInvitation({ member, input }: { member: MemberContext; input: unknown }): Promise<InvitationView> {
  assertCan(member.role, 'member.invite')
  const { invitationId } = invitationIdSchema.parse(input)
  const token = randomToken()
  const { inv, inviterName } = await db.$transaction(async (tx) => {
    const current = await findPendingOrgInvitationForUpdate(tx, { member, invitationId })
    if (current.sendCount - 1 >= MAX_RESENDS) {
      throw new AppError('CONFLICT', `This invitation was already resent ${MAX_RESENDS} times; cancel it and invite again`, {
        details: { reason: 'RESEND_LIMIT' },
      })
    }
    // guarded update: two concurrent resends cannot both pass the limit
    const { count } = await tx.invitation.updateMany({
      where: { id: current.id, sendCount: current.sendCount, acceptedAt: null, canceledAt: null },
      data: { tokenHash: sha256Hex(token), expiresAt: new Date(Date.now() + INVITE_TTL_MS), sendCount: { increment: 1 }, lastSentAt: new Date() },
    })
    if (count !== 1) throw new AppError('CONFLICT', 'The invitation changed meanwhile; reload and try again', { details: { reason: 'CONCURRENT_CHANGE' } })
    const updated = await tx.invitation.findUniqueOrThrow({
      where: { id: current.id },
      select: { id: true, email: true, role: true, expiresAt: true, sendCount: true },
    })
    await writeAudit(tx, {
      orgId: member.org.id, actor: { type: 'USER', id: member.userId }, action: 'member.invite.resend', targetType: 'invitation',
      targetId: current.id, before: { expiresAt: current.expiresAt, sendCount: current.sendCount }, after: { expiresAt: updated.expiresAt, sendCount: updated.sendCount },
    })
    const inviter = await tx.user.findUniqueOrThrow({ where: { id: member.userId }, select: { name: true } })
    return { inv: updated, inviterName: inviter.name }
  })
  await sendInvitationEmail({
    invitationId: inv.id, sendCount: inv.sendCount, orgId: member.org.id, orgName: member.org.name, inviterName,
    to: inv.email, role: inv.role, token, expiresAt: inv.expiresAt,
  })
  return inv
}

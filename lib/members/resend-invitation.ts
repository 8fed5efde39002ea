// Resends an invitation with a NEW token and a fresh 7-day expiry (the old link stops working).
import 'server-only'
import { db } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { randomToken, sha256Hex } from '@/lib/crypto'
import { writeAudit } from '@/lib/audit/write-audit'
import { assertCan, auditActorOf, userIdOf, type Actor } from '@/lib/auth/actor'
import { getOrgInvitationOrThrow } from '@/lib/members/get-org-invitation-or-throw'
import { INVITE_TTL_MS, sendInvitationEmail } from '@/lib/members/invitation-email'
import { invitationSender, type InvitationView } from '@/lib/members/invite-member'
import { assertSeatAvailable } from '@/lib/members/seat-limit'

/** The first send plus at most 5 resends. */
export const MAX_RESENDS = 5

export async function resendInvitation({ actor, invitationId }: { actor: Actor; invitationId: string }): Promise<InvitationView> {
  const orgId = assertCan(actor, 'member.invite')
  const token = randomToken()
  const { inv, sender } = await db.$transaction(async (tx) => {
    const current = await getOrgInvitationOrThrow(tx, { actor, invitationId })
    if (current.sendCount - 1 >= MAX_RESENDS) {
      throw new AppError('CONFLICT', `This invitation was already resent ${MAX_RESENDS} times; cancel it and invite again`, {
        details: { reason: 'RESEND_LIMIT' },
      })
    }
    // an expired invitation holds no seat: reviving it takes one again
    if (current.expiresAt <= new Date()) await assertSeatAvailable(tx, { orgId })
    // guarded update: two concurrent resends cannot both pass the limit
    const { count } = await tx.invitation.updateMany({
      where: { id: current.id, sendCount: current.sendCount, acceptedAt: null, canceledAt: null },
      data: {
        tokenHash: sha256Hex(token),
        expiresAt: new Date(Date.now() + INVITE_TTL_MS),
        sendCount: { increment: 1 },
        lastSentAt: new Date(),
      },
    })
    if (count !== 1)
      throw new AppError('CONFLICT', 'The invitation changed meanwhile; reload and try again', { details: { reason: 'CONCURRENT_CHANGE' } })
    const updated = await tx.invitation.findUniqueOrThrow({
      where: { id: current.id },
      select: { id: true, email: true, role: true, expiresAt: true, sendCount: true },
    })
    await writeAudit(tx, {
      orgId,
      actor: auditActorOf(actor),
      action: 'member.invite.resend',
      targetType: 'invitation',
      targetId: current.id,
      before: { expiresAt: current.expiresAt, sendCount: current.sendCount },
      after: { expiresAt: updated.expiresAt, sendCount: updated.sendCount },
    })
    return { inv: updated, sender: await invitationSender(tx, { orgId, userId: userIdOf(actor) }) }
  })
  await sendInvitationEmail({
    invitationId: inv.id,
    sendCount: inv.sendCount,
    orgId,
    ...sender,
    to: inv.email,
    role: inv.role,
    token,
    expiresAt: inv.expiresAt,
  })
  return inv
}

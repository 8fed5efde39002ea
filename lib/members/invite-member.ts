// Invites someone by email with a role. Token: random, stored only as its sha256, valid 7 days.
import { db } from '@/lib/db'
import { AppError, forbidden } from '@/lib/errors'
import { randomToken, sha256Hex } from '@/lib/crypto'
import { writeAudit } from '@/lib/audit/write-audit'
import type { MemberContext } from '@/lib/auth/org-context'
import { assertCan, canGrantRole } from '@/lib/auth/permissions'
import { inviteMemberSchema } from '@/lib/members/schemas'
import { assertSeatAvailable } from '@/lib/members/seat-limit'
import { INVITE_TTL_MS, sendInvitationEmail } from '@/lib/members/invitation-email'
import type { Role } from '@/lib/generated/prisma/enums'

export interface InvitationView {
  id: string
  email: string
  role: Role
  expiresAt: Date
  sendCount: number
}

export async function inviteMember({ member, input }: { member: MemberContext; input: unknown }): Promise<InvitationView> {
  assertCan(member.role, 'member.invite')
  const { email, role } = inviteMemberSchema.parse(input)
  if (!canGrantRole(member.role, role)) throw forbidden('You cannot invite someone with a role higher than your own')
  const orgId = member.org.id
  const token = randomToken()

  const { invitation, inviterName } = await db.$transaction(async (tx) => {
    const existingMember = await tx.membership.findFirst({ where: { orgId, user: { email } }, select: { id: true } })
    if (existingMember) throw new AppError('CONFLICT', `${email} is already a member of this organization`, { details: { reason: 'ALREADY_MEMBER' } })
    const pending = await tx.invitation.findFirst({
      where: { orgId, email, acceptedAt: null, canceledAt: null },
      select: { id: true, expiresAt: true },
    })
    if (pending && pending.expiresAt > new Date()) {
      throw new AppError('CONFLICT', `${email} already has a pending invitation; resend it instead`, {
        details: { reason: 'INVITE_PENDING', invitationId: pending.id },
      })
    }
    // an expired, never-answered invite is retired so the new one can take its place
    if (pending) await tx.invitation.update({ where: { id: pending.id }, data: { canceledAt: new Date() }, select: { id: true } })
    await assertSeatAvailable(tx, { orgId })
    const created = await tx.invitation.create({
      data: { orgId, email, role, tokenHash: sha256Hex(token), invitedById: member.userId, expiresAt: new Date(Date.now() + INVITE_TTL_MS) },
      select: { id: true, email: true, role: true, expiresAt: true, sendCount: true },
    })
    await writeAudit(tx, {
      orgId, actor: { type: 'USER', id: member.userId }, action: 'member.invite', targetType: 'invitation', targetId: created.id,
      after: { email, role, expiresAt: created.expiresAt },
    })
    const inviter = await tx.user.findUniqueOrThrow({ where: { id: member.userId }, select: { name: true } })
    return { invitation: created, inviterName: inviter.name }
  })

  await sendInvitationEmail({
    invitationId: invitation.id, sendCount: invitation.sendCount, orgId, orgName: member.org.name, inviterName,
    to: email, role, token, expiresAt: invitation.expiresAt,
  })
  return invitation
}

// Invites someone by email with a role. Token: random, stored only as its sha256, valid 7 days.
import 'server-only'
import type { Tx } from '@/lib/db'
import { db } from '@/lib/db'
import { AppError, forbidden } from '@/lib/errors'
import { randomToken, sha256Hex } from '@/lib/crypto'
import { writeAudit } from '@/lib/audit/write-audit'
import { assertCan, auditActorOf, userIdOf, type Actor } from '@/lib/auth/actor'
import type { InviteMemberInput } from '@/lib/members/schemas'
import { mayGrantRole } from '@/lib/members/role-rules'
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

/** Org name and inviter name for the invitation email, read in the transaction that writes the invitation. */
export async function invitationSender(tx: Tx, { orgId, userId }: { orgId: string; userId: string | null }) {
  const org = await tx.organization.findFirst({ where: { id: orgId, deletedAt: null }, select: { name: true } })
  if (!org) throw new AppError('NOT_FOUND', 'Organization not found')
  const inviter = userId ? await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { name: true } }) : null
  return { orgName: org.name, inviterName: inviter?.name ?? null }
}

export async function inviteMember({ actor, email, role }: { actor: Actor } & InviteMemberInput): Promise<InvitationView> {
  const orgId = assertCan(actor, 'member.invite')
  if (!mayGrantRole(actor, role)) throw forbidden('You cannot invite someone with a role higher than your own')
  const invitedById = userIdOf(actor)
  const token = randomToken()

  const { invitation, sender } = await db.$transaction(async (tx) => {
    const existingMember = await tx.membership.findFirst({ where: { orgId, user: { email } }, select: { id: true } })
    if (existingMember)
      throw new AppError('CONFLICT', `${email} is already a member of this organization`, { details: { reason: 'ALREADY_MEMBER' } })
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
      data: { orgId, email, role, tokenHash: sha256Hex(token), invitedById, expiresAt: new Date(Date.now() + INVITE_TTL_MS) },
      select: { id: true, email: true, role: true, expiresAt: true, sendCount: true },
    })
    await writeAudit(tx, {
      orgId,
      actor: auditActorOf(actor),
      action: 'member.invite',
      targetType: 'invitation',
      targetId: created.id,
      after: { email, role, expiresAt: created.expiresAt },
    })
    return { invitation: created, sender: await invitationSender(tx, { orgId, userId: invitedById }) }
  })

  await sendInvitationEmail({
    invitationId: invitation.id,
    sendCount: invitation.sendCount,
    orgId,
    ...sender,
    to: email,
    role,
    token,
    expiresAt: invitation.expiresAt,
  })
  return invitation
}

// A signed-in user accepts an invitation addressed to their email: membership + audit in one transaction.
// No org actor: the user is not a member yet; the token (and the email it was sent to) is the right.
import 'server-only'
import type { Tx } from '@/lib/db'
import { db } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { sha256Hex } from '@/lib/crypto'
import { writeAudit } from '@/lib/audit/write-audit'
import { invitationState } from '@/lib/members/get-invitation-by-token'
import { lockOrgMemberships } from '@/lib/members/org-lock'
import { assertSeatAvailable } from '@/lib/members/seat-limit'

export interface AcceptedInvitation {
  orgId: string
  orgSlug: string
  membershipId: string
}

const STATE_ERRORS = {
  expired: () => new AppError('CONFLICT', 'This invitation has expired. Ask for a new one.', { details: { reason: 'INVITE_EXPIRED' } }),
  canceled: () => new AppError('CONFLICT', 'This invitation was canceled.', { details: { reason: 'INVITE_CANCELED' } }),
  accepted: () => new AppError('CONFLICT', 'This invitation was already used.', { details: { reason: 'INVITE_ACCEPTED' } }),
}

/** Inside `tx`: validates the invitation for `user` and turns it into a membership. Shared with sign-up-from-invite. */
export async function acceptInvitationInTx(
  tx: Tx,
  { token, user }: { token: string; user: { id: string; email: string } },
): Promise<AcceptedInvitation> {
  const inv = await tx.invitation.findUnique({
    where: { tokenHash: sha256Hex(token) },
    select: {
      id: true,
      orgId: true,
      email: true,
      role: true,
      expiresAt: true,
      acceptedAt: true,
      canceledAt: true,
      org: { select: { slug: true, deletedAt: true } },
    },
  })
  if (!inv || inv.org.deletedAt) throw new AppError('NOT_FOUND', 'This invitation link is not valid')
  const state = invitationState(inv)
  if (state !== 'pending') throw STATE_ERRORS[state]()
  if (inv.email !== user.email.toLowerCase()) {
    throw new AppError('FORBIDDEN', 'This invitation was sent to a different email address. Sign in with that address to accept it.', {
      details: { reason: 'EMAIL_MISMATCH' },
    })
  }
  await lockOrgMemberships(tx, inv.orgId)
  const already = await tx.membership.findFirst({ where: { orgId: inv.orgId, userId: user.id }, select: { id: true } })
  if (already)
    throw new AppError('CONFLICT', 'You are already a member of this organization', {
      details: { reason: 'ALREADY_MEMBER', orgSlug: inv.org.slug },
    })
  await assertSeatAvailable(tx, { orgId: inv.orgId, invitationId: inv.id })
  // single use: only one caller flips accepted_at
  const { count } = await tx.invitation.updateMany({
    where: { id: inv.id, acceptedAt: null, canceledAt: null, expiresAt: { gt: new Date() } },
    data: { acceptedAt: new Date() },
  })
  if (count !== 1) throw STATE_ERRORS.accepted()
  const membership = await tx.membership.create({ data: { orgId: inv.orgId, userId: user.id, role: inv.role }, select: { id: true } })
  // the invite link reached this inbox, which proves the address
  await tx.user.updateMany({ where: { id: user.id, emailVerifiedAt: null }, data: { emailVerifiedAt: new Date() } })
  await writeAudit(tx, {
    orgId: inv.orgId,
    actor: { type: 'USER', id: user.id },
    action: 'member.add',
    targetType: 'membership',
    targetId: membership.id,
    after: { userId: user.id, role: inv.role, via: 'invitation', invitationId: inv.id },
  })
  return { orgId: inv.orgId, orgSlug: inv.org.slug, membershipId: membership.id }
}

export async function acceptInvitation({ userId, token }: { userId: string; token: string }): Promise<AcceptedInvitation> {
  return db.$transaction(async (tx) => {
    const user = await tx.user.findFirst({ where: { id: userId, deletedAt: null }, select: { id: true, email: true } })
    if (!user) throw new AppError('UNAUTHENTICATED', 'Sign in to continue')
    return acceptInvitationInTx(tx, { token, user })
  })
}

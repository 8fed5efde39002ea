// An invitation of the caller's org, or NOT_FOUND (another org's invitation id never leaks its existence).
import type { Tx } from '@/lib/db'
import { AppError, forbidden } from '@/lib/errors'
import type { MemberContext } from '@/lib/auth/org-context'
import { canGrantRole } from '@/lib/auth/permissions'

export async function findPendingOrgInvitationForUpdate(tx: Tx, { member, invitationId }: { member: MemberContext; invitationId: string }) {
  const inv = await tx.invitation.findFirst({
    where: { id: invitationId, orgId: member.org.id },
    select: { id: true, email: true, role: true, expiresAt: true, acceptedAt: true, canceledAt: true, sendCount: true },
  })
  if (!inv) throw new AppError('NOT_FOUND', 'Invitation not found')
  if (inv.acceptedAt) throw new AppError('CONFLICT', 'This invitation was already accepted', { details: { reason: 'INVITE_ACCEPTED' } })
  if (inv.canceledAt) throw new AppError('CONFLICT', 'This invitation was canceled', { details: { reason: 'INVITE_CANCELED' } })
  // managing an invitation is granting its role: a MANAGER cannot resend or cancel an ADMIN invite
  if (!canGrantRole(member.role, inv.role)) throw forbidden('You cannot manage an invitation for a role higher than your own')
  return inv
}

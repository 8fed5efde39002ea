// A pending invitation of the actor's org that the actor may manage, or NOT_FOUND (another org's invitation id
// never leaks its existence). Accepted or canceled → CONFLICT.
import 'server-only'
import type { Tx } from '@/lib/db'
import { AppError, forbidden } from '@/lib/errors'
import { orgIdOf, type Actor } from '@/lib/auth/actor'
import { mayGrantRole } from '@/lib/members/role-rules'
import { idField } from '@/lib/members/schemas'

export async function getOrgInvitationOrThrow(tx: Tx, { actor, invitationId }: { actor: Actor; invitationId: string }) {
  // a malformed id cannot exist: answer like a missing one instead of letting the uuid cast fail
  if (!idField.safeParse(invitationId).success) throw new AppError('NOT_FOUND', 'Invitation not found')
  const inv = await tx.invitation.findFirst({
    where: { id: invitationId, orgId: orgIdOf(actor) },
    select: { id: true, email: true, role: true, expiresAt: true, acceptedAt: true, canceledAt: true, sendCount: true },
  })
  if (!inv) throw new AppError('NOT_FOUND', 'Invitation not found')
  if (inv.acceptedAt) throw new AppError('CONFLICT', 'This invitation was already accepted', { details: { reason: 'INVITE_ACCEPTED' } })
  if (inv.canceledAt) throw new AppError('CONFLICT', 'This invitation was canceled', { details: { reason: 'INVITE_CANCELED' } })
  // managing an invitation is granting its role: a MANAGER cannot resend or cancel an ADMIN invite
  if (!mayGrantRole(actor, inv.role)) throw forbidden('You cannot manage an invitation for a role higher than your own')
  return inv
}

// Seat limits (PRODUCT §3: Trial 2, Professional 5, Enterprise 50; lib/billing/plans.ts). A seat is a membership
// or a pending invitation (not accepted, not canceled, not expired): inviting takes a seat, accepting keeps it.
// Invite and accept call this inside their transaction; it locks the org row first (the same lock membership
// changes take), so two invitations racing for the last seat cannot both pass.
import 'server-only'
import type { Tx } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { getPlan } from '@/lib/billing/plans'
import { pendingInvitationWhere } from '@/lib/billing/entitlements'
import { lockOrgMemberships } from '@/lib/members/org-lock'

export interface SeatUsage {
  limit: number
  members: number
  pendingInvitations: number
}

/** Seats in use, counting under the org lock (call inside the transaction that adds the seat). */
export async function countSeats(
  tx: Tx,
  { orgId, excludeInvitationId, now = new Date() }: { orgId: string; excludeInvitationId?: string; now?: Date },
): Promise<SeatUsage> {
  const org = await tx.organization.findUnique({ where: { id: orgId }, select: { plan: true } })
  if (!org) throw new AppError('NOT_FOUND', 'Organization not found')
  const [members, pendingInvitations] = await Promise.all([
    tx.membership.count({ where: { orgId } }),
    tx.invitation.count({
      where: { ...pendingInvitationWhere(orgId, now), ...(excludeInvitationId ? { id: { not: excludeInvitationId } } : {}) },
    }),
  ])
  return { limit: getPlan(org.plan).seats, members, pendingInvitations }
}

/**
 * Refuses one more seat when memberships + pending invitations already fill the plan: QUOTA_EXCEEDED, reason
 * SEAT_LIMIT, with the numbers. Accepting an invitation passes its id: that invitation already holds its seat, so it
 * is not counted twice (an org downgraded below its seats cannot grow, but its members and invitees stay).
 */
export async function assertSeatAvailable(tx: Tx, { orgId, invitationId }: { orgId: string; invitationId?: string }): Promise<void> {
  await lockOrgMemberships(tx, orgId)
  const s = await countSeats(tx, { orgId, excludeInvitationId: invitationId })
  const used = s.members + s.pendingInvitations
  if (used + 1 <= s.limit) return
  throw new AppError(
    'QUOTA_EXCEEDED',
    `Your plan includes ${s.limit} seat${s.limit === 1 ? '' : 's'} and all are taken (${s.members} member${s.members === 1 ? '' : 's'}` +
      `${s.pendingInvitations ? `, ${s.pendingInvitations} pending invitation${s.pendingInvitations === 1 ? '' : 's'}` : ''}). ` +
      'Cancel an invitation, remove a member or upgrade your plan.',
    { details: { reason: 'SEAT_LIMIT', limit: s.limit, members: s.members, pendingInvitations: s.pendingInvitations, used } },
  )
}

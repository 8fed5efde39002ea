import 'server-only'
import { db } from '@/lib/db'
import type { Role } from '@/lib/generated/prisma/enums'
import { assertCan, type Actor } from '@/lib/auth/actor'

export interface PendingInvitation {
  id: string
  email: string
  role: Role
  expiresAt: Date
  expired: boolean
  sendCount: number
  lastSentAt: Date
  invitedBy: string | null
}

/** Invitations not yet accepted or canceled (expired ones included, flagged, so they can be resent). */
export async function listInvitations({ actor }: { actor: Actor }): Promise<PendingInvitation[]> {
  const orgId = assertCan(actor, 'member.invite')
  const rows = await db.invitation.findMany({
    where: { orgId, acceptedAt: null, canceledAt: null },
    select: {
      id: true,
      email: true,
      role: true,
      expiresAt: true,
      sendCount: true,
      lastSentAt: true,
      invitedBy: { select: { name: true } },
    },
    orderBy: { createdAt: 'desc' },
    take: 500,
  })
  const now = new Date()
  return rows.map(({ invitedBy, ...r }) => ({ ...r, expired: r.expiresAt <= now, invitedBy: invitedBy?.name ?? null }))
}

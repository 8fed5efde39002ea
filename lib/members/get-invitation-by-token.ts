// Public lookup for the /invite/<token> page: what the invitation is and whether it can still be accepted.
// No actor: the page is public and the token is the right. The token comes straight from the URL, hence the guard.
import 'server-only'
import { db } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { sha256Hex } from '@/lib/crypto'
import type { Role } from '@/lib/generated/prisma/enums'
import { invitationTokenField } from '@/lib/members/schemas'

export type InvitationState = 'pending' | 'expired' | 'accepted' | 'canceled'

export interface PublicInvitation {
  id: string
  orgId: string
  orgName: string
  orgSlug: string
  inviterName: string | null
  email: string
  role: Role
  expiresAt: Date
  state: InvitationState
}

export function invitationState(
  i: { acceptedAt: Date | null; canceledAt: Date | null; expiresAt: Date },
  now = new Date(),
): InvitationState {
  if (i.acceptedAt) return 'accepted'
  if (i.canceledAt) return 'canceled'
  return i.expiresAt <= now ? 'expired' : 'pending'
}

export async function getInvitationByToken({ token }: { token: string }): Promise<PublicInvitation> {
  const parsed = invitationTokenField.safeParse(token)
  if (!parsed.success) throw new AppError('NOT_FOUND', 'This invitation link is not valid')
  const inv = await db.invitation.findUnique({
    where: { tokenHash: sha256Hex(parsed.data) },
    select: {
      id: true,
      email: true,
      role: true,
      expiresAt: true,
      acceptedAt: true,
      canceledAt: true,
      org: { select: { id: true, name: true, slug: true, deletedAt: true } },
      invitedBy: { select: { name: true } },
    },
  })
  if (!inv || inv.org.deletedAt) throw new AppError('NOT_FOUND', 'This invitation link is not valid')
  return {
    id: inv.id,
    orgId: inv.org.id,
    orgName: inv.org.name,
    orgSlug: inv.org.slug,
    inviterName: inv.invitedBy?.name ?? null,
    email: inv.email,
    role: inv.role,
    expiresAt: inv.expiresAt,
    state: invitationState(inv),
  }
}

import 'server-only'
import { db } from '@/lib/db'
import type { Role } from '@/lib/generated/prisma/enums'
import { assertCan, type Actor } from '@/lib/auth/actor'
import { ROLE_RANK } from '@/lib/auth/permissions'

export interface MemberRow {
  membershipId: string
  userId: string
  name: string
  email: string
  role: Role
  joinedAt: Date
}

/** Members of the actor's org, highest role first, then by name. */
export async function listMembers({ actor }: { actor: Actor }): Promise<MemberRow[]> {
  const orgId = assertCan(actor, 'member.read')
  const rows = await db.membership.findMany({
    where: { orgId, user: { deletedAt: null } },
    select: { id: true, role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
    take: 1000,
  })
  return rows
    .map((r) => ({ membershipId: r.id, userId: r.user.id, name: r.user.name, email: r.user.email, role: r.role, joinedAt: r.createdAt }))
    .sort((a, b) => ROLE_RANK[b.role] - ROLE_RANK[a.role] || a.name.localeCompare(b.name))
}

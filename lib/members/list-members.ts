import { db } from '@/lib/db'
import type { Role } from '@/lib/generated/prisma/enums'
import { ROLE_RANK } from '@/lib/auth/permissions'

export interface MemberRow {
  membershipId: string
  userId: string
  name: string
  email: string
  role: Role
  joinedAt: Date
}

/** Members of one org, highest role first, then by name. */
export async function listMembers({ orgId }: { orgId: string }): Promise<MemberRow[]> {
  const rows = await db.membership.findMany({
    where: { orgId, user: { deletedAt: null } },
    select: { id: true, role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
    take: 1000,
  })
  return rows
    .map((r) => ({ membershipId: r.id, userId: r.user.id, name: r.user.name, email: r.user.email, role: r.role, joinedAt: r.createdAt }))
    .sort((a, b) => ROLE_RANK[b.role] - ROLE_RANK[a.role] || a.name.localeCompare(b.name))
}

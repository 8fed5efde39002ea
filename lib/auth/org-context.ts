// Resolves "this user acting in this org" from the database on every request. Not a member, or the org is
// gone → NOT_FOUND (never 403: no existence leak).
import 'server-only'
import type { Role } from '@/lib/generated/prisma/enums'
import { db } from '@/lib/db'
import { AppError } from '@/lib/errors'

export interface MemberContext {
  org: { id: string; slug: string; name: string; timeZone: string }
  membershipId: string
  role: Role
  userId: string
}

export async function getMemberContext({ userId, orgSlug }: { userId: string; orgSlug: string }): Promise<MemberContext> {
  const m = await db.membership.findFirst({
    where: { userId, org: { slug: orgSlug, deletedAt: null } },
    select: { id: true, role: true, org: { select: { id: true, slug: true, name: true, timeZone: true } } },
  })
  if (!m) throw new AppError('NOT_FOUND', 'Organization not found')
  return { org: m.org, membershipId: m.id, role: m.role, userId }
}

export async function listMyOrgs({ userId }: { userId: string }) {
  return db.membership.findMany({
    where: { userId, org: { deletedAt: null } },
    select: { role: true, org: { select: { id: true, slug: true, name: true } } },
    orderBy: { createdAt: 'asc' },
  })
}

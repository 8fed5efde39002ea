// A membership of the caller's org, or NOT_FOUND (another org's membership id never leaks its existence).
import type { Tx } from '@/lib/db'
import { AppError } from '@/lib/errors'

export async function findOrgMembership(tx: Tx, { orgId, membershipId }: { orgId: string; membershipId: string }) {
  const m = await tx.membership.findFirst({
    where: { id: membershipId, orgId },
    select: { id: true, userId: true, role: true, user: { select: { email: true } } },
  })
  if (!m) throw new AppError('NOT_FOUND', 'Member not found')
  return m
}

// A membership of the caller's org, or NOT_FOUND (another org's membership id never leaks its existence).
import 'server-only'
import type { Tx } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { idField } from '@/lib/members/schemas'

export async function getOrgMembershipOrThrow(tx: Tx, { orgId, membershipId }: { orgId: string; membershipId: string }) {
  // a malformed id cannot exist: answer like a missing one instead of letting the uuid cast fail
  if (!idField.safeParse(membershipId).success) throw new AppError('NOT_FOUND', 'Member not found')
  const m = await tx.membership.findFirst({
    where: { id: membershipId, orgId },
    select: { id: true, userId: true, role: true, user: { select: { email: true } } },
  })
  if (!m) throw new AppError('NOT_FOUND', 'Member not found')
  return m
}

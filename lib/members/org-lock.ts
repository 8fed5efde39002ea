// Serialises membership changes of one org (role change, removal, leave, accept) so the "≥ 1 OWNER" check
// cannot be raced by two owners demoting each other at once. The deferred DB trigger is the last line.
import 'server-only'
import type { Tx } from '@/lib/db'
import { AppError } from '@/lib/errors'

export async function lockOrgMemberships(tx: Tx, orgId: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM organizations WHERE id = ${orgId}::uuid FOR UPDATE`
}

export async function assertNotLastOwner(tx: Tx, { orgId, membershipId }: { orgId: string; membershipId: string }): Promise<void> {
  const others = await tx.membership.count({ where: { orgId, role: 'OWNER', id: { not: membershipId } } })
  if (others === 0) throw lastOwner()
}

export const lastOwner = () =>
  new AppError('CONFLICT', 'An organization must keep at least one owner. Make someone else an owner first.', {
    details: { reason: 'LAST_OWNER' },
  })

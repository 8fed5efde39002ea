// An assignee is a membership of the same org (the DB trigger fm_leads_derive enforces it too).
import 'server-only'
import type { Tx } from '@/lib/db'
import { AppError } from '@/lib/errors'

export async function assertAssignee(tx: Tx, { orgId, membershipId }: { orgId: string; membershipId: string | null | undefined }) {
  if (!membershipId) return
  const m = await tx.membership.findFirst({ where: { id: membershipId, orgId }, select: { id: true } })
  if (!m) throw new AppError('VALIDATION_FAILED', 'The assignee is not a member of this organization', { details: { field: 'assigneeId' } })
}

// Members a lead can be assigned to (for the assign picker and the assignee filter).
import 'server-only'
import { db } from '@/lib/db'
import { assertCan, type Actor } from '@/lib/auth/actor'

export async function listAssignees({ actor }: { actor: Actor }) {
  const orgId = assertCan(actor, 'lead.read')
  const rows = await db.membership.findMany({
    where: { orgId, role: { in: ['OWNER', 'ADMIN', 'MANAGER', 'REP'] } },
    orderBy: { createdAt: 'asc' },
    select: { id: true, role: true, user: { select: { name: true, email: true } } },
  })
  return rows.map((m) => ({ membershipId: m.id, role: m.role, name: m.user.name, email: m.user.email }))
}

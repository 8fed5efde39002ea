// Soft-deleted leads still restorable (newest first), for OWNER/ADMIN (lead.delete).
import 'server-only'
import { db } from '@/lib/db'
import { assertCan, type Actor } from '@/lib/auth/actor'
import { RESTORE_WINDOW_DAYS } from '@/lib/leads/restore-leads'

export async function listTrash({ actor, limit = 100, before }: { actor: Actor; limit?: number; before?: Date }) {
  const orgId = assertCan(actor, 'lead.delete')
  const since = new Date(Date.now() - RESTORE_WINDOW_DAYS * 86_400_000)
  const items = await db.lead.findMany({
    where: { orgId, deletedAt: { not: null, gte: since, ...(before ? { lt: before } : {}) } },
    orderBy: [{ deletedAt: 'desc' }, { id: 'desc' }],
    take: Math.min(Math.max(limit, 1), 200),
    select: {
      id: true,
      normalizedAddress: true,
      addressLine1: true,
      city: true,
      state: true,
      zip: true,
      score: true,
      band: true,
      status: true,
      deletedAt: true,
    },
  })
  return items.map((l) => ({ ...l, restorableUntil: new Date(l.deletedAt!.getTime() + RESTORE_WINDOW_DAYS * 86_400_000) }))
}

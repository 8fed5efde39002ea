// Resolves a bulk target (explicit ids or a filter) to the leads the actor may act on. Ids outside the
// actor's scope, in another org or deleted are reported as NOT_FOUND (no existence leak).
import 'server-only'
import { Prisma } from '@/lib/generated/prisma/client'
import type { Tx } from '@/lib/db'
import type { Permission } from '@/lib/auth/permissions'
import { leadFilterSql } from '@/lib/leads/lead-filter-sql'
import type { Actor } from '@/lib/auth/actor'
import { MAX_BULK_FILTER, type BulkResult, type BulkTarget } from '@/lib/leads/schemas'

export async function resolveBulkTarget(
  tx: Tx,
  { actor, target, permission }: { actor: Actor; target: BulkTarget; permission: Permission },
): Promise<{ ids: string[]; failed: BulkResult['failed'] }> {
  const t = target
  if ('ids' in t) {
    const wanted = [...new Set(t.ids)]
    const rows = await tx.$queryRaw<Array<{ id: string }>>`
      SELECT l.id FROM leads l WHERE ${leadFilterSql(actor, {}, permission)} AND l.id = ANY(${wanted}::uuid[]) FOR UPDATE OF l`
    const found = new Set(rows.map((r) => r.id))
    return {
      ids: wanted.filter((id) => found.has(id)),
      failed: wanted.filter((id) => !found.has(id)).map((id) => ({ id, reason: 'NOT_FOUND' })),
    }
  }
  const rows = await tx.$queryRaw<Array<{ id: string }>>`
    SELECT l.id FROM leads l WHERE ${leadFilterSql(actor, t.filter, permission)} ORDER BY l.id LIMIT ${MAX_BULK_FILTER} FOR UPDATE OF l`
  return { ids: rows.map((r) => r.id), failed: [] }
}

export const sqlIds = (ids: string[]) => Prisma.sql`${ids}::uuid[]`

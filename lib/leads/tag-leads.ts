// Add tags to leads. A lead that would exceed 10 tags fails with TOO_MANY_TAGS; the others succeed.
import 'server-only'
import { db } from '@/lib/db'
import { writeAudit } from '@/lib/audit/write-audit'
import { resolveBulkTarget, sqlIds } from '@/lib/leads/bulk-target'
import { assertCan, auditActorOf, type Actor } from '@/lib/auth/actor'
import { recordActivities } from '@/lib/leads/record-activity'
import { MAX_TAGS, type BulkResult, type BulkTarget } from '@/lib/leads/schemas'

/** `tags`: parsed by tagChangeSchema at the edge (lower-case, unique, at least one) */
export async function tagLeads({ actor, target, tags: add }: { actor: Actor; target: BulkTarget; tags: string[] }): Promise<BulkResult> {
  const orgId = assertCan(actor, 'lead.write')
  return db.$transaction(
    async (tx) => {
      const { ids, failed } = await resolveBulkTarget(tx, { actor, target, permission: 'lead.write' })
      const rows = ids.length
        ? await tx.$queryRaw<Array<{ id: string; old: string[]; new: string[] }>>`
      WITH merged AS (
        SELECT l.id, l.tags AS old,
               l.tags || ARRAY(SELECT t FROM unnest(${add}::text[]) t WHERE NOT t = ANY(l.tags)) AS new
          FROM leads l WHERE l.org_id = ${orgId}::uuid AND l.id = ANY(${sqlIds(ids)}))
      UPDATE leads l SET tags = m.new, updated_at = now() FROM merged m
       WHERE l.id = m.id AND cardinality(m.new) <= ${MAX_TAGS} AND m.new <> m.old
      RETURNING l.id, m.old, m.new`
        : []
      const over = ids.length
        ? await tx.$queryRaw<Array<{ id: string }>>`
      SELECT l.id FROM leads l WHERE l.org_id = ${orgId}::uuid AND l.id = ANY(${sqlIds(ids)})
         AND cardinality(l.tags || ARRAY(SELECT t FROM unnest(${add}::text[]) t WHERE NOT t = ANY(l.tags))) > ${MAX_TAGS}`
        : []
      const overSet = new Set(over.map((r) => r.id))
      await recordActivities(
        tx,
        actor,
        rows.map((r) => ({ leadId: r.id, type: 'tags.changed' as const, data: { from: r.old, to: r.new } })),
      )
      await writeAudit(tx, {
        orgId,
        actor: auditActorOf(actor),
        action: 'lead.tag',
        targetType: 'lead',
        after: { tags: add, ids, changed: rows.length },
      })
      return {
        succeeded: ids.filter((id) => !overSet.has(id)),
        failed: [...failed, ...[...overSet].map((id) => ({ id, reason: 'TOO_MANY_TAGS' }))],
      }
    },
    { timeout: 30_000 },
  )
}

// Remove tags from leads (leads without them succeed unchanged).
import 'server-only'
import { db } from '@/lib/db'
import { writeAudit } from '@/lib/audit/write-audit'
import { resolveBulkTarget, sqlIds } from '@/lib/leads/bulk-target'
import { assertCan, auditActorOf, type Actor } from '@/lib/auth/actor'
import { recordActivities } from '@/lib/leads/record-activity'
import type { BulkResult, BulkTarget } from '@/lib/leads/schemas'

/** `tags`: parsed by tagChangeSchema at the edge */
export async function untagLeads({
  actor,
  target,
  tags: remove,
}: {
  actor: Actor
  target: BulkTarget
  tags: string[]
}): Promise<BulkResult> {
  const orgId = assertCan(actor, 'lead.write')
  return db.$transaction(
    async (tx) => {
      const { ids, failed } = await resolveBulkTarget(tx, { actor, target, permission: 'lead.write' })
      const rows = ids.length
        ? await tx.$queryRaw<Array<{ id: string; old: string[]; new: string[] }>>`
      WITH next AS (
        SELECT l.id, l.tags AS old, ARRAY(SELECT t FROM unnest(l.tags) WITH ORDINALITY AS x(t, n) WHERE NOT t = ANY(${remove}::text[]) ORDER BY n) AS new
          FROM leads l WHERE l.org_id = ${orgId}::uuid AND l.id = ANY(${sqlIds(ids)}))
      UPDATE leads l SET tags = n.new, updated_at = now() FROM next n
       WHERE l.id = n.id AND n.new <> n.old
      RETURNING l.id, n.old, n.new`
        : []
      await recordActivities(
        tx,
        actor,
        rows.map((r) => ({ leadId: r.id, type: 'tags.changed' as const, data: { from: r.old, to: r.new } })),
      )
      await writeAudit(tx, {
        orgId,
        actor: auditActorOf(actor),
        action: 'lead.untag',
        targetType: 'lead',
        after: { tags: remove, ids, changed: rows.length },
      })
      return { succeeded: ids, failed }
    },
    { timeout: 30_000 },
  )
}

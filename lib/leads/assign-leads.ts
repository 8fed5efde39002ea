// Assign (or unassign with null) leads to a member of the org. Needs lead.assign (OWNER, ADMIN, MANAGER).
import 'server-only'
import { db } from '@/lib/db'
import { writeAudit } from '@/lib/audit/write-audit'
import { assertAssignee } from '@/lib/leads/assignee'
import { resolveBulkTarget, sqlIds } from '@/lib/leads/bulk-target'
import { assertCan, auditActorOf, type Actor } from '@/lib/auth/actor'
import { recordActivities } from '@/lib/leads/record-activity'
import type { BulkResult, BulkTarget } from '@/lib/leads/schemas'

export async function assignLeads({
  actor,
  target,
  assigneeId,
}: {
  actor: Actor
  target: BulkTarget
  assigneeId: string | null
}): Promise<BulkResult> {
  const orgId = assertCan(actor, 'lead.assign')
  return db.$transaction(
    async (tx) => {
      await assertAssignee(tx, { orgId, membershipId: assigneeId })
      const { ids, failed } = await resolveBulkTarget(tx, { actor, target, permission: 'lead.assign' })
      const rows = ids.length
        ? await tx.$queryRaw<Array<{ id: string; old: string | null }>>`
      UPDATE leads l SET assignee_id = ${assigneeId}::uuid, updated_at = now()
        FROM (SELECT id, assignee_id AS old FROM leads WHERE org_id = ${orgId}::uuid AND id = ANY(${sqlIds(ids)})) o
       WHERE l.id = o.id AND l.org_id = ${orgId}::uuid AND o.old IS DISTINCT FROM ${assigneeId}::uuid
      RETURNING l.id, o.old`
        : []
      await recordActivities(
        tx,
        actor,
        rows.map((r) => ({ leadId: r.id, type: 'assignment.changed' as const, data: { from: r.old, to: assigneeId } })),
      )
      await writeAudit(tx, {
        orgId,
        actor: auditActorOf(actor),
        action: 'lead.assign',
        targetType: 'lead',
        targetId: ids.length === 1 ? ids[0] : undefined,
        after: { assigneeId, ids, count: ids.length, changed: rows.length },
      })
      return { succeeded: ids, failed }
    },
    { timeout: 30_000 },
  )
}

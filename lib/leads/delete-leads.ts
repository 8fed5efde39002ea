// Soft delete (lead.delete: OWNER, ADMIN). Restorable for 30 days (restore-leads.ts); the address becomes free
// for a new live lead at once (the unique index only covers live rows).
import 'server-only'
import { db } from '@/lib/db'
import { writeAudit } from '@/lib/audit/write-audit'
import { resolveBulkTarget, sqlIds } from '@/lib/leads/bulk-target'
import { assertCan, auditActorOf, type Actor } from '@/lib/auth/actor'
import { recordActivities } from '@/lib/leads/record-activity'
import type { BulkResult, BulkTarget } from '@/lib/leads/schemas'

export async function deleteLeads({ actor, target }: { actor: Actor; target: BulkTarget }): Promise<BulkResult> {
  const orgId = assertCan(actor, 'lead.delete')
  return db.$transaction(
    async (tx) => {
      const { ids, failed } = await resolveBulkTarget(tx, { actor, target, permission: 'lead.delete' })
      if (ids.length)
        await tx.$executeRaw`UPDATE leads SET deleted_at = now(), updated_at = now() WHERE org_id = ${orgId}::uuid AND id = ANY(${sqlIds(ids)})`
      await recordActivities(
        tx,
        actor,
        ids.map((id) => ({ leadId: id, type: 'lead.deleted' as const })),
      )
      await writeAudit(tx, {
        orgId,
        actor: auditActorOf(actor),
        action: 'lead.delete',
        targetType: 'lead',
        targetId: ids.length === 1 ? ids[0] : undefined,
        after: { ids, count: ids.length },
      })
      return { succeeded: ids, failed }
    },
    { timeout: 30_000 },
  )
}

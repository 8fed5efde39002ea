// Status changes (single and bulk). LOST needs a reason; leaving LOST clears it (CHECK leads_lost_reason_chk).
import 'server-only'
import { db } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { writeAudit } from '@/lib/audit/write-audit'
import { resolveBulkTarget, sqlIds } from '@/lib/leads/bulk-target'
import { assertCan, auditActorOf, type Actor } from '@/lib/auth/actor'
import { recordActivities } from '@/lib/leads/record-activity'
import { leadIdSchema, type BulkResult, type BulkTarget, type LeadStatus } from '@/lib/leads/schemas'

/** `status`/`lostReason`: parsed by changeStatusSchema at the edge. LOST needs a reason (also a DB CHECK). */
export async function bulkChangeLeadStatus({
  actor,
  target,
  status,
  lostReason,
}: {
  actor: Actor
  target: BulkTarget
  status: LeadStatus
  lostReason?: string | null
}): Promise<BulkResult> {
  const orgId = assertCan(actor, 'lead.write')
  if (status === 'LOST' && !lostReason)
    throw new AppError('VALIDATION_FAILED', 'Say why the lead was lost', { details: { field: 'lostReason' } })
  return db.$transaction(
    async (tx) => {
      const { ids, failed } = await resolveBulkTarget(tx, { actor, target, permission: 'lead.write' })
      const reason = status === 'LOST' ? lostReason! : null
      const rows = ids.length
        ? await tx.$queryRaw<Array<{ id: string; old: string }>>`
      UPDATE leads l SET status = ${status}::"LeadStatus", lost_reason = ${reason}, updated_at = now()
        FROM (SELECT id, status::text AS old FROM leads WHERE org_id = ${orgId}::uuid AND id = ANY(${sqlIds(ids)})) o
       WHERE l.id = o.id AND l.org_id = ${orgId}::uuid
      RETURNING l.id, o.old`
        : []
      const changed = rows.filter((r) => r.old !== status || status === 'LOST')
      await recordActivities(
        tx,
        actor,
        changed.map((r) => ({ leadId: r.id, type: 'status.changed' as const, data: { from: r.old, to: status, lostReason: reason } })),
      )
      await writeAudit(tx, {
        orgId,
        actor: auditActorOf(actor),
        action: 'lead.status.change',
        targetType: 'lead',
        targetId: ids.length === 1 ? ids[0] : undefined,
        after: { status: status, lostReason: reason, ids, count: ids.length },
      })
      return { succeeded: ids, failed }
    },
    { timeout: 30_000 },
  )
}

/** One lead; throws NOT_FOUND when it is not visible to the actor. */
export async function changeLeadStatus({
  actor,
  leadId,
  status,
  lostReason,
}: {
  actor: Actor
  leadId: string
  status: LeadStatus
  lostReason?: string | null
}) {
  if (!leadIdSchema.safeParse(leadId).success) throw new AppError('NOT_FOUND', 'Lead not found')
  const r = await bulkChangeLeadStatus({ actor, target: { ids: [leadId] }, status, lostReason })
  if (!r.succeeded.length) throw new AppError('NOT_FOUND', 'Lead not found')
  return { id: leadId, status }
}

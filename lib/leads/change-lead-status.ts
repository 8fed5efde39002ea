// Status changes (single and bulk). LOST needs a reason; leaving LOST clears it (CHECK leads_lost_reason_chk).
import { db } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { writeAudit } from '@/lib/audit/write-audit'
import { resolveBulkTarget, sqlIds } from '@/lib/leads/bulk-target'
import { auditActor, type LeadActor } from '@/lib/leads/lead-actor'
import { recordActivities } from '@/lib/leads/record-activity'
import { bulkTargetSchema, leadIdSchema, leadStatusSchema, lostReasonSchema, type BulkResult, type BulkTarget } from '@/lib/leads/schemas'
import { z } from 'zod'

export const changeStatusSchema = z
  .object({ status: leadStatusSchema, lostReason: lostReasonSchema.nullish() })
  .refine((v) => v.status !== 'LOST' || !!v.lostReason, { path: ['lostReason'], message: 'Say why the lead was lost' })

export async function bulkChangeLeadStatus({ actor, target, status, lostReason }: {
  actor: LeadActor; target: BulkTarget; status: string; lostReason?: string | null
}): Promise<BulkResult> {
  const p = changeStatusSchema.parse({ status, lostReason })
  bulkTargetSchema.parse(target)
  return db.$transaction(async (tx) => {
    const { ids, failed } = await resolveBulkTarget(tx, { actor, target, permission: 'lead.write' })
    const reason = p.status === 'LOST' ? p.lostReason! : null
    const rows = ids.length ? await tx.$queryRaw<Array<{ id: string; old: string }>>`
      UPDATE leads l SET status = ${p.status}::"LeadStatus", lost_reason = ${reason}, updated_at = now()
        FROM (SELECT id, status::text AS old FROM leads WHERE org_id = ${actor.orgId}::uuid AND id = ANY(${sqlIds(ids)})) o
       WHERE l.id = o.id AND l.org_id = ${actor.orgId}::uuid
      RETURNING l.id, o.old` : []
    const changed = rows.filter((r) => r.old !== p.status || p.status === 'LOST')
    await recordActivities(tx, actor, changed.map((r) => ({ leadId: r.id, type: 'status.changed' as const, data: { from: r.old, to: p.status, lostReason: reason } })))
    await writeAudit(tx, {
      orgId: actor.orgId, actor: auditActor(actor), action: 'lead.status.change', targetType: 'lead',
      targetId: ids.length === 1 ? ids[0] : undefined, after: { status: p.status, lostReason: reason, ids, count: ids.length },
    })
    return { succeeded: ids, failed }
  }, { timeout: 30_000 })
}

/** One lead; throws NOT_FOUND when it is not visible to the actor. */
export async function changeLeadStatus({ actor, leadId, status, lostReason }: { actor: LeadActor; leadId: string; status: string; lostReason?: string | null }) {
  if (!leadIdSchema.safeParse(leadId).success) throw new AppError('NOT_FOUND', 'Lead not found')
  const r = await bulkChangeLeadStatus({ actor, target: { ids: [leadId] }, status, lostReason })
  if (!r.succeeded.length) throw new AppError('NOT_FOUND', 'Lead not found')
  return { id: leadId, status }
}


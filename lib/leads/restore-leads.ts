// Restore soft-deleted leads within 30 days. Fails per lead with EXPIRED (older) or ADDRESS_TAKEN (a live lead
// with the same address was created meanwhile).
import 'server-only'
import { db } from '@/lib/db'
import { writeAudit } from '@/lib/audit/write-audit'
import { assertCan, auditActorOf, type Actor } from '@/lib/auth/actor'
import { recordActivities } from '@/lib/leads/record-activity'
import type { BulkResult } from '@/lib/leads/schemas'

export const RESTORE_WINDOW_DAYS = 30

/** `ids`: parsed by restoreLeadsSchema at the edge */
export async function restoreLeads({ actor, ids }: { actor: Actor; ids: string[] }): Promise<BulkResult> {
  const orgId = assertCan(actor, 'lead.delete')
  const wanted = [...new Set(ids)]
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<Array<{ id: string; expired: boolean; taken: boolean }>>`
      SELECT l.id, l.deleted_at < now() - make_interval(days => ${RESTORE_WINDOW_DAYS}) AS expired,
             EXISTS (SELECT 1 FROM leads x WHERE x.org_id = l.org_id AND x.normalized_address = l.normalized_address AND x.deleted_at IS NULL) AS taken
        FROM leads l WHERE l.org_id = ${orgId}::uuid AND l.id = ANY(${wanted}::uuid[]) AND l.deleted_at IS NOT NULL FOR UPDATE OF l`
    const found = new Map(rows.map((r) => [r.id, r]))
    const failed: BulkResult['failed'] = []
    const ok: string[] = []
    for (const id of wanted) {
      const r = found.get(id)
      if (!r) failed.push({ id, reason: 'NOT_FOUND' })
      else if (r.expired) failed.push({ id, reason: 'EXPIRED' })
      else if (r.taken) failed.push({ id, reason: 'ADDRESS_TAKEN' })
      else ok.push(id)
    }
    if (ok.length)
      await tx.$executeRaw`UPDATE leads SET deleted_at = NULL, updated_at = now() WHERE org_id = ${orgId}::uuid AND id = ANY(${ok}::uuid[])`
    await recordActivities(
      tx,
      actor,
      ok.map((id) => ({ leadId: id, type: 'lead.restored' as const })),
    )
    await writeAudit(tx, {
      orgId,
      actor: auditActorOf(actor),
      action: 'lead.restore',
      targetType: 'lead',
      after: { ids: ok, count: ok.length },
    })
    return { succeeded: ok, failed }
  })
}

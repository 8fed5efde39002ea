// Re-runs a finished scan's failed properties (a provider outage, an unusable image): they go back to PENDING with
// their stage kept (a property that failed after its image was stored resumes at the assessment), the scan goes
// back to RUNNING, and their jobs are queued in the same transaction. Properties discarded in review stay failed.
import 'server-only'
import { db } from '@/lib/db'
import { AppError, notFound } from '@/lib/errors'
import { writeAudit } from '@/lib/audit/write-audit'
import { assertCan, auditActorOf, type Actor } from '@/lib/auth/actor'
import { assertBillableWorkAllowed } from '@/lib/billing/entitlements'
import { enqueueMany, prepareQueues } from '@/lib/jobs/enqueue'
import { scanIdSchema } from '@/lib/scans/schemas'

export const DISCARDED_IN_REVIEW = 'Discarded in review'

export async function retryFailedProperties({ actor, scanId }: { actor: Actor; scanId: string }): Promise<{ requeued: number }> {
  const orgId = assertCan(actor, 'scan.run')
  if (!scanIdSchema.safeParse(scanId).success) throw notFound('Scan')
  // re-running properties is new work: refused while the org is read-only or dispute-frozen
  await assertBillableWorkAllowed({ orgId, what: 'scan' })
  await prepareQueues(['scans.property'])
  return db.$transaction(async (tx) => {
    const [scan] = await tx.$queryRaw<Array<{ status: string }>>`
      SELECT status::text FROM scans WHERE id = ${scanId}::uuid AND org_id = ${orgId}::uuid FOR UPDATE`
    if (!scan) throw notFound('Scan')
    if (scan.status !== 'COMPLETED' && scan.status !== 'FAILED')
      throw new AppError('CONFLICT', 'Failed properties can be re-run once the scan has finished', {
        details: { reason: 'SCAN_RUNNING', status: scan.status },
      })
    const failed = await tx.scanProperty.findMany({
      where: { scanId, orgId, status: 'FAILED', NOT: { lastError: DISCARDED_IN_REVIEW } },
      select: { id: true },
    })
    if (!failed.length) return { requeued: 0 }
    const ids = failed.map((p) => p.id)
    await tx.scanProperty.updateMany({ where: { id: { in: ids }, orgId }, data: { status: 'PENDING', attempts: 0, lastError: null } })
    await tx.scan.update({
      where: { id: scanId, orgId },
      data: { status: 'RUNNING', failed: { decrement: ids.length }, finishedAt: null, error: null },
      select: { id: true },
    })
    await enqueueMany({ queue: 'scans.property', jobs: ids.map((id) => ({ data: { propertyId: id, orgId }, singletonKey: id })), tx })
    await writeAudit(tx, {
      orgId,
      actor: auditActorOf(actor),
      action: 'scan.retry_failed',
      targetType: 'scan',
      targetId: scanId,
      after: { requeued: ids.length },
    })
    return { requeued: ids.length }
  })
}

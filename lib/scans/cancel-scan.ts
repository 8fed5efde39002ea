// Cancels a pending or running scan: properties not finished are marked CANCELED (the pipeline checks the scan's
// status before every stage, so no new provider call starts after this commits); finished work is kept.
import 'server-only'
import { db } from '@/lib/db'
import { AppError, notFound } from '@/lib/errors'
import { writeAudit } from '@/lib/audit/write-audit'
import { assertCan, auditActorOf, type Actor } from '@/lib/auth/actor'
import { scanIdSchema } from '@/lib/scans/schemas'

export async function cancelScan({ actor, scanId }: { actor: Actor; scanId: string }) {
  const orgId = assertCan(actor, 'scan.run')
  if (!scanIdSchema.safeParse(scanId).success) throw notFound('Scan')
  return db.$transaction(async (tx) => {
    const [scan] = await tx.$queryRaw<Array<{ id: string; status: string }>>`
      SELECT id, status::text FROM scans WHERE id = ${scanId}::uuid AND org_id = ${orgId}::uuid FOR UPDATE`
    if (!scan) throw notFound('Scan')
    if (scan.status === 'CANCELED') return { id: scanId, status: 'CANCELED' as const }
    if (scan.status !== 'PENDING' && scan.status !== 'RUNNING')
      throw new AppError('CONFLICT', 'Only a pending or running scan can be canceled', {
        details: { reason: 'SCAN_FINISHED', status: scan.status },
      })
    const now = new Date()
    const stopped = await tx.scanProperty.updateMany({
      where: { scanId, orgId, status: { in: ['PENDING', 'RUNNING'] } },
      data: { status: 'CANCELED' },
    })
    await tx.scan.update({ where: { id: scanId }, data: { status: 'CANCELED', canceledAt: now, finishedAt: now }, select: { id: true } })
    await writeAudit(tx, {
      orgId,
      actor: auditActorOf(actor),
      action: 'scan.cancel',
      targetType: 'scan',
      targetId: scanId,
      before: { status: scan.status },
      after: { status: 'CANCELED', propertiesStopped: stopped.count },
    })
    return { id: scanId, status: 'CANCELED' as const }
  })
}

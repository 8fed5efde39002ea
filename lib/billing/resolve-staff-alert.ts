// Staff mark a staff alert (reconciliation difference, card dispute, dispute-rate review) as handled. STAFF_ADMIN only
// (staff.billing.adjust); audited in the same transaction. Resolving twice answers CONFLICT, a missing alert NOT_FOUND.
import 'server-only'
import { db } from '@/lib/db'
import { AppError, notFound } from '@/lib/errors'
import { assertStaffCan, type Actor } from '@/lib/auth/actor'
import { writeStaffAudit } from '@/lib/audit/staff-audit'

export async function unsafeResolveStaffAlert({
  actor,
  alertId,
}: {
  actor: Actor
  alertId: string
}): Promise<{ id: string; resolvedAt: Date }> {
  const staff = assertStaffCan(actor, 'staff.billing.adjust')
  return db.$transaction(async (tx) => {
    const now = new Date()
    // guarded: only an open alert is resolved, so two staff clicking at once resolve it once
    const res = await tx.staffAlert.updateMany({
      where: { id: alertId, resolvedAt: null },
      data: { resolvedAt: now, resolvedById: staff.userId },
    })
    if (res.count === 0) {
      const exists = await tx.staffAlert.findUnique({ where: { id: alertId }, select: { id: true } })
      if (!exists) throw notFound('Staff alert')
      throw new AppError('CONFLICT', 'This alert was already resolved')
    }
    const alert = await tx.staffAlert.findUniqueOrThrow({ where: { id: alertId }, select: { orgId: true, kind: true, title: true } })
    await writeStaffAudit(tx, {
      actor: staff,
      orgId: alert.orgId,
      action: 'staff.billing.alert.resolve',
      targetType: 'staff_alert',
      targetId: alertId,
      after: { kind: alert.kind, title: alert.title },
    })
    return { id: alertId, resolvedAt: now }
  })
}

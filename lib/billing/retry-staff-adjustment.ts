// Staff retry a credit or refund that FAILED at Stripe (or is still PENDING after a crash). STAFF_ADMIN only. The same
// row is run again with the same idempotency key (`staff-adjustment:<row id>`), so whatever Stripe already did for it
// is answered back, never done twice. A FAILED refund is checked against the invoice again (its amount stopped
// counting when it failed): the invoice row is locked, and over the refundable amount → REFUND_EXCEEDS_PAID.
import 'server-only'
import { db } from '@/lib/db'
import { notFound } from '@/lib/errors'
import { assertStaffCan, type Actor } from '@/lib/auth/actor'
import { writeStaffAudit } from '@/lib/audit/staff-audit'
import { retryStaffAdjustmentSchema, type RetryStaffAdjustmentInput } from '@/lib/billing/staff-adjustment-schemas'
import { assertRefundable, lockRefundableInvoice } from '@/lib/billing/issue-staff-refund'
import { runStaffAdjustment, type StaffAdjustmentResult } from '@/lib/billing/staff-adjustment-run'

export async function unsafeRetryStaffAdjustment({
  actor,
  ...raw
}: { actor: Actor } & RetryStaffAdjustmentInput): Promise<StaffAdjustmentResult> {
  const staff = assertStaffCan(actor, 'staff.billing.adjust')
  const { adjustmentId } = retryStaffAdjustmentSchema.parse(raw)
  await db.$transaction(async (tx) => {
    const row = await tx.billingAdjustment.findUnique({
      where: { id: adjustmentId },
      select: { id: true, orgId: true, kind: true, amountCents: true, invoiceId: true, status: true },
    })
    if (!row) throw notFound('Adjustment')
    if (row.status !== 'FAILED') return // PENDING runs again as it is; DONE answers its result
    if (row.kind === 'REFUND') assertRefundable(await lockRefundableInvoice(tx, row.invoiceId!, row.id), row.amountCents)
    const { count } = await tx.billingAdjustment.updateMany({
      where: { id: row.id, status: 'FAILED' },
      data: { status: 'PENDING', error: null, completedAt: null },
    })
    if (count)
      await writeStaffAudit(tx, {
        actor: staff,
        orgId: row.orgId,
        action: 'staff.billing.adjustment.retry',
        targetType: 'billing_adjustment',
        targetId: row.id,
        after: { kind: row.kind, amountCents: row.amountCents, invoiceId: row.invoiceId },
      })
  })
  return runStaffAdjustment({ staff, adjustmentId })
}

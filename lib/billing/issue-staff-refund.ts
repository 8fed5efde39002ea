// Staff refund a PAID invoice (billing_invoices, as last re-read from Stripe), fully or in part. STAFF_ADMIN only
// (staff.billing.adjust): STAFF_SUPPORT → FORBIDDEN, anyone else → NOT_FOUND. The amount (default: everything not
// refunded yet) is at most what the invoice collected minus its earlier refunds (PENDING and DONE rows count) →
// else VALIDATION_FAILED reason REFUND_EXCEEDS_PAID with the numbers; an invoice that is not paid → INVOICE_NOT_PAID.
// The invoice row is locked while the refund row is written PENDING with its audit row, so two staff refunding the
// same invoice at once can never refund more than it collected; Stripe is called after the transaction with the
// idempotency key from the row id (lib/billing/staff-adjustment-run.ts), then the row is DONE or FAILED.
import 'server-only'
import type { Tx } from '@/lib/db'
import { db } from '@/lib/db'
import { AppError, notFound } from '@/lib/errors'
import { assertStaffCan, type Actor } from '@/lib/auth/actor'
import { writeStaffAudit } from '@/lib/audit/staff-audit'
import { isStripeLive } from '@/lib/external/stripe'
import { issueStaffRefundSchema, type IssueStaffRefundInput } from '@/lib/billing/staff-adjustment-schemas'
import { runStaffAdjustment, type StaffAdjustmentResult } from '@/lib/billing/staff-adjustment-run'

export interface LockedInvoice {
  id: string
  orgId: string
  status: string
  paidCents: number
  /** refunds of it, PENDING or DONE (other than `excludeId`) */
  refundedCents: number
  refundableCents: number
  sandbox: boolean
}

/** Locks the invoice row (FOR UPDATE) and counts what is left to refund. NOT_FOUND when absent or its org deleted. */
export async function lockRefundableInvoice(tx: Tx, invoiceId: string, excludeId?: string): Promise<LockedInvoice> {
  const [inv] = await tx.$queryRaw<Array<{ id: string; org_id: string; status: string; amount_paid_cents: number; sandbox: boolean }>>`
    SELECT i.id, i.org_id, i.status, i.amount_paid_cents, b.sandbox
      FROM billing_invoices i
      JOIN organizations o ON o.id = i.org_id AND o.deleted_at IS NULL
      JOIN billing_accounts b ON b.org_id = i.org_id
     WHERE i.id = ${invoiceId}
       FOR UPDATE OF i`
  if (!inv) throw notFound('Invoice')
  const agg = await tx.billingAdjustment.aggregate({
    where: { invoiceId, kind: 'REFUND', status: { in: ['PENDING', 'DONE'] }, ...(excludeId ? { id: { not: excludeId } } : {}) },
    _sum: { amountCents: true },
  })
  const refundedCents = agg._sum.amountCents ?? 0
  const paidCents = inv.status === 'paid' ? inv.amount_paid_cents : 0
  return {
    id: inv.id,
    orgId: inv.org_id,
    status: inv.status,
    paidCents,
    refundedCents,
    refundableCents: Math.max(0, paidCents - refundedCents),
    sandbox: inv.sandbox,
  }
}

/** Refuses an amount the invoice cannot give back (not paid, or more than paid minus earlier refunds). */
export function assertRefundable(inv: LockedInvoice, amountCents: number): void {
  if (inv.status !== 'paid' || inv.paidCents <= 0)
    throw new AppError('VALIDATION_FAILED', `Only a paid invoice can be refunded (this one is ${inv.status})`, {
      details: { reason: 'INVOICE_NOT_PAID', status: inv.status },
    })
  if (amountCents > inv.refundableCents)
    throw new AppError(
      'VALIDATION_FAILED',
      inv.refundableCents === 0
        ? 'This invoice is already refunded in full'
        : `At most ${(inv.refundableCents / 100).toFixed(2)} USD of this invoice can still be refunded`,
      {
        details: {
          reason: 'REFUND_EXCEEDS_PAID',
          paidCents: inv.paidCents,
          refundedCents: inv.refundedCents,
          refundableCents: inv.refundableCents,
          requestedCents: amountCents,
        },
      },
    )
}

export async function unsafeIssueStaffRefund({ actor, ...raw }: { actor: Actor } & IssueStaffRefundInput): Promise<StaffAdjustmentResult> {
  const staff = assertStaffCan(actor, 'staff.billing.adjust')
  const input = issueStaffRefundSchema.parse(raw)

  const adjustmentId = await db.$transaction(async (tx) => {
    const inv = await lockRefundableInvoice(tx, input.invoiceId, input.requestId)
    if (input.requestId) {
      const seen = await tx.billingAdjustment.findUnique({
        where: { id: input.requestId },
        select: { id: true, kind: true, invoiceId: true, amountCents: true, status: true },
      })
      if (seen) {
        if (
          seen.kind !== 'REFUND' ||
          seen.invoiceId !== inv.id ||
          (input.amountCents !== undefined && input.amountCents !== seen.amountCents)
        )
          throw new AppError('CONFLICT', 'This request id was used for a different adjustment', {
            details: { reason: 'IDEMPOTENCY_KEY_REUSED' },
          })
        if (seen.status === 'FAILED') {
          // submitted again after it failed: a retry, counted against the invoice again
          assertRefundable(inv, seen.amountCents)
          await tx.billingAdjustment.update({
            where: { id: seen.id },
            data: { status: 'PENDING', error: null, completedAt: null },
            select: { id: true },
          })
        }
        return seen.id
      }
    }
    const amountCents = input.amountCents ?? inv.refundableCents
    assertRefundable(inv, Math.max(1, amountCents))
    const sandbox = inv.sandbox || !isStripeLive()
    const row = await tx.billingAdjustment.create({
      data: {
        ...(input.requestId ? { id: input.requestId } : {}),
        orgId: inv.orgId,
        kind: 'REFUND',
        amountCents,
        reason: input.reason,
        note: input.note,
        invoiceId: inv.id,
        sandbox,
        createdById: staff.userId,
      },
      select: { id: true },
    })
    await writeStaffAudit(tx, {
      actor: staff,
      orgId: inv.orgId,
      action: 'staff.billing.refund.issue',
      targetType: 'billing_adjustment',
      targetId: row.id,
      after: {
        invoiceId: inv.id,
        amountCents,
        paidCents: inv.paidCents,
        refundedBeforeCents: inv.refundedCents,
        reason: input.reason,
        note: input.note,
        sandbox,
        status: 'PENDING',
      },
    })
    return row.id
  })
  return runStaffAdjustment({ staff, adjustmentId })
}

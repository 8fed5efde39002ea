// The Stripe half of a staff credit or refund (lib/billing/issue-staff-credit.ts, issue-staff-refund.ts,
// retry-staff-adjustment.ts). The row was committed PENDING with its audit row; this calls Stripe OUTSIDE any
// transaction with the idempotency key `staff-adjustment:<row id>` — a second run of the same row (a retry, a double
// submit, a crash after Stripe answered) gets Stripe's first answer back and never credits or refunds twice — then
// marks the row DONE (Stripe's object id) or FAILED (the error, which is thrown on to the caller). Sandbox rows
// (a sandbox account, or Stripe not configured) never reach Stripe: a deterministic sandbox id, labelled.
import 'server-only'
import { db } from '@/lib/db'
import { AppError, notFound, toAppError } from '@/lib/errors'
import type { StaffActor } from '@/lib/auth/actor'
import { writeStaffAudit } from '@/lib/audit/staff-audit'
import { createCustomerCredit, createRefund } from '@/lib/external/stripe'
import { sandboxId } from '@/lib/external/sandbox'
import { STAFF_ADJUSTMENT_REASON_LABELS, type StaffAdjustmentReason } from '@/lib/billing/staff-adjustment-schemas'

export const staffAdjustmentIdempotencyKey = (adjustmentId: string) => `staff-adjustment:${adjustmentId}`

export interface StaffAdjustmentResult {
  adjustmentId: string
  orgId: string
  kind: 'CREDIT' | 'REFUND'
  amountCents: number
  invoiceId: string | null
  status: 'DONE'
  stripeObjectId: string
  sandbox: boolean
}

const ERROR_MAX = 1000

/** The text stored on a FAILED row: our message plus Stripe's own when there is one. */
function errorText(e: AppError): string {
  const cause = e.cause as { message?: unknown } | undefined
  const upstream = typeof cause?.message === 'string' && cause.message !== e.message ? ` — ${cause.message}` : ''
  return `${e.message}${upstream}`.slice(0, ERROR_MAX)
}

/** Runs (or re-runs) the Stripe side of adjustment `adjustmentId`; DONE rows return as they are. */
export async function runStaffAdjustment({
  staff,
  adjustmentId,
}: {
  staff: StaffActor
  adjustmentId: string
}): Promise<StaffAdjustmentResult> {
  const row = await db.billingAdjustment.findUnique({
    where: { id: adjustmentId },
    select: {
      id: true,
      orgId: true,
      kind: true,
      amountCents: true,
      reason: true,
      invoiceId: true,
      sandbox: true,
      status: true,
      stripeObjectId: true,
      org: { select: { billingAccount: { select: { stripeCustomerId: true } } } },
    },
  })
  if (!row) throw notFound('Adjustment')
  const result = (stripeObjectId: string): StaffAdjustmentResult => ({
    adjustmentId: row.id,
    orgId: row.orgId,
    kind: row.kind,
    amountCents: row.amountCents,
    invoiceId: row.invoiceId,
    status: 'DONE',
    stripeObjectId,
    sandbox: row.sandbox,
  })
  if (row.status === 'DONE') return result(row.stripeObjectId!)

  const idempotencyKey = staffAdjustmentIdempotencyKey(row.id)
  const label = STAFF_ADJUSTMENT_REASON_LABELS[row.reason as StaffAdjustmentReason] ?? row.reason
  const metadata = { org_id: row.orgId, billing_adjustment_id: row.id, reason: row.reason, staff_user_id: staff.userId }
  let stripeObjectId: string
  try {
    if (row.kind === 'CREDIT') {
      if (row.sandbox) stripeObjectId = sandboxId('cbtxn', idempotencyKey)
      else {
        const customerId = row.org.billingAccount?.stripeCustomerId
        if (!customerId)
          throw new AppError('VALIDATION_FAILED', 'This organization has no Stripe customer to credit', {
            details: { reason: 'NO_STRIPE_CUSTOMER' },
          })
        const t = await createCustomerCredit({
          customerId,
          amountCents: row.amountCents,
          description: `Fish Mouth credit (${label.toLowerCase()})`,
          idempotencyKey,
          metadata,
        })
        stripeObjectId = t.id
      }
    } else {
      if (row.sandbox) stripeObjectId = sandboxId('re', idempotencyKey)
      else {
        const r = await createRefund({
          invoiceId: row.invoiceId!,
          amountCents: row.amountCents,
          idempotencyKey,
          reason: row.reason === 'billing_error' ? 'duplicate' : 'requested_by_customer',
          metadata: { ...metadata, invoice_id: row.invoiceId! },
        })
        stripeObjectId = r.id
      }
    }
  } catch (err) {
    const e = toAppError(err)
    const error = errorText(e)
    await db.$transaction(async (tx) => {
      // only a row still waiting fails: a concurrent run that got Stripe's answer already made it DONE
      const { count } = await tx.billingAdjustment.updateMany({
        where: { id: row.id, status: 'PENDING' },
        data: { status: 'FAILED', error, completedAt: new Date() },
      })
      if (count)
        await writeStaffAudit(tx, {
          actor: staff,
          orgId: row.orgId,
          action: 'staff.billing.adjustment.failed',
          targetType: 'billing_adjustment',
          targetId: row.id,
          after: { kind: row.kind, amountCents: row.amountCents, invoiceId: row.invoiceId, error, code: e.code },
        })
    })
    const what = row.kind === 'CREDIT' ? 'credit' : 'refund'
    throw new AppError(e.code, `The ${what} was not applied: ${e.message}`, {
      details: { ...(e.details ?? {}), adjustmentId: row.id },
      cause: e.cause ?? e,
      retryAfter: e.retryAfter,
    })
  }

  await db.$transaction(async (tx) => {
    // Stripe's answer for this key is final: it makes a PENDING (or a FAILED that a concurrent run marked) row DONE
    const { count } = await tx.billingAdjustment.updateMany({
      where: { id: row.id, status: { in: ['PENDING', 'FAILED'] } },
      data: { status: 'DONE', stripeObjectId, error: null, completedAt: new Date() },
    })
    if (count)
      await writeStaffAudit(tx, {
        actor: staff,
        orgId: row.orgId,
        action: 'staff.billing.adjustment.done',
        targetType: 'billing_adjustment',
        targetId: row.id,
        after: { kind: row.kind, amountCents: row.amountCents, invoiceId: row.invoiceId, stripeObjectId, sandbox: row.sandbox },
      })
  })
  return result(stripeObjectId)
}

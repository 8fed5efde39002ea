// Staff credit an organization's Stripe customer balance (goodwill, a service issue, a billing error): the next
// invoices use it first. STAFF_ADMIN only (staff.billing.adjust): STAFF_SUPPORT → FORBIDDEN, anyone else → NOT_FOUND.
// Integer cents 1 … $10,000, a reason and a note. One transaction writes the billing_adjustments row PENDING with its
// audit row; Stripe is called after it (lib/billing/staff-adjustment-run.ts: idempotency key from the row id), then
// the row is DONE or FAILED (the error is thrown on). A sandbox account, or Stripe not configured, records the credit
// labelled sandbox and bills nobody. `requestId` (optional, a uuid made by the form) is the row's id: submitting the
// same request again runs that row again instead of making a second credit.
import 'server-only'
import { db } from '@/lib/db'
import { AppError, notFound } from '@/lib/errors'
import { assertStaffCan, type Actor } from '@/lib/auth/actor'
import { writeStaffAudit } from '@/lib/audit/staff-audit'
import { isStripeLive } from '@/lib/external/stripe'
import { issueStaffCreditSchema, type IssueStaffCreditInput } from '@/lib/billing/staff-adjustment-schemas'
import { runStaffAdjustment, type StaffAdjustmentResult } from '@/lib/billing/staff-adjustment-run'

export async function unsafeIssueStaffCredit({ actor, ...raw }: { actor: Actor } & IssueStaffCreditInput): Promise<StaffAdjustmentResult> {
  const staff = assertStaffCan(actor, 'staff.billing.adjust')
  // parsed here too: money moves on this input, whoever calls
  const input = issueStaffCreditSchema.parse(raw)
  const account = await db.billingAccount.findFirst({
    where: { orgId: input.orgId, org: { deletedAt: null } },
    select: { stripeCustomerId: true, sandbox: true },
  })
  if (!account) throw notFound('Organization')
  const sandbox = account.sandbox || !isStripeLive()
  if (!sandbox && !account.stripeCustomerId)
    throw new AppError(
      'VALIDATION_FAILED',
      'This organization has no Stripe customer yet (it never checked out), so there is nothing to credit',
      {
        details: { reason: 'NO_STRIPE_CUSTOMER' },
      },
    )

  const adjustmentId = await db.$transaction(async (tx) => {
    if (input.requestId) {
      const seen = await tx.billingAdjustment.findUnique({
        where: { id: input.requestId },
        select: { id: true, orgId: true, kind: true, amountCents: true, status: true },
      })
      if (seen) {
        if (seen.kind !== 'CREDIT' || seen.orgId !== input.orgId || seen.amountCents !== input.amountCents)
          throw new AppError('CONFLICT', 'This request id was used for a different adjustment', {
            details: { reason: 'IDEMPOTENCY_KEY_REUSED' },
          })
        // submitted again after it failed: a retry of the same row (same Stripe idempotency key)
        if (seen.status === 'FAILED')
          await tx.billingAdjustment.update({
            where: { id: seen.id },
            data: { status: 'PENDING', error: null, completedAt: null },
            select: { id: true },
          })
        return seen.id
      }
    }
    const row = await tx.billingAdjustment.create({
      data: {
        ...(input.requestId ? { id: input.requestId } : {}),
        orgId: input.orgId,
        kind: 'CREDIT',
        amountCents: input.amountCents,
        reason: input.reason,
        note: input.note,
        sandbox,
        createdById: staff.userId,
      },
      select: { id: true },
    })
    await writeStaffAudit(tx, {
      actor: staff,
      orgId: input.orgId,
      action: 'staff.billing.credit.issue',
      targetType: 'billing_adjustment',
      targetId: row.id,
      after: { amountCents: input.amountCents, reason: input.reason, note: input.note, sandbox, status: 'PENDING' },
    })
    return row.id
  })
  return runStaffAdjustment({ staff, adjustmentId })
}

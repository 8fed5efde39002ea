'use server'
// Staff revenue console actions (STAFF_ADMIN: staff.billing.adjust; the use cases assert it and write the audit row in
// the same transaction). Each: session from the DB registry → staff actor (non-staff: NOT_FOUND) → zod → one call.
import { revalidatePath } from 'next/cache'
import { z } from 'zod'
import { userAction } from '@/lib/actions/define-action'
import { staffActor } from '@/lib/auth/actor'
import { unsafeResolveStaffAlert } from '@/lib/billing/resolve-staff-alert'
import { unsafeDecideLeadDispute } from '@/lib/billing/decide-lead-dispute'
import { unsafeLiftDisputeFreeze } from '@/lib/billing/lift-dispute-freeze'
import { decideLeadDisputeSchema, liftDisputeFreezeSchema } from '@/lib/billing/lead-dispute-schemas'
import { unsafeIssueStaffCredit } from '@/lib/billing/issue-staff-credit'
import { unsafeIssueStaffRefund } from '@/lib/billing/issue-staff-refund'
import { unsafeRetryStaffAdjustment } from '@/lib/billing/retry-staff-adjustment'
import { issueStaffCreditSchema, issueStaffRefundSchema, retryStaffAdjustmentSchema } from '@/lib/billing/staff-adjustment-schemas'

/** revalidatePath only works inside a Next request; tests call these actions directly. */
function refresh() {
  try {
    revalidatePath('/admin/billing')
  } catch {
    // outside a request: nothing to revalidate
  }
}

export const resolveStaffAlertAction = userAction(z.object({ alertId: z.uuid() }), async ({ input, session }) => {
  const res = await unsafeResolveStaffAlert({ actor: staffActor(session.user), alertId: input.alertId })
  refresh()
  return res
})

export const decideLeadDisputeAction = userAction(decideLeadDisputeSchema, async ({ input, session }) => {
  const res = await unsafeDecideLeadDispute({ actor: staffActor(session.user), ...input })
  refresh()
  return res
})

export const liftDisputeFreezeAction = userAction(liftDisputeFreezeSchema, async ({ input, session }) => {
  const res = await unsafeLiftDisputeFreeze({ actor: staffActor(session.user), ...input })
  refresh()
  return res
})

/** A credit on an org's Stripe balance (audited; PENDING → DONE/FAILED). */
export const issueStaffCreditAction = userAction(issueStaffCreditSchema, async ({ input, session }) => {
  try {
    return await unsafeIssueStaffCredit({ actor: staffActor(session.user), ...input })
  } finally {
    refresh() // a FAILED row is news too
  }
})

/** A refund of a paid invoice, full or partial (audited; PENDING → DONE/FAILED). */
export const issueStaffRefundAction = userAction(issueStaffRefundSchema, async ({ input, session }) => {
  try {
    return await unsafeIssueStaffRefund({ actor: staffActor(session.user), ...input })
  } finally {
    refresh()
  }
})

/** Runs a FAILED (or stuck PENDING) credit/refund again with its own idempotency key. */
export const retryStaffAdjustmentAction = userAction(retryStaffAdjustmentSchema, async ({ input, session }) => {
  try {
    return await unsafeRetryStaffAdjustment({ actor: staffActor(session.user), ...input })
  } finally {
    refresh()
  }
})

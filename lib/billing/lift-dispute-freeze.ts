// Staff lift the freeze a card dispute (charge.dispute.created) put on an org's billable work, once the dispute is
// settled with the customer. STAFF_ADMIN only (staff.billing.adjust), with a reason; audited. Lifting an org that
// is not frozen changes nothing (lifted: false); an unknown org → NOT_FOUND. Cross-org by nature (staff).
import 'server-only'
import { db } from '@/lib/db'
import { notFound } from '@/lib/errors'
import { assertStaffCan, type Actor } from '@/lib/auth/actor'
import { writeStaffAudit } from '@/lib/audit/staff-audit'
import type { LiftDisputeFreezeInput } from '@/lib/billing/lead-dispute-schemas'

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** `orgId`, `note`: parsed by liftDisputeFreezeSchema at the edge. */
export async function unsafeLiftDisputeFreeze({
  actor,
  orgId,
  note,
}: { actor: Actor } & LiftDisputeFreezeInput): Promise<{ orgId: string; lifted: boolean; frozenAt: Date | null }> {
  const staff = assertStaffCan(actor, 'staff.billing.adjust')
  if (!UUID_RE.test(orgId)) throw notFound('Organization')
  return db.$transaction(async (tx) => {
    const [account] = await tx.$queryRaw<Array<{ dispute_frozen_at: Date | null }>>`
      SELECT dispute_frozen_at FROM billing_accounts WHERE org_id = ${orgId}::uuid FOR UPDATE`
    if (!account) throw notFound('Organization')
    if (!account.dispute_frozen_at) return { orgId, lifted: false, frozenAt: null }
    await tx.billingAccount.update({ where: { orgId }, data: { disputeFrozenAt: null }, select: { id: true } })
    await writeStaffAudit(tx, {
      actor: staff,
      orgId,
      action: 'staff.billing.dispute_freeze.lift',
      targetType: 'billing_account',
      targetId: orgId,
      before: { disputeFrozenAt: account.dispute_frozen_at },
      after: { disputeFrozenAt: null, note },
    })
    return { orgId, lifted: true, frozenAt: account.dispute_frozen_at }
  })
}

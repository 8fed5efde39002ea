// The OWNER sets the monthly usage spend cap (the overage policy, PRODUCT §3): nothing billable is ever charged above
// it. Integer cents, 0–$1,000,000 (the billing_accounts CHECK is the last guard). Audited with before/after; setting
// the same value again changes nothing and writes no row. Lowering it below this period's spend is allowed: billable
// actions are then refused (QUOTA_EXCEEDED reason SPEND_CAP) until it is raised or the period rolls over.
import 'server-only'
import { db } from '@/lib/db'
import { AppError, notFound } from '@/lib/errors'
import { writeAudit } from '@/lib/audit/write-audit'
import { assertCan, auditActorOf, type Actor } from '@/lib/auth/actor'
import { MAX_SPEND_CAP_CENTS } from '@/lib/billing/spend-cap-schema'

export interface SpendCapResult {
  capCents: number
  previousCapCents: number
  changed: boolean
}

export async function setSpendCap({ actor, capCents }: { actor: Actor; capCents: number }): Promise<SpendCapResult> {
  const orgId = assertCan(actor, 'billing.manage')
  if (!Number.isSafeInteger(capCents) || capCents < 0 || capCents > MAX_SPEND_CAP_CENTS) {
    throw new AppError('VALIDATION_FAILED', 'The spend cap must be a whole number of cents between $0 and $1,000,000', {
      details: { issues: [{ path: 'capCents', message: 'between 0 and 100000000 integer cents', code: 'custom' }] },
    })
  }
  return db.$transaction(async (tx) => {
    // the row lock orders concurrent changes, so each audit row's "before" is the value it replaced
    const rows = await tx.$queryRaw<{ spend_cap_cents: number }[]>`
      SELECT b.spend_cap_cents FROM billing_accounts b JOIN organizations o ON o.id = b.org_id
      WHERE b.org_id = ${orgId}::uuid AND o.deleted_at IS NULL FOR UPDATE OF b`
    const before = rows[0]
    if (!before) throw notFound('Billing account')
    if (before.spend_cap_cents === capCents) return { capCents, previousCapCents: capCents, changed: false }
    await tx.billingAccount.update({ where: { orgId }, data: { spendCapCents: capCents }, select: { id: true } })
    await writeAudit(tx, {
      orgId,
      actor: auditActorOf(actor),
      action: 'billing.spend_cap.change',
      targetType: 'billing_account',
      targetId: orgId,
      before: { spendCapCents: before.spend_cap_cents },
      after: { spendCapCents: capCents },
    })
    return { capCents, previousCapCents: before.spend_cap_cents, changed: true }
  })
}

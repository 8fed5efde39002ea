// Monthly plan allowances that are not money (PRODUCT §3): AI ad generations — 0 on Trial, 5 per month on
// Professional, unlimited on Enterprise (lib/billing/plans.ts). The feature that spends one (AI ads, issue #12) calls
// `takePlanQuota` BEFORE the provider call and `givePlanQuotaBack` if the call fails, like a spend reservation:
// one guarded UPDATE (used + 1 <= limit) on the (org, quota, period) row, never check-then-act. The period is the
// billing account's usage period (lib/billing/period.ts), so the allowance renews with the subscription.
import 'server-only'
import { z } from 'zod'
import { db, type Tx } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { assertCan, type Actor } from '@/lib/auth/actor'
import { assertPlanHas } from '@/lib/billing/plan-gates'
import { getPlan, type PlanId } from '@/lib/billing/plans'
import { currentPeriod, type Period } from '@/lib/billing/period'
import { assertBillableWorkAllowed } from '@/lib/billing/entitlements'

export const PLAN_QUOTAS = ['ai_ad_generation'] as const
export type PlanQuota = (typeof PLAN_QUOTAS)[number]
const quotaSchema = z.enum(PLAN_QUOTAS)

const LIMIT: Record<PlanQuota, (plan: PlanId) => number | null> = {
  ai_ad_generation: (plan) => getPlan(plan).aiAdGenerationsPerMonth,
}
const GATE = { ai_ad_generation: 'ai.ad_generation' } as const
const LABEL: Record<PlanQuota, string> = { ai_ad_generation: 'AI ad generations' }

export interface PlanQuotaTaken {
  quota: PlanQuota
  periodStart: Date
  used: number
  /** null = unlimited */
  limit: number | null
}

async function load(tx: Tx, orgId: string, now: Date): Promise<{ plan: PlanId; period: Period }> {
  const org = await tx.organization.findUniqueOrThrow({
    where: { id: orgId },
    select: { plan: true, billingAccount: { select: { periodStart: true, periodEnd: true } } },
  })
  if (!org.billingAccount) throw new Error(`organization ${orgId} has no billing account`)
  return { plan: org.plan, period: currentPeriod(org.billingAccount, now) }
}

/**
 * Takes one unit of `quota` for the actor's org (its right: `permission`, the one the feature itself requires).
 * FORBIDDEN PLAN_REQUIRED when the plan has none of it, FORBIDDEN BILLING_READ_ONLY when billing stopped new work,
 * QUOTA_EXCEEDED PLAN_QUOTA (with the numbers) when this period's allowance is used up.
 */
export async function takePlanQuota({
  actor,
  permission,
  quota: rawQuota,
  tx,
  now = new Date(),
}: {
  actor: Actor
  permission: Parameters<typeof assertCan>[1]
  quota: PlanQuota
  tx?: Tx
  now?: Date
}): Promise<PlanQuotaTaken> {
  const orgId = assertCan(actor, permission)
  const quota = quotaSchema.parse(rawQuota)
  const run = async (t: Tx): Promise<PlanQuotaTaken> => {
    const { plan, period } = await load(t, orgId, now)
    assertPlanHas({ plan, gate: GATE[quota] })
    await assertBillableWorkAllowed({ orgId, tx: t, what: 'billable', now })
    const limit = LIMIT[quota](plan)
    await t.$executeRaw`
      INSERT INTO plan_quota_usage (org_id, quota, period_start, used, updated_at)
      VALUES (${orgId}::uuid, ${quota}, ${period.start}, 0, now()) ON CONFLICT DO NOTHING`
    const rows = await t.$queryRaw<Array<{ used: number }>>`
      UPDATE plan_quota_usage SET used = used + 1, updated_at = now()
       WHERE org_id = ${orgId}::uuid AND quota = ${quota} AND period_start = ${period.start}
         AND (${limit}::int IS NULL OR used + 1 <= ${limit}::int)
      RETURNING used`
    if (!rows[0]) {
      throw new AppError(
        'QUOTA_EXCEEDED',
        `Your plan includes ${limit} ${LABEL[quota]} per month and this period's are used; they renew on ${period.end.toISOString().slice(0, 10)}. Upgrade for more.`,
        { details: { reason: 'PLAN_QUOTA', quota, limit, used: limit, renewsAt: period.end.toISOString() } },
      )
    }
    return { quota, periodStart: period.start, used: rows[0].used, limit }
  }
  return tx ? run(tx) : db.$transaction(run)
}

/** Gives back a unit taken by `takePlanQuota` whose work failed (never below 0). */
export async function givePlanQuotaBack({ taken, orgId, tx }: { taken: PlanQuotaTaken; orgId: string; tx?: Tx }): Promise<void> {
  await (tx ?? db).$executeRaw`
    UPDATE plan_quota_usage SET used = used - 1, updated_at = now()
     WHERE org_id = ${orgId}::uuid AND quota = ${taken.quota} AND period_start = ${taken.periodStart} AND used > 0`
}

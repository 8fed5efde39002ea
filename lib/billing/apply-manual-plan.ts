// A plan set by hand, outside Stripe: the operator CLI (`fm org create --plan`, `fm org set-plan`: an
// Enterprise contract invoiced offline, a comped account) and the demo seed. The billing account follows in the
// same transaction, so the plan and the state can never disagree (an ENTERPRISE org "on a free trial"):
// a paid plan → ACTIVE for a month from now with the plan's default spend cap (a higher cap already set is kept);
// TRIAL → a fresh 14-day trial. Self-serve plan changes never come here: they go through Stripe's webhooks
// (lib/billing/apply-subscription-state.ts).
import 'server-only'
import type { Tx } from '@/lib/db'
import type { OrgPlan } from '@/lib/generated/prisma/enums'
import { getPlan } from '@/lib/billing/plans'

const DAY_MS = 86_400_000

export async function applyManualPlan(tx: Tx, { orgId, plan, now = new Date() }: { orgId: string; plan: OrgPlan; now?: Date }) {
  const p = getPlan(plan)
  await tx.organization.update({ where: { id: orgId }, data: { plan }, select: { id: true } })
  const account = await tx.billingAccount.findUniqueOrThrow({ where: { orgId }, select: { state: true, spendCapCents: true } })
  if (plan === 'TRIAL') {
    const trialEndsAt = new Date(now.getTime() + (p.trialDays ?? 14) * DAY_MS)
    return tx.billingAccount.update({
      where: { orgId },
      data: {
        state: 'TRIALING',
        stateChangedAt: now,
        trialEndsAt,
        periodStart: now,
        periodEnd: trialEndsAt,
        pastDueSince: null,
        dunningDay: 0,
      },
      select: { state: true, spendCapCents: true, periodEnd: true },
    })
  }
  const periodEnd = new Date(now)
  periodEnd.setUTCMonth(periodEnd.getUTCMonth() + 1)
  return tx.billingAccount.update({
    where: { orgId },
    data: {
      state: 'ACTIVE',
      ...(account.state !== 'ACTIVE' ? { stateChangedAt: now, periodStart: now, periodEnd } : {}),
      trialEndsAt: null,
      pastDueSince: null,
      dunningDay: 0,
      pendingPlan: null,
      cancelAtPeriodEnd: false,
      canceledAt: null,
      dataRetainedUntil: null,
      spendCapCents: Math.max(account.spendCapCents, p.defaultSpendCapCents),
    },
    select: { state: true, spendCapCents: true, periodEnd: true },
  })
}

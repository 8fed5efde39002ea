// Plan quotas that are not money (lib/billing/plan-quota.ts): AI ad generations are 0 on Trial (the gate refuses),
// 5 per period on Professional (a race for the last ones never passes 5), unlimited on Enterprise; a unit whose
// work failed is given back; a read-only org takes none; the allowance renews with the period; entitlements show
// what is left.
import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { toAppError } from '@/lib/errors'
import { getEntitlements } from '@/lib/billing/entitlements'
import { givePlanQuotaBack, takePlanQuota } from '@/lib/billing/plan-quota'
import { createOrgWithRoles } from '@/tests/factories'
import { actorsOf } from '@/tests/integration/leads/helpers'

const errOf = async (p: Promise<unknown>) =>
  toAppError(
    await p.then(
      () => null,
      (e: unknown) => e,
    ),
  )

describe('AI ad generations per month', () => {
  it('Trial: the plan gate refuses with the plan that has it', async () => {
    const org = await createOrgWithRoles()
    const { MANAGER } = await actorsOf(org)
    const e = await errOf(takePlanQuota({ actor: MANAGER, permission: 'scan.run', quota: 'ai_ad_generation' }))
    expect(e).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'PLAN_REQUIRED', required: 'PROFESSIONAL' } })
  })

  it('Professional: 8 racing for 5 → exactly 5 taken, 3 refused with the numbers; a failed one is given back', async () => {
    const org = await createOrgWithRoles({ plan: 'PROFESSIONAL' })
    const { MANAGER, VIEWER } = await actorsOf(org)
    expect((await errOf(takePlanQuota({ actor: VIEWER, permission: 'scan.run', quota: 'ai_ad_generation' })))?.code).toBe('FORBIDDEN')
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () => takePlanQuota({ actor: MANAGER, permission: 'scan.run', quota: 'ai_ad_generation' })),
    )
    const taken = results.filter((r) => r.status === 'fulfilled')
    const refused = results.filter((r) => r.status === 'rejected').map((r) => toAppError((r as PromiseRejectedResult).reason))
    expect(taken).toHaveLength(5)
    expect(refused).toHaveLength(3)
    for (const e of refused) expect(e).toMatchObject({ code: 'QUOTA_EXCEEDED', details: { reason: 'PLAN_QUOTA', limit: 5, used: 5 } })
    expect((await getEntitlements(org.org.id)).aiAdGenerationsLeft).toBe(0)

    await givePlanQuotaBack({
      taken: (taken[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof takePlanQuota>>>).value,
      orgId: org.org.id,
    })
    expect((await getEntitlements(org.org.id)).aiAdGenerationsLeft).toBe(1)

    // the next period renews the allowance
    const account = await db.billingAccount.findUniqueOrThrow({ where: { orgId: org.org.id } })
    const next = await takePlanQuota({
      actor: MANAGER,
      permission: 'scan.run',
      quota: 'ai_ad_generation',
      now: new Date(account.periodEnd.getTime() + 86_400_000),
    })
    expect(next).toMatchObject({ used: 1, limit: 5 })
    expect(next.periodStart.getTime()).toBe(account.periodEnd.getTime())
  })

  it('Enterprise: unlimited (counted); read-only billing takes none', async () => {
    const org = await createOrgWithRoles({ plan: 'ENTERPRISE' })
    const { MANAGER } = await actorsOf(org)
    for (let i = 0; i < 12; i++) await takePlanQuota({ actor: MANAGER, permission: 'scan.run', quota: 'ai_ad_generation' })
    expect((await getEntitlements(org.org.id)).aiAdGenerationsLeft).toBeNull()
    await db.billingAccount.update({ where: { orgId: org.org.id }, data: { state: 'READ_ONLY', pastDueSince: new Date(), dunningDay: 7 } })
    const e = await errOf(takePlanQuota({ actor: MANAGER, permission: 'scan.run', quota: 'ai_ad_generation' }))
    expect(e).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'BILLING_READ_ONLY' } })
    expect((await db.planQuotaUsage.findFirstOrThrow({ where: { orgId: org.org.id, quota: 'ai_ad_generation' } })).used).toBe(12)
  })

  it('an unknown quota name is a validation error, nothing stored', async () => {
    const org = await createOrgWithRoles({ plan: 'ENTERPRISE' })
    const { MANAGER } = await actorsOf(org)
    const e = await errOf(takePlanQuota({ actor: MANAGER, permission: 'scan.run', quota: 'free_lunches' as never }))
    expect(e?.code).toBe('VALIDATION_FAILED')
    expect(await db.planQuotaUsage.count({ where: { orgId: org.org.id } })).toBe(0)
  })
})

// The billing page's and staff console's loaders and their own use cases (B3): the spend cap (rights, bad input,
// audit), the billing overview (rights, ledger sums by kind with sandbox/free apart, history), the shell banner and the
// staff revenue console (numbers, rights, resolving an alert).
import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { setSpendCapAction } from '@/app/[orgSlug]/settings/billing/actions'
import { resolveStaffAlertAction } from '@/app/admin/billing/actions'
import { setSpendCap } from '@/lib/billing/set-spend-cap'
import { getBillingOverview } from '@/lib/billing/get-billing-overview'
import { getBillingBanner } from '@/lib/billing/get-billing-banner'
import { unsafeGetRevenueSummary, unsafeGetStaffRevenueConsole } from '@/lib/billing/staff-revenue'
import { currentPeriod } from '@/lib/billing/period'
import { staffActor } from '@/lib/auth/actor'
import { AppError } from '@/lib/errors'
import { createOrgWithRoles, createSession, createUser, uniq } from '@/tests/factories'
import { expectError, memberActorOf, ok } from '@/tests/integration/members/helpers'

async function makePaid(orgId: string, plan: 'PROFESSIONAL' | 'ENTERPRISE' = 'PROFESSIONAL', over: Record<string, unknown> = {}) {
  const now = new Date()
  await db.organization.update({ where: { id: orgId }, data: { plan } })
  await db.billingAccount.update({
    where: { orgId },
    data: {
      state: 'ACTIVE',
      trialEndsAt: null,
      stripeCustomerId: uniq('cus_'),
      stripeSubscriptionId: uniq('sub_'),
      status: 'active',
      periodStart: new Date(now.getTime() - 5 * 86_400_000),
      periodEnd: new Date(now.getTime() + 25 * 86_400_000),
      currentPeriodEnd: new Date(now.getTime() + 25 * 86_400_000),
      spendCapCents: plan === 'PROFESSIONAL' ? 50_000 : 200_000,
      firstPaidAt: new Date(now.getTime() - 5 * 86_400_000),
      ...over,
    },
  })
}

async function expectAppError(p: Promise<unknown>, code: string) {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(AppError)
  expect((err as AppError).code).toBe(code)
}

describe('spend cap', () => {
  it('OWNER sets it in whole dollars → cents, audited with before/after; the same value again writes nothing', async () => {
    const ctx = await createOrgWithRoles()
    await makePaid(ctx.org.id)
    const as = setSpendCapAction.as({ sessionId: ctx.members.OWNER.sessionId })
    expect(ok(await as({ orgSlug: ctx.org.slug, capDollars: '1,250' }))).toEqual({
      capCents: 125_000,
      previousCapCents: 50_000,
      changed: true,
    })
    expect((await db.billingAccount.findUniqueOrThrow({ where: { orgId: ctx.org.id } })).spendCapCents).toBe(125_000)
    const audit = await db.auditLog.findFirstOrThrow({ where: { orgId: ctx.org.id, action: 'billing.spend_cap.change' } })
    expect(audit.before).toEqual({ spendCapCents: 50_000 })
    expect(audit.after).toEqual({ spendCapCents: 125_000 })
    expect(audit.actorId).toBe(ctx.members.OWNER.user.id)
    expect(ok(await as({ orgSlug: ctx.org.slug, capDollars: 1250 })).changed).toBe(false)
    expect(await db.auditLog.count({ where: { orgId: ctx.org.id, action: 'billing.spend_cap.change' } })).toBe(1)
    // $0 and $1,000,000 are the edges
    expect(ok(await as({ orgSlug: ctx.org.slug, capDollars: 0 })).capCents).toBe(0)
    expect(ok(await as({ orgSlug: ctx.org.slug, capDollars: '1000000' })).capCents).toBe(100_000_000)
  })

  it('refuses negative, above $1M, cents and non-numbers with 422 and changes nothing', async () => {
    const ctx = await createOrgWithRoles()
    await makePaid(ctx.org.id)
    const as = setSpendCapAction.as({ sessionId: ctx.members.OWNER.sessionId })
    for (const capDollars of [-1, '-5', 1_000_001, 12.5, '12.34', '', 'lots', null, Number.NaN, Infinity]) {
      const r = await as({ orgSlug: ctx.org.slug, capDollars })
      expectError(r, 'VALIDATION_FAILED')
    }
    // the use case guards its own input (CLI, other callers): non-integer cents, negative, above the max
    const actor = await memberActorOf(ctx, 'OWNER')
    await expectAppError(setSpendCap({ actor, capCents: 12.5 }), 'VALIDATION_FAILED')
    await expectAppError(setSpendCap({ actor, capCents: -100 }), 'VALIDATION_FAILED')
    await expectAppError(setSpendCap({ actor, capCents: 100_000_001 }), 'VALIDATION_FAILED')
    expect((await db.billingAccount.findUniqueOrThrow({ where: { orgId: ctx.org.id } })).spendCapCents).toBe(50_000)
    expect(await db.auditLog.count({ where: { orgId: ctx.org.id, action: 'billing.spend_cap.change' } })).toBe(0)
  })

  it('only the OWNER changes it; another org answers NOT_FOUND', async () => {
    const ctx = await createOrgWithRoles()
    for (const role of ['ADMIN', 'MANAGER', 'REP', 'VIEWER'] as const) {
      expectError(
        await setSpendCapAction.as({ sessionId: ctx.members[role].sessionId })({ orgSlug: ctx.org.slug, capDollars: 10 }),
        'FORBIDDEN',
      )
    }
    const other = await createOrgWithRoles()
    expectError(
      await setSpendCapAction.as({ sessionId: other.members.OWNER.sessionId })({ orgSlug: ctx.org.slug, capDollars: 10 }),
      'NOT_FOUND',
    )
    expect((await db.billingAccount.findUniqueOrThrow({ where: { orgId: ctx.org.id } })).spendCapCents).toBe(0)
  })
})

describe('billing overview', () => {
  it('OWNER and ADMIN read it; MANAGER, REP and VIEWER are refused', async () => {
    const ctx = await createOrgWithRoles()
    for (const role of ['OWNER', 'ADMIN'] as const) {
      const o = await getBillingOverview({ actor: await memberActorOf(ctx, role) })
      expect(o.orgId).toBe(ctx.org.id)
      expect(o.entitlements.plan).toBe('TRIAL')
      expect(o.entitlements.trial.daysLeft).toBe(14)
      expect(o.entitlements.trial.freeLeadsLeft).toBe(5)
      expect(o.stripe.subscriptionActive).toBe(false)
    }
    for (const role of ['MANAGER', 'REP', 'VIEWER'] as const) {
      await expectAppError(getBillingOverview({ actor: await memberActorOf(ctx, role) }), 'FORBIDDEN')
    }
  })

  it('sums this period’s ledger by kind, keeps sandbox and free rows apart, shows the counter, invoices and history', async () => {
    const ctx = await createOrgWithRoles()
    await makePaid(ctx.org.id)
    const account = await db.billingAccount.findUniqueOrThrow({ where: { orgId: ctx.org.id } })
    const period = currentPeriod(account)
    await db.spendCounter.create({
      data: { orgId: ctx.org.id, periodStart: period.start, periodEnd: period.end, usedCents: 40_500, reservedCents: 500 },
    })
    const row = (identifier: string, over: Record<string, unknown>) => ({
      orgId: ctx.org.id,
      kind: 'SMS_SEGMENT' as const,
      quantity: 10,
      unitCents: 2,
      amountCents: 20,
      identifier,
      billable: true,
      periodStart: period.start,
      ...over,
    })
    await db.usageEvent.createMany({
      data: [
        row(uniq('sms:'), {}),
        row(uniq('sms:'), { quantity: 5, amountCents: 10 }),
        row(uniq('sandbox:sms:'), { sandbox: true, billable: false, quantity: 7, amountCents: 14 }),
        row(uniq('call:'), { kind: 'AI_CALL', quantity: 3, unitCents: 50, amountCents: 150 }),
        // another period: not this one
        row(uniq('sms:'), { periodStart: new Date(period.start.getTime() - 31 * 86_400_000) }),
      ],
    })
    await db.billingInvoice.create({
      data: {
        id: uniq('in_'),
        orgId: ctx.org.id,
        number: 'FM-0001',
        status: 'paid',
        amountDueCents: 29_900,
        amountPaidCents: 29_900,
        createdAt: new Date(),
        paidAt: new Date(),
        hostedInvoiceUrl: 'https://invoice.example/1',
      },
    })
    ok(await setSpendCapAction.as({ sessionId: ctx.members.OWNER.sessionId })({ orgSlug: ctx.org.slug, capDollars: 450 }))

    const o = await getBillingOverview({ actor: await memberActorOf(ctx, 'ADMIN') })
    const sms = o.usage.find((u) => u.kind === 'SMS_SEGMENT')!
    expect(sms).toMatchObject({
      chargedQuantity: 15,
      chargedCents: 30,
      sandboxQuantity: 7,
      sandboxCents: 14,
      freeQuantity: 0,
      unitCents: 2,
    })
    expect(o.usage.find((u) => u.kind === 'AI_CALL')).toMatchObject({ chargedQuantity: 3, chargedCents: 150 })
    expect(o.usage.find((u) => u.kind === 'QUALITY_LEAD')).toMatchObject({ chargedQuantity: 0, unitCents: 113 })
    expect(o.usageTotalCents).toBe(180)
    expect(o.sandboxTotalCents).toBe(14)
    expect(o.period.start.getTime()).toBe(period.start.getTime())
    expect(o.spend).toEqual({
      capCents: 45_000,
      usedCents: 40_500,
      reservedCents: 500,
      committedCents: 40_000,
      leftCents: 4_500,
      percent: 90,
      warningLevel: 90,
    })
    expect(o.invoices.map((i) => i.number)).toEqual(['FM-0001'])
    expect(o.stripe.subscriptionActive).toBe(true)
    expect(o.guarantee.open).toBe(true)
    expect(o.history[0]).toMatchObject({
      action: 'billing.spend_cap.change',
      actor: ctx.members.OWNER.user.name,
      after: { spendCapCents: 45_000 },
    })
  })

  it('shows the dunning steps while past due', async () => {
    const ctx = await createOrgWithRoles()
    const since = new Date(Date.now() - 4 * 86_400_000)
    await makePaid(ctx.org.id, 'PROFESSIONAL', { state: 'PAST_DUE', pastDueSince: since, dunningDay: 3 })
    const o = await getBillingOverview({ actor: await memberActorOf(ctx, 'OWNER') })
    expect(o.dunning?.map((s) => [s.day, s.done])).toEqual([
      [3, true],
      [7, false],
      [14, false],
    ])
    expect(o.dunning?.[1]?.at.getTime()).toBe(since.getTime() + 7 * 86_400_000)
  })
})

describe('billing banner', () => {
  it('trial ending within 3 days; nothing before that', async () => {
    const ctx = await createOrgWithRoles()
    expect(await getBillingBanner({ actor: await memberActorOf(ctx, 'OWNER') })).toBeNull()
    await db.billingAccount.update({ where: { orgId: ctx.org.id }, data: { trialEndsAt: new Date(Date.now() + 2 * 86_400_000 - 60_000) } })
    const b = await getBillingBanner({ actor: await memberActorOf(ctx, 'VIEWER') })
    expect(b).toMatchObject({ kind: 'TRIAL_ENDING', trialDaysLeft: 2, canReadBilling: false, canManage: false })
  })

  it('spend warnings go to billing readers only; read-only reaches every member', async () => {
    const ctx = await createOrgWithRoles()
    await makePaid(ctx.org.id)
    const account = await db.billingAccount.findUniqueOrThrow({ where: { orgId: ctx.org.id } })
    const period = currentPeriod(account)
    await db.spendCounter.create({ data: { orgId: ctx.org.id, periodStart: period.start, periodEnd: period.end, usedCents: 50_000 } })
    expect(await getBillingBanner({ actor: await memberActorOf(ctx, 'OWNER') })).toMatchObject({
      kind: 'SPEND_100',
      tone: 'error',
      canManage: true,
      spend: { usedCents: 50_000, capCents: 50_000, percent: 100 },
    })
    expect(await getBillingBanner({ actor: await memberActorOf(ctx, 'ADMIN') })).toMatchObject({ kind: 'SPEND_100', canManage: false })
    expect(await getBillingBanner({ actor: await memberActorOf(ctx, 'REP') })).toBeNull()
    await db.billingAccount.update({
      where: { orgId: ctx.org.id },
      data: { state: 'READ_ONLY', pastDueSince: new Date(Date.now() - 8 * 86_400_000), dunningDay: 7 },
    })
    expect(await getBillingBanner({ actor: await memberActorOf(ctx, 'REP') })).toMatchObject({
      kind: 'READ_ONLY',
      tone: 'error',
      canReadBilling: false,
    })
    await db.billingAccount.update({ where: { orgId: ctx.org.id }, data: { disputeFrozenAt: new Date() } })
    expect(await getBillingBanner({ actor: await memberActorOf(ctx, 'VIEWER') })).toMatchObject({ kind: 'DISPUTE_FROZEN' })
  })
})

describe('staff revenue console', () => {
  it('counts MRR, churn, ARPU and trials converting by the documented definitions (sandbox never revenue)', async () => {
    const support = staffActor(await createUser({ staffRole: 'STAFF_SUPPORT' }))
    const before = await unsafeGetRevenueSummary({ actor: support })
    const [pro, ent, sandboxOrg, canceled, converted, lapsed] = await Promise.all([1, 2, 3, 4, 5, 6].map(() => createOrgWithRoles()))
    await makePaid(pro!.org.id, 'PROFESSIONAL')
    await makePaid(ent!.org.id, 'ENTERPRISE')
    await makePaid(sandboxOrg!.org.id, 'PROFESSIONAL', { sandbox: true })
    await makePaid(canceled!.org.id, 'PROFESSIONAL', {
      state: 'CANCELED',
      canceledAt: new Date(),
      firstPaidAt: new Date(Date.now() - 90 * 86_400_000),
    })
    // two trials ended this month (if the month is young, "ended" is still before now): one converted, one lapsed
    const monthStart = before.monthStart
    const endedAt = new Date(Math.max(monthStart.getTime() + 1000, Date.now() - 1000))
    await makePaid(converted!.org.id, 'PROFESSIONAL', { trialEndsAt: endedAt })
    await db.billingAccount.update({ where: { orgId: lapsed!.org.id }, data: { state: 'TRIAL_ENDED', trialEndsAt: endedAt } })
    const after = await unsafeGetRevenueSummary({ actor: support })
    expect(after.payingByPlan.PROFESSIONAL - before.payingByPlan.PROFESSIONAL).toBe(2) // pro + converted
    expect(after.payingByPlan.ENTERPRISE - before.payingByPlan.ENTERPRISE).toBe(1)
    expect(after.mrrCents - before.mrrCents).toBe(2 * 29_900 + 99_900)
    expect(after.sandboxPaidOrgs - before.sandboxPaidOrgs).toBe(1)
    expect(after.churn.canceled - before.churn.canceled).toBe(1)
    expect(after.trials.ended - before.trials.ended).toBe(2)
    expect(after.trials.converted - before.trials.converted).toBe(1)
    expect(after.arpuCents).toBe(Math.round((after.mrrCents + after.usageCents) / after.payingOrgs))
    // churn's denominator: paying now + canceled this month − first paid this month
    expect(after.churn.atStart).toBeGreaterThanOrEqual(after.churn.canceled)
  })

  it('lists failed payments, usage per org, alerts; only staff see it; STAFF_ADMIN resolves alerts (audited, once)', async () => {
    const ctx = await createOrgWithRoles()
    await makePaid(ctx.org.id, 'PROFESSIONAL', { state: 'PAST_DUE', pastDueSince: new Date(), dunningDay: 0 })
    const account = await db.billingAccount.findUniqueOrThrow({ where: { orgId: ctx.org.id } })
    const period = currentPeriod(account)
    await db.spendCounter.create({ data: { orgId: ctx.org.id, periodStart: period.start, periodEnd: period.end, usedCents: 12_345 } })
    // the trial's counter still runs after an upgrade started a new period: only the newest one counts
    await db.spendCounter.create({
      data: { orgId: ctx.org.id, periodStart: new Date(period.start.getTime() - 86_400_000), periodEnd: period.end, usedCents: 7 },
    })
    const alert = await db.staffAlert.create({
      data: {
        orgId: ctx.org.id,
        kind: 'reconciliation',
        title: 'Ledger differs from Stripe',
        body: '2 rows missing',
        dedupeKey: uniq('rec:'),
      },
    })
    const supportUser = await createUser({ staffRole: 'STAFF_SUPPORT' })
    const adminUser = await createUser({ staffRole: 'STAFF_ADMIN' })
    const c = await unsafeGetStaffRevenueConsole({ actor: staffActor(supportUser) })
    expect(c.failedPaymentOrgs.map((f) => f.orgId)).toContain(ctx.org.id)
    expect(c.usage.filter((u) => u.orgId === ctx.org.id)).toEqual([
      expect.objectContaining({ usedCents: 12_345, capCents: 50_000, percent: 24 }),
    ])
    expect(c.alerts.map((a) => a.id)).toContain(alert.id)

    // members and their actors never reach it
    await expectAppError(unsafeGetStaffRevenueConsole({ actor: await memberActorOf(ctx, 'OWNER') }), 'NOT_FOUND')
    expectError(await resolveStaffAlertAction.as({ sessionId: ctx.members.OWNER.sessionId })({ alertId: alert.id }), 'NOT_FOUND')
    // support reads only
    const supportSession = await createSession(supportUser.id)
    expectError(await resolveStaffAlertAction.as({ sessionId: supportSession.id })({ alertId: alert.id }), 'FORBIDDEN')
    const adminSession = await createSession(adminUser.id)
    expectError(await resolveStaffAlertAction.as({ sessionId: adminSession.id })({ alertId: 'not-a-uuid' }), 'VALIDATION_FAILED')
    ok(await resolveStaffAlertAction.as({ sessionId: adminSession.id })({ alertId: alert.id }))
    expectError(await resolveStaffAlertAction.as({ sessionId: adminSession.id })({ alertId: alert.id }), 'CONFLICT')
    const resolved = await db.staffAlert.findUniqueOrThrow({ where: { id: alert.id } })
    expect(resolved.resolvedById).toBe(adminUser.id)
    const audits = await db.auditLog.findMany({ where: { action: 'staff.billing.alert.resolve', targetId: alert.id } })
    expect(audits).toHaveLength(1)
    expect(audits[0]).toMatchObject({ actorType: 'STAFF', actorId: adminUser.id, orgId: ctx.org.id })
    expect((await unsafeGetStaffRevenueConsole({ actor: staffActor(adminUser) })).alerts.map((a) => a.id)).not.toContain(alert.id)
  })
})

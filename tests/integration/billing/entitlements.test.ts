// Entitlements (lib/billing/entitlements.ts) against real PostgreSQL: what each billing state allows, that
// read-only and dispute-frozen orgs start no scan (sandbox included) while reads and exports still work, and
// role × billing permission for the billing use cases of B4.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { toAppError } from '@/lib/errors'
import { apiKeyActor, systemActor, type Actor } from '@/lib/auth/actor'
import type { BillingState } from '@/lib/generated/prisma/enums'
import { assertBillableWorkAllowed, getEntitlements } from '@/lib/billing/entitlements'
import { disputeLeadFee } from '@/lib/billing/dispute-lead-fee'
import { applyLeadCredit } from '@/lib/billing/apply-lead-credit'
import { createScan } from '@/lib/scans/create-scan'
import { listScans } from '@/lib/scans/list-scans'
import { retryFailedProperties } from '@/lib/scans/retry-failed-properties'
import { listScansSchema, newScanSchema } from '@/lib/scans/schemas'
import { exportLeadsCsv } from '@/lib/leads/export-leads-csv'
import { stopBoss } from '@/lib/jobs/boss'
import { prepareQueues } from '@/lib/jobs/enqueue'
import { createOrgWithRoles } from '@/tests/factories'
import { actorsOf } from '@/tests/integration/leads/helpers'
import { usePrivateBossSchema } from '@/tests/integration/outbox/harness'

beforeAll(async () => {
  usePrivateBossSchema()
  await prepareQueues(['scans.discover', 'scans.property'])
})
afterAll(async () => {
  await stopBoss()
})

const DAY = 86_400_000
const errOf = async (p: Promise<unknown>) =>
  toAppError(
    await p.then(
      () => null,
      (e: unknown) => e,
    ),
  )
const scanInput = () => newScanSchema.parse({ area: { kind: 'radius', lat: 32.7767, lng: -96.797, radiusMiles: 1 }, propertyCap: 10 })

async function setState(orgId: string, state: BillingState, extra: Record<string, unknown> = {}) {
  await db.billingAccount.update({
    where: { orgId },
    data: { state, ...(state === 'PAST_DUE' || state === 'READ_ONLY' ? { pastDueSince: new Date(Date.now() - 8 * DAY) } : {}), ...extra },
  })
}

describe('getEntitlements', () => {
  it('a new org is a 14-day trial: 5 free quality leads, 2 seats, no API, no AI ads; free leads used count down', async () => {
    const org = await createOrgWithRoles()
    const e = await getEntitlements(org.org.id)
    expect(e).toMatchObject({
      plan: 'TRIAL',
      state: 'TRIALING',
      readOnly: false,
      frozen: false,
      blockedReason: null,
      apiAccess: false,
      aiAdGenerationsLeft: 0,
      maxScanProperties: 100,
      spendCapCents: 0,
      trial: { active: true, daysLeft: 14, refused: false, freeLeadsTotal: 5, freeLeadsUsed: 0, freeLeadsLeft: 5 },
      seats: { limit: 2, members: 5, pendingInvitations: 0, used: 5, left: 0 },
    })
    const acc = await db.billingAccount.findUniqueOrThrow({ where: { orgId: org.org.id } })
    await db.spendCounter.create({
      data: { orgId: org.org.id, periodStart: acc.periodStart, periodEnd: acc.periodEnd, freeQualityLeadsUsed: 3 },
    })
    const later = await getEntitlements(org.org.id, { now: new Date(Date.now() + 10 * DAY + 3600_000) })
    expect(later.trial).toMatchObject({ daysLeft: 4, freeLeadsUsed: 3, freeLeadsLeft: 2 })
  })

  it('paid plans: limits from plans.ts, guarantee window from the first paid invoice', async () => {
    const org = await createOrgWithRoles({ plan: 'ENTERPRISE' })
    const paid = new Date(Date.now() - 5 * DAY)
    await db.billingAccount.update({ where: { orgId: org.org.id }, data: { firstPaidAt: paid } })
    const e = await getEntitlements(org.org.id)
    expect(e).toMatchObject({
      plan: 'ENTERPRISE',
      state: 'ACTIVE',
      readOnly: false,
      apiAccess: true,
      whiteLabelReport: true,
      aiAdGenerationsPerMonth: null,
      aiAdGenerationsLeft: null,
      qualityLeadCents: 90,
      spendCapCents: 200_000,
      seats: { limit: 50, used: 5, left: 45 },
      trial: { active: false, freeLeadsLeft: 0 },
    })
    expect(e.guaranteeEndsAt?.getTime()).toBe(paid.getTime() + 30 * DAY)
  })

  it('an expired trial counts as ended before the hourly job runs; unknown org → NOT_FOUND', async () => {
    const org = await createOrgWithRoles()
    await db.billingAccount.update({ where: { orgId: org.org.id }, data: { trialEndsAt: new Date(Date.now() - 60_000) } })
    const e = await getEntitlements(org.org.id)
    expect(e).toMatchObject({ state: 'TRIAL_ENDED', storedState: 'TRIALING', readOnly: true, blockedReason: 'BILLING_READ_ONLY' })
    expect(e.trial).toMatchObject({ active: false, daysLeft: 0, freeLeadsLeft: 0 })
    expect((await errOf(getEntitlements('00000000-0000-4000-8000-000000000000'))).code).toBe('NOT_FOUND')
  })
})

describe('assertBillableWorkAllowed', () => {
  it('READ_ONLY, TRIAL_ENDED and CANCELED refuse (BILLING_READ_ONLY); TRIALING, ACTIVE, PAST_DUE allow; a dispute freeze refuses (DISPUTE_FROZEN)', async () => {
    const org = await createOrgWithRoles({ plan: 'PROFESSIONAL' })
    const id = org.org.id
    for (const state of ['ACTIVE', 'PAST_DUE'] as const) {
      await setState(id, state)
      await expect(assertBillableWorkAllowed({ orgId: id, what: 'billable' })).resolves.toMatchObject({ state })
    }
    for (const state of ['READ_ONLY', 'TRIAL_ENDED', 'CANCELED'] as const) {
      await setState(id, state)
      const e = await errOf(assertBillableWorkAllowed({ orgId: id, what: 'outreach' }))
      expect(e).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'BILLING_READ_ONLY', state, what: 'outreach' } })
      expect(e.message).toContain('Outreach')
    }
    await setState(id, 'ACTIVE', { disputeFrozenAt: new Date() })
    expect(await errOf(assertBillableWorkAllowed({ orgId: id, what: 'scan' }))).toMatchObject({
      code: 'FORBIDDEN',
      details: { reason: 'DISPUTE_FROZEN' },
    })
    // inside a caller's transaction, too
    await expect(db.$transaction((tx) => assertBillableWorkAllowed({ orgId: id, tx, what: 'scan' }))).rejects.toMatchObject({
      code: 'FORBIDDEN',
    })
  })

  it('a read-only org starts no scan (sandbox included) and re-runs nothing, but lists scans and exports leads', async () => {
    const org = await createOrgWithRoles()
    const a = await actorsOf(org)
    const ok = await createScan({ actor: a.MANAGER, ...scanInput() })
    expect(ok.sandbox).toBe(true)
    await db.scan.update({ where: { id: ok.id }, data: { status: 'RUNNING', startedAt: new Date() } })
    await db.scan.update({ where: { id: ok.id }, data: { status: 'COMPLETED', finishedAt: new Date() } })

    await setState(org.org.id, 'TRIAL_ENDED')
    const before = await db.scan.count({ where: { orgId: org.org.id } })
    const refused = await errOf(createScan({ actor: a.MANAGER, ...scanInput() }))
    expect(refused).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'BILLING_READ_ONLY', what: 'scan' } })
    expect(refused.message).toMatch(/trial has ended/i)
    expect(await errOf(retryFailedProperties({ actor: a.MANAGER, scanId: ok.id }))).toMatchObject({
      details: { reason: 'BILLING_READ_ONLY' },
    })
    expect(await db.scan.count({ where: { orgId: org.org.id } })).toBe(before)

    // reads and exports are never gated
    const list = await listScans({ actor: a.MANAGER, query: listScansSchema.parse({}) })
    expect(JSON.stringify(list)).toContain(ok.id)
    const csv = await exportLeadsCsv({ actor: a.OWNER, filter: {} })
    expect(csv).toBeTruthy()

    // frozen by a card dispute: refused with its own reason
    await setState(org.org.id, 'TRIALING', { disputeFrozenAt: new Date() })
    expect(await errOf(createScan({ actor: a.MANAGER, ...scanInput() }))).toMatchObject({ details: { reason: 'DISPUTE_FROZEN' } })
  })
})

describe('role × billing permission (B4 use cases)', () => {
  it('billing.manage: only the OWNER may dispute a fee; ADMIN, MANAGER, REP, VIEWER, API keys and jobs → FORBIDDEN', async () => {
    const org = await createOrgWithRoles({ plan: 'PROFESSIONAL' })
    const a = await actorsOf(org)
    const missing = '00000000-0000-4000-8000-000000000001'
    const attempt = (actor: Actor) => errOf(disputeLeadFee({ actor, usageEventId: missing, reason: 'WRONG_ADDRESS' }))
    // the OWNER passes the permission check and reaches the lookup (an unknown fee → NOT_FOUND)
    expect(await attempt(a.OWNER)).toMatchObject({ code: 'NOT_FOUND' })
    for (const role of ['ADMIN', 'MANAGER', 'REP', 'VIEWER'] as const)
      expect(await attempt(a[role]), role).toMatchObject({ code: 'FORBIDDEN', details: { permission: 'billing.manage', role } })
    expect(await attempt(apiKeyActor({ id: missing, orgId: org.org.id, scope: 'WRITE' }))).toMatchObject({ code: 'FORBIDDEN' })
    expect(await attempt(systemActor({ process: 'billing', orgId: org.org.id }))).toMatchObject({ code: 'FORBIDDEN' })
    expect(await db.leadDispute.count({ where: { orgId: org.org.id } })).toBe(0)
  })

  it('billing.read: the billing process applies credits; members without billing.read → FORBIDDEN', async () => {
    const org = await createOrgWithRoles({ plan: 'PROFESSIONAL' })
    const a = await actorsOf(org)
    const missing = '00000000-0000-4000-8000-000000000002'
    expect(
      await errOf(applyLeadCredit({ actor: systemActor({ process: 'billing', orgId: org.org.id }), disputeId: missing })),
    ).toMatchObject({
      code: 'NOT_FOUND',
    })
    for (const role of ['MANAGER', 'REP', 'VIEWER'] as const)
      expect(await errOf(applyLeadCredit({ actor: a[role], disputeId: missing })), role).toMatchObject({ code: 'FORBIDDEN' })
  })
})

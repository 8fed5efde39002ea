// The 30-day lead-quality guarantee (lib/billing/dispute-lead-fee.ts, decide-lead-dispute.ts, apply-lead-credit.ts,
// lift-dispute-freeze.ts) against real PostgreSQL and the stateful Stripe fake: instant credit (negative ledger row +
// cap given back + one Stripe balance credit, idempotent), one dispute per fee, the window, the 10 % review line and
// the staff queue, cross-org → NOT_FOUND, and the staff-only freeze lift.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { toAppError } from '@/lib/errors'
import { staffActor, systemActor } from '@/lib/auth/actor'
import { disputeLeadFee, disputeReviewAlertKey } from '@/lib/billing/dispute-lead-fee'
import { unsafeDecideLeadDispute } from '@/lib/billing/decide-lead-dispute'
import { applyLeadCredit } from '@/lib/billing/apply-lead-credit'
import { unsafeLiftDisputeFreeze } from '@/lib/billing/lift-dispute-freeze'
import { assertBillableWorkAllowed } from '@/lib/billing/entitlements'
import { disputeLeadFeeSchema } from '@/lib/billing/lead-dispute-schemas'
import { createCustomer } from '@/lib/external/stripe'
import { stopBoss } from '@/lib/jobs/boss'
import { createOrgWithRoles, createUser } from '@/tests/factories'
import { actorsOf } from '@/tests/integration/leads/helpers'
import { usePrivateBossSchema } from '@/tests/integration/outbox/harness'
import { fastPolicies } from '@/tests/integration/external/helpers'
import { startStripeFake, type StripeFake } from '@/tests/fakes/stripe-fake'

let fake: StripeFake
let schema = ''
const saved: Record<string, string | undefined> = {}
const ENV = ['STRIPE_SECRET_KEY', 'STRIPE_API_HOST', 'STRIPE_API_PORT', 'STRIPE_API_PROTOCOL'] as const

beforeAll(async () => {
  schema = usePrivateBossSchema()
  fake = await startStripeFake()
  for (const k of ENV) saved[k] = process.env[k]
  Object.assign(process.env, {
    STRIPE_SECRET_KEY: 'sk_test_fake',
    STRIPE_API_HOST: '127.0.0.1',
    STRIPE_API_PORT: String(fake.port),
    STRIPE_API_PROTOCOL: 'http',
  })
  fastPolicies()
})
afterAll(async () => {
  for (const k of ENV)
    if (saved[k] === undefined) delete process.env[k]
    else process.env[k] = saved[k]
  await fake.close()
  await stopBoss()
})

const DAY = 86_400_000
const FEE = 113
const errOf = async (p: Promise<unknown>) =>
  toAppError(
    await p.then(
      () => null,
      (e: unknown) => e,
    ),
  )

/** A Professional org with a real (fake-Stripe) customer, paid `paidDaysAgo` days ago, and `n` billed quality-lead fees. */
async function paidOrgWithFees(n: number, { paidDaysAgo = 3, free = 0 }: { paidDaysAgo?: number | null; free?: number } = {}) {
  const org = await createOrgWithRoles({ plan: 'PROFESSIONAL' })
  const a = await actorsOf(org)
  const { customerId } = await createCustomer({ email: org.members.OWNER.user.email, orgId: org.org.id })
  const account = await db.billingAccount.update({
    where: { orgId: org.org.id },
    data: { stripeCustomerId: customerId, firstPaidAt: paidDaysAgo === null ? null : new Date(Date.now() - paidDaysAgo * DAY) },
  })
  const fees = []
  for (let i = 0; i < n + free; i++) {
    const leadId = randomUUID()
    const isFree = i >= n
    fees.push(
      await db.usageEvent.create({
        data: {
          orgId: org.org.id,
          kind: 'QUALITY_LEAD',
          quantity: 1,
          unitCents: isFree ? 0 : FEE,
          amountCents: isFree ? 0 : FEE,
          identifier: `lead:${leadId}`,
          leadId,
          normalizedAddress: `${i} MAIN ST, DALLAS, TX 75201 ${leadId}`,
          free: isFree,
          billable: !isFree,
          periodStart: account.periodStart,
        },
      }),
    )
  }
  await db.spendCounter.create({
    data: { orgId: org.org.id, periodStart: account.periodStart, periodEnd: account.periodEnd, usedCents: n * FEE },
  })
  return { org, a, account, customerId, fees }
}

const counterUsed = async (orgId: string) => (await db.spendCounter.findFirstOrThrow({ where: { orgId } })).usedCents
const creditJobs = async (disputeId: string) =>
  (
    await db.$queryRawUnsafe<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM "${schema}".job WHERE name = 'billing.lead-credit' AND data->>'disputeId' = $1`,
      disputeId,
    )
  )[0]!.n

describe('dispute a quality-lead fee (OWNER, billing.manage)', () => {
  it('credits at once: a negative ledger row, the cap given back, one Stripe balance credit (idempotent), audited', async () => {
    const { org, a, customerId, fees } = await paidOrgWithFees(20)
    const fee = fees[0]!
    expect(await counterUsed(org.org.id)).toBe(20 * FEE)
    const input = disputeLeadFeeSchema.parse({ leadId: fee.leadId, reason: 'NO_ROOF_VISIBLE', note: '  trees only  ' })
    const r = await disputeLeadFee({ actor: a.OWNER, ...input })
    expect(r).toMatchObject({ status: 'CREDITED', creditCents: FEE, review: false, usageEventId: fee.id })

    const credit = await db.usageEvent.findUniqueOrThrow({ where: { identifier: `credit:lead:${fee.leadId}` } })
    expect(credit).toMatchObject({
      creditOfId: fee.id,
      amountCents: -FEE,
      billable: false,
      kind: 'QUALITY_LEAD',
      periodStart: fee.periodStart,
    })
    expect(await db.leadDispute.findUniqueOrThrow({ where: { id: r.disputeId } })).toMatchObject({
      status: 'CREDITED',
      creditCents: FEE,
      note: 'trees only',
      reason: 'NO_ROOF_VISIBLE',
      createdById: org.members.OWNER.user.id,
    })
    expect(await counterUsed(org.org.id)).toBe(19 * FEE)
    // the fee row itself is untouched (append-only ledger)
    expect(await db.usageEvent.findUniqueOrThrow({ where: { id: fee.id } })).toMatchObject({ amountCents: FEE, billable: true })
    expect(await db.auditLog.count({ where: { orgId: org.org.id, action: 'billing.lead_dispute.credited', targetId: r.disputeId } })).toBe(
      1,
    )

    // the Stripe credit job committed with the dispute; running it (twice, as a retry would) credits Stripe once
    expect(await creditJobs(r.disputeId)).toBe(1)
    const job = () => applyLeadCredit({ actor: systemActor({ process: 'billing', orgId: org.org.id }), disputeId: r.disputeId })
    const first = await job()
    const second = await job()
    expect(first).toMatchObject({ status: 'credited', sandbox: false })
    expect(second).toMatchObject({
      status: 'credited',
      stripeTransactionId: (first as { stripeTransactionId: string }).stripeTransactionId,
    })
    expect(fake.balanceTransactions.filter((t) => t.customer === customerId)).toHaveLength(1)
    expect(fake.customers.get(customerId)!.balance).toBe(-FEE)
    expect(await db.auditLog.count({ where: { orgId: org.org.id, action: 'billing.credit.applied', targetId: r.disputeId } })).toBe(1)
  })

  it('one dispute per fee (ALREADY_DISPUTED, by event or by lead, also when racing); free leads have no fee; sandbox rows are no fee', async () => {
    const { org, a, fees } = await paidOrgWithFees(20, { free: 1 })
    const fee = fees[1]!
    await disputeLeadFee({ actor: a.OWNER, usageEventId: fee.id, reason: 'DUPLICATE' })
    for (const by of [{ usageEventId: fee.id }, { leadId: fee.leadId! }])
      expect(await errOf(disputeLeadFee({ actor: a.OWNER, ...by, reason: 'WRONG_ADDRESS' }))).toMatchObject({
        code: 'CONFLICT',
        details: { reason: 'ALREADY_DISPUTED' },
      })
    const racing = fees[2]!
    const results = await Promise.allSettled(
      [1, 2, 3].map(() => disputeLeadFee({ actor: a.OWNER, usageEventId: racing.id, reason: 'WRONG_ADDRESS' })),
    )
    expect(results.filter((x) => x.status === 'fulfilled')).toHaveLength(1)
    expect(await db.usageEvent.count({ where: { creditOfId: racing.id } })).toBe(1)

    const freeFee = fees[20]!
    expect(await errOf(disputeLeadFee({ actor: a.OWNER, usageEventId: freeFee.id, reason: 'WRONG_ADDRESS' }))).toMatchObject({
      code: 'CONFLICT',
      details: { reason: 'NO_FEE' },
    })
    const acc = await db.billingAccount.findUniqueOrThrow({ where: { orgId: org.org.id } })
    const sandboxLead = randomUUID()
    const sandboxRow = await db.usageEvent.create({
      data: {
        orgId: org.org.id,
        kind: 'QUALITY_LEAD',
        quantity: 1,
        unitCents: FEE,
        amountCents: FEE,
        identifier: `sandbox:lead:${sandboxLead}`,
        leadId: sandboxLead,
        normalizedAddress: `SANDBOX ${sandboxLead}`,
        sandbox: true,
        billable: false,
        periodStart: acc.periodStart,
      },
    })
    expect(await errOf(disputeLeadFee({ actor: a.OWNER, usageEventId: sandboxRow.id, reason: 'WRONG_ADDRESS' }))).toMatchObject({
      code: 'NOT_FOUND',
    })
  })

  it('outside the 30 days after the first paid invoice, or before any paid invoice → GUARANTEE_EXPIRED', async () => {
    const late = await paidOrgWithFees(2, { paidDaysAgo: 31 })
    expect(await errOf(disputeLeadFee({ actor: late.a.OWNER, usageEventId: late.fees[0]!.id, reason: 'WRONG_ADDRESS' }))).toMatchObject({
      code: 'FORBIDDEN',
      details: { reason: 'GUARANTEE_EXPIRED' },
    })
    const unpaid = await paidOrgWithFees(2, { paidDaysAgo: null })
    expect(await errOf(disputeLeadFee({ actor: unpaid.a.OWNER, usageEventId: unpaid.fees[0]!.id, reason: 'WRONG_ADDRESS' }))).toMatchObject(
      { details: { reason: 'GUARANTEE_EXPIRED', endsAt: null } },
    )
    expect(await db.leadDispute.count({ where: { orgId: { in: [late.org.org.id, unpaid.org.org.id] } } })).toBe(0)
  })

  it('another org’s fee, by event or by lead, even for its OWNER → NOT_FOUND, nothing written', async () => {
    const mine = await paidOrgWithFees(1)
    const theirs = await paidOrgWithFees(1)
    const fee = theirs.fees[0]!
    for (const by of [{ usageEventId: fee.id }, { leadId: fee.leadId! }])
      expect(await errOf(disputeLeadFee({ actor: mine.a.OWNER, ...by, reason: 'WRONG_ADDRESS' }))).toMatchObject({ code: 'NOT_FOUND' })
    expect(await db.leadDispute.count({ where: { usageEventId: fee.id } })).toBe(0)
    expect(
      await errOf(applyLeadCredit({ actor: systemActor({ process: 'billing', orgId: mine.org.org.id }), disputeId: randomUUID() })),
    ).toMatchObject({
      code: 'NOT_FOUND',
    })
  })

  it('bad input: neither or both of event and lead, unknown reason, a note over 1,000 characters → refused by the schema', () => {
    const id = randomUUID()
    for (const bad of [
      { reason: 'WRONG_ADDRESS' },
      { usageEventId: id, leadId: id, reason: 'WRONG_ADDRESS' },
      { usageEventId: id, reason: 'TOO_EXPENSIVE' },
      { usageEventId: id, reason: 'DUPLICATE', note: 'x'.repeat(1001) },
      { usageEventId: 'not-a-uuid', reason: 'DUPLICATE' },
    ])
      expect(disputeLeadFeeSchema.safeParse(bad).success, JSON.stringify(bad).slice(0, 80)).toBe(false)
  })
})

describe('the 10 % review line and the staff queue', () => {
  it('past 10 % of the period’s quality leads new disputes stay OPEN (one staff alert); staff credit or reject them once', async () => {
    const { org, a, fees } = await paidOrgWithFees(20)
    const dispute = (i: number) => disputeLeadFee({ actor: a.OWNER, usageEventId: fees[i]!.id, reason: 'COMMERCIAL_PROPERTY' })
    expect((await dispute(0)).status).toBe('CREDITED') // 1 of 20 = 5 %
    expect((await dispute(1)).status).toBe('CREDITED') // 2 of 20 = 10 %
    const third = await dispute(2) // 15 % → review
    const fourth = await dispute(3)
    expect(third).toMatchObject({ status: 'OPEN', review: true, creditCents: 0 })
    expect(fourth).toMatchObject({ status: 'OPEN', review: true })
    expect(await db.usageEvent.count({ where: { creditOfId: { in: [fees[2]!.id, fees[3]!.id] } } })).toBe(0)
    const alerts = await db.staffAlert.findMany({ where: { orgId: org.org.id, kind: 'lead_dispute_review' } })
    expect(alerts).toHaveLength(1)
    expect(alerts[0]!.dedupeKey).toBe(disputeReviewAlertKey(org.org.id, fees[0]!.periodStart))
    expect(await counterUsed(org.org.id)).toBe(18 * FEE)

    const admin = staffActor(await createUser({ staffRole: 'STAFF_ADMIN' }))
    const support = staffActor(await createUser({ staffRole: 'STAFF_SUPPORT' }))
    expect(await errOf(unsafeDecideLeadDispute({ actor: support, disputeId: third.disputeId, decision: 'CREDIT' }))).toMatchObject({
      code: 'FORBIDDEN',
    })
    expect(await errOf(unsafeDecideLeadDispute({ actor: a.OWNER, disputeId: third.disputeId, decision: 'CREDIT' }))).toMatchObject({
      code: 'NOT_FOUND',
    })
    const credited = await unsafeDecideLeadDispute({
      actor: admin,
      disputeId: third.disputeId,
      decision: 'CREDIT',
      note: 'looked at the image',
    })
    expect(credited).toMatchObject({ status: 'CREDITED', creditCents: FEE, orgId: org.org.id })
    expect(await db.leadDispute.findUniqueOrThrow({ where: { id: third.disputeId } })).toMatchObject({
      status: 'CREDITED',
      decidedById: admin.userId,
    })
    expect(await db.usageEvent.count({ where: { creditOfId: fees[2]!.id, amountCents: -FEE } })).toBe(1)
    expect(await creditJobs(third.disputeId)).toBe(1)
    expect(await errOf(unsafeDecideLeadDispute({ actor: admin, disputeId: third.disputeId, decision: 'REJECT' }))).toMatchObject({
      code: 'CONFLICT',
      details: { reason: 'REVIEW_DECIDED' },
    })
    const rejected = await unsafeDecideLeadDispute({ actor: admin, disputeId: fourth.disputeId, decision: 'REJECT' })
    expect(rejected).toMatchObject({ status: 'REJECTED', creditCents: 0 })
    expect(await db.usageEvent.count({ where: { creditOfId: fees[3]!.id } })).toBe(0)
    expect(await applyLeadCredit({ actor: systemActor({ process: 'billing', orgId: org.org.id }), disputeId: fourth.disputeId })).toEqual({
      status: 'skipped',
      reason: 'not_credited',
    })
    const staffAudits = await db.auditLog.findMany({
      where: { orgId: org.org.id, action: { startsWith: 'staff.billing.lead_dispute.' } },
      select: { action: true, actorType: true, actorId: true },
    })
    expect(staffAudits.map((x) => x.action).sort()).toEqual(['staff.billing.lead_dispute.credit', 'staff.billing.lead_dispute.reject'])
    expect(staffAudits.every((x) => x.actorType === 'STAFF' && x.actorId === admin.userId)).toBe(true)
    expect(await errOf(unsafeDecideLeadDispute({ actor: admin, disputeId: randomUUID(), decision: 'REJECT' }))).toMatchObject({
      code: 'NOT_FOUND',
    })
  })
})

describe('dispute freeze (charge.dispute.created) lifted by staff', () => {
  it('a frozen org does no billable work until a STAFF_ADMIN lifts it (audited); members and support staff cannot', async () => {
    const { org, a } = await paidOrgWithFees(0)
    await db.billingAccount.update({ where: { orgId: org.org.id }, data: { disputeFrozenAt: new Date() } })
    await expect(assertBillableWorkAllowed({ orgId: org.org.id, what: 'billable' })).rejects.toMatchObject({
      details: { reason: 'DISPUTE_FROZEN' },
    })
    const admin = staffActor(await createUser({ staffRole: 'STAFF_ADMIN' }))
    const support = staffActor(await createUser({ staffRole: 'STAFF_SUPPORT' }))
    const input = { orgId: org.org.id, note: 'customer withdrew the chargeback' }
    expect(await errOf(unsafeLiftDisputeFreeze({ actor: a.OWNER, ...input }))).toMatchObject({ code: 'NOT_FOUND' })
    expect(await errOf(unsafeLiftDisputeFreeze({ actor: support, ...input }))).toMatchObject({ code: 'FORBIDDEN' })
    expect(await unsafeLiftDisputeFreeze({ actor: admin, ...input })).toMatchObject({ lifted: true })
    await expect(assertBillableWorkAllowed({ orgId: org.org.id, what: 'billable' })).resolves.toMatchObject({ frozen: false })
    expect(await unsafeLiftDisputeFreeze({ actor: admin, ...input })).toMatchObject({ lifted: false })
    expect(await db.auditLog.count({ where: { orgId: org.org.id, action: 'staff.billing.dispute_freeze.lift' } })).toBe(1)
    expect(await errOf(unsafeLiftDisputeFreeze({ actor: admin, orgId: randomUUID(), note: 'x' }))).toMatchObject({ code: 'NOT_FOUND' })
  })
})

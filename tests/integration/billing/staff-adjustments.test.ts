// Staff credits and refunds (lib/billing/issue-staff-credit.ts, issue-staff-refund.ts, retry-staff-adjustment.ts,
// staff-adjustment-run.ts) against real PostgreSQL and the stateful Stripe fake: a credit is ONE Stripe balance
// transaction however often the same row runs (double submit, retry, a crash after Stripe answered); refunds of a paid
// invoice, full and partial, never above what it collected; a Stripe failure leaves the row FAILED with the error and
// a retry finishes it; rights (STAFF_ADMIN acts, STAFF_SUPPORT → 403, members → 404); bad input → 4xx; sandbox labelled;
// the console loader lists them.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { AppError, toAppError } from '@/lib/errors'
import { staffActor } from '@/lib/auth/actor'
import { unsafeIssueStaffCredit } from '@/lib/billing/issue-staff-credit'
import { unsafeIssueStaffRefund } from '@/lib/billing/issue-staff-refund'
import { unsafeRetryStaffAdjustment } from '@/lib/billing/retry-staff-adjustment'
import { staffAdjustmentIdempotencyKey } from '@/lib/billing/staff-adjustment-run'
import { dollarsToCents, issueStaffCreditSchema } from '@/lib/billing/staff-adjustment-schemas'
import { unsafeGetRevenueSummary, unsafeGetStaffRevenueConsole } from '@/lib/billing/staff-revenue'
import { PLANS } from '@/lib/billing/plans'
import { createCheckoutSession, createCustomer } from '@/lib/external/stripe'
import { issueStaffCreditAction, issueStaffRefundAction } from '@/app/admin/billing/actions'
import { createOrgWithRoles, createSession, createUser } from '@/tests/factories'
import { expectError, memberActorOf, ok } from '@/tests/integration/members/helpers'
import { fastPolicies } from '@/tests/integration/external/helpers'
import { planPrices, SIMULATOR_PRICE_IDS, startStripeFake, type StripeFake } from '@/tests/fakes/stripe-fake'

let fake: StripeFake
const saved: Record<string, string | undefined> = {}
const ENV = ['STRIPE_SECRET_KEY', 'STRIPE_API_HOST', 'STRIPE_API_PORT', 'STRIPE_API_PROTOCOL'] as const
const liveEnv = () =>
  Object.assign(process.env, {
    STRIPE_SECRET_KEY: 'sk_test_fake',
    STRIPE_API_HOST: '127.0.0.1',
    STRIPE_API_PORT: String(fake.port),
    STRIPE_API_PROTOCOL: 'http',
  })

beforeAll(async () => {
  fake = await startStripeFake({ prices: planPrices(), uniqueIds: true })
  for (const k of ENV) saved[k] = process.env[k]
  liveEnv()
})
beforeEach(() => {
  liveEnv()
  fastPolicies()
})
afterAll(async () => {
  for (const k of ENV)
    if (saved[k] === undefined) delete process.env[k]
    else process.env[k] = saved[k]
  await fake.close()
})

const errOf = async (p: Promise<unknown>) =>
  toAppError(
    await p.then(
      () => {
        throw new Error('expected the call to fail')
      },
      (e: unknown) => e,
    ),
  )

async function staff() {
  const adminUser = await createUser({ staffRole: 'STAFF_ADMIN' })
  const supportUser = await createUser({ staffRole: 'STAFF_SUPPORT' })
  return { adminUser, admin: staffActor(adminUser), support: staffActor(supportUser), supportUser }
}

/** A Professional org with a Stripe customer on the fake. */
async function customerOrg() {
  const ctx = await createOrgWithRoles({ plan: 'PROFESSIONAL' })
  const { customerId } = await createCustomer({ email: ctx.members.OWNER.user.email, orgId: ctx.org.id })
  await db.billingAccount.update({ where: { orgId: ctx.org.id }, data: { stripeCustomerId: customerId } })
  return { ctx, customerId }
}

/** …that paid its first invoice through Checkout on the fake; the invoice as billing_invoices holds it. */
async function paidInvoiceOrg() {
  const { ctx, customerId } = await customerOrg()
  const session = await createCheckoutSession({
    customerId,
    orgId: ctx.org.id,
    priceId: SIMULATOR_PRICE_IDS.PROFESSIONAL,
    meteredPriceId: SIMULATOR_PRICE_IDS.PROFESSIONAL_LEADS,
    successUrl: 'http://localhost/ok',
    cancelUrl: 'http://localhost/no',
  })
  expect((await fake.completeCheckout(session.id)).ok).toBe(true)
  const inv = [...fake.invoices.values()].find((i) => i.customer === customerId && i.status === 'paid')!
  expect(inv.amountPaid).toBe(PLANS.PROFESSIONAL.priceCents)
  expect(inv.charge).toBeTruthy()
  await db.billingInvoice.create({
    data: {
      id: inv.id,
      orgId: ctx.org.id,
      number: inv.number,
      status: 'paid',
      amountDueCents: inv.amountDue,
      amountPaidCents: inv.amountPaid,
      paidAt: new Date(inv.paidAt! * 1000),
      createdAt: new Date(inv.created * 1000),
    },
  })
  return { ctx, customerId, inv }
}

const txnsOf = (customerId: string) => fake.balanceTransactions.filter((t) => t.customer === customerId)
const refundsOf = (invoiceId: string) => fake.refunds.filter((r) => r.invoice === invoiceId)
const auditsOf = (targetId: string) => db.auditLog.findMany({ where: { targetId }, orderBy: { createdAt: 'asc' } })
const base = { reason: 'goodwill' as const, note: 'Scan outage on the 3rd' }

describe('staff credit (staff.billing.adjust)', () => {
  it('credits the Stripe balance once: DONE, audited, the same row run again never credits twice', async () => {
    const { admin, adminUser } = await staff()
    const { ctx, customerId } = await customerOrg()
    const requestId = randomUUID()
    const r = await unsafeIssueStaffCredit({ actor: admin, orgId: ctx.org.id, amountCents: 2500, ...base, requestId })
    expect(r).toMatchObject({
      adjustmentId: requestId,
      orgId: ctx.org.id,
      kind: 'CREDIT',
      amountCents: 2500,
      status: 'DONE',
      sandbox: false,
    })
    expect(txnsOf(customerId)).toHaveLength(1)
    expect(txnsOf(customerId)[0]).toMatchObject({ amount: -2500, metadata: { billing_adjustment_id: requestId, reason: 'goodwill' } })
    expect(fake.customers.get(customerId)!.balance).toBe(-2500)
    const row = await db.billingAdjustment.findUniqueOrThrow({ where: { id: requestId } })
    expect(row).toMatchObject({
      status: 'DONE',
      kind: 'CREDIT',
      amountCents: 2500,
      reason: 'goodwill',
      note: 'Scan outage on the 3rd',
      stripeObjectId: txnsOf(customerId)[0]!.id,
      createdById: adminUser.id,
      sandbox: false,
      error: null,
    })
    expect(row.completedAt).toBeInstanceOf(Date)
    expect((await auditsOf(requestId)).map((a) => [a.action, a.actorType, a.actorId, a.orgId])).toEqual([
      ['staff.billing.credit.issue', 'STAFF', adminUser.id, ctx.org.id],
      ['staff.billing.adjustment.done', 'STAFF', adminUser.id, ctx.org.id],
    ])

    // the same submission again (double click / a retried request): the same row, no second credit
    const again = await unsafeIssueStaffCredit({ actor: admin, orgId: ctx.org.id, amountCents: 2500, ...base, requestId })
    expect(again).toEqual(r)
    expect(await db.billingAdjustment.count({ where: { orgId: ctx.org.id } })).toBe(1)
    // …but not for a different credit
    expect(await errOf(unsafeIssueStaffCredit({ actor: admin, orgId: ctx.org.id, amountCents: 2600, ...base, requestId }))).toMatchObject({
      code: 'CONFLICT',
      details: { reason: 'IDEMPOTENCY_KEY_REUSED' },
    })

    // a crash after Stripe answered (the row still PENDING): running the row again gets Stripe's first answer back
    await db.billingAdjustment.update({ where: { id: requestId }, data: { status: 'PENDING', stripeObjectId: null, completedAt: null } })
    const retried = await unsafeRetryStaffAdjustment({ actor: admin, adjustmentId: requestId })
    expect(retried.stripeObjectId).toBe(r.stripeObjectId)
    expect(txnsOf(customerId)).toHaveLength(1)
    expect(fake.customers.get(customerId)!.balance).toBe(-2500)
    // and a DONE row retried is simply its result
    expect(await unsafeRetryStaffAdjustment({ actor: admin, adjustmentId: requestId })).toEqual(r)
    expect(txnsOf(customerId)).toHaveLength(1)
    // every Stripe call carried the row's key
    const posts = fake.requests.filter((q) => q.method === 'POST' && q.path === `/v1/customers/${customerId}/balance_transactions`)
    expect(posts.length).toBeGreaterThanOrEqual(2)
    for (const q of posts) expect(q.headers['idempotency-key']).toBe(staffAdjustmentIdempotencyKey(requestId))
  })

  it('a lost connection after Stripe credited is retried with the same key: still one credit', async () => {
    const { admin } = await staff()
    const { ctx, customerId } = await customerOrg()
    fake.script({ kind: 'reset' }) // Stripe processes it, then the socket dies before we read the answer
    const r = await unsafeIssueStaffCredit({ actor: admin, orgId: ctx.org.id, amountCents: 999, ...base })
    expect(r.status).toBe('DONE')
    expect(txnsOf(customerId)).toHaveLength(1)
    expect(fake.customers.get(customerId)!.balance).toBe(-999)
  })

  it('Stripe down: the row is FAILED with the error (surfaced), and a retry finishes it once', async () => {
    const { admin } = await staff()
    const { ctx, customerId } = await customerOrg()
    fake.script({ kind: 'status', status: 500 }, { kind: 'status', status: 500 }, { kind: 'status', status: 500 })
    const e = await errOf(unsafeIssueStaffCredit({ actor: admin, orgId: ctx.org.id, amountCents: 700, ...base }))
    expect(e.code).toBe('UPSTREAM_FAILED')
    expect(e.message).toMatch(/credit was not applied/)
    const adjustmentId = (e.details as { adjustmentId: string }).adjustmentId
    const failed = await db.billingAdjustment.findUniqueOrThrow({ where: { id: adjustmentId } })
    expect(failed).toMatchObject({ status: 'FAILED', stripeObjectId: null })
    expect(failed.error).toMatch(/stripe/i)
    expect(txnsOf(customerId)).toHaveLength(0)
    expect((await auditsOf(adjustmentId)).map((a) => a.action)).toEqual(['staff.billing.credit.issue', 'staff.billing.adjustment.failed'])

    const r = await unsafeRetryStaffAdjustment({ actor: admin, adjustmentId })
    expect(r).toMatchObject({ status: 'DONE', amountCents: 700 })
    expect(txnsOf(customerId)).toHaveLength(1)
    expect(await db.billingAdjustment.findUniqueOrThrow({ where: { id: adjustmentId } })).toMatchObject({ status: 'DONE', error: null })
    expect((await auditsOf(adjustmentId)).map((a) => a.action)).toEqual([
      'staff.billing.credit.issue',
      'staff.billing.adjustment.failed',
      'staff.billing.adjustment.retry',
      'staff.billing.adjustment.done',
    ])
  })

  it('sandbox: a sandbox account, or Stripe not configured, is recorded DONE and labelled; nothing reaches Stripe', async () => {
    const { admin } = await staff()
    const ctx = await createOrgWithRoles({ plan: 'PROFESSIONAL' })
    await db.billingAccount.update({ where: { orgId: ctx.org.id }, data: { sandbox: true, stripeCustomerId: 'cus_sandbox_x' } })
    const before = fake.balanceTransactions.length
    const r = await unsafeIssueStaffCredit({ actor: admin, orgId: ctx.org.id, amountCents: 1234, ...base })
    expect(r).toMatchObject({ status: 'DONE', sandbox: true })
    expect(r.stripeObjectId).toMatch(/^cbtxn_sandbox_/)
    expect(await db.billingAdjustment.findUniqueOrThrow({ where: { id: r.adjustmentId } })).toMatchObject({ sandbox: true, status: 'DONE' })

    // Stripe not configured at all: a trial org with no customer is still credited as sandbox
    for (const k of ENV) delete process.env[k]
    const trial = await createOrgWithRoles()
    const s = await unsafeIssueStaffCredit({ actor: admin, orgId: trial.org.id, amountCents: 100, ...base })
    expect(s).toMatchObject({ status: 'DONE', sandbox: true })
    expect(fake.balanceTransactions.length).toBe(before)

    // the console labels them, and sandbox never counts as money moved
    const c = await unsafeGetStaffRevenueConsole({ actor: admin })
    expect(c.adjustments.find((a) => a.id === r.adjustmentId)).toMatchObject({ sandbox: true, kind: 'CREDIT', status: 'DONE' })
  })

  it('live Stripe and no Stripe customer (never checked out) → 422 NO_STRIPE_CUSTOMER, nothing recorded', async () => {
    const { admin } = await staff()
    const ctx = await createOrgWithRoles()
    expect(await errOf(unsafeIssueStaffCredit({ actor: admin, orgId: ctx.org.id, amountCents: 100, ...base }))).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { reason: 'NO_STRIPE_CUSTOMER' },
    })
    expect(await db.billingAdjustment.count({ where: { orgId: ctx.org.id } })).toBe(0)
    // an unknown or deleted org → 404
    expect((await errOf(unsafeIssueStaffCredit({ actor: admin, orgId: randomUUID(), amountCents: 100, ...base }))).code).toBe('NOT_FOUND')
  })

  it('rights: STAFF_SUPPORT → 403, a member (even the OWNER) → 404; through the action too', async () => {
    const { support, supportUser, adminUser } = await staff()
    const { ctx, customerId } = await customerOrg()
    const input = { orgId: ctx.org.id, amountCents: 100, ...base }
    expect((await errOf(unsafeIssueStaffCredit({ actor: support, ...input }))).code).toBe('FORBIDDEN')
    expect((await errOf(unsafeIssueStaffCredit({ actor: await memberActorOf(ctx, 'OWNER'), ...input }))).code).toBe('NOT_FOUND')
    expectError(await issueStaffCreditAction.as({ sessionId: ctx.members.OWNER.sessionId })(input), 'NOT_FOUND')
    expectError(await issueStaffCreditAction.as({ sessionId: (await createSession(supportUser.id)).id })(input), 'FORBIDDEN')
    expect(await db.billingAdjustment.count({ where: { orgId: ctx.org.id } })).toBe(0)
    expect(txnsOf(customerId)).toHaveLength(0)
    // the admin's action works
    const done = ok(await issueStaffCreditAction.as({ sessionId: (await createSession(adminUser.id)).id })(input))
    expect(done).toMatchObject({ status: 'DONE', amountCents: 100 })
    expect(txnsOf(customerId)).toHaveLength(1)
  })

  it('bad input → 422 (action and use case): 0, negative, non-integer, over $10,000, bad reason, missing or long note', async () => {
    const { admin, adminUser } = await staff()
    const { ctx, customerId } = await customerOrg()
    const session = (await createSession(adminUser.id)).id
    const bad: Array<Record<string, unknown>> = [
      { amountCents: 0 },
      { amountCents: -100 },
      { amountCents: 10.5 },
      { amountCents: 1_000_001 },
      { amountCents: '100' },
      { amountCents: undefined },
      { reason: 'because' },
      { note: undefined },
      { note: '   ' },
      { note: 'x'.repeat(501) },
      { orgId: 'not-a-uuid' },
    ]
    for (const over of bad) {
      const input = { orgId: ctx.org.id, amountCents: 100, ...base, ...over }
      expectError(await issueStaffCreditAction.as({ sessionId: session })(input), 'VALIDATION_FAILED')
      const e = await errOf(unsafeIssueStaffCredit({ ...(input as unknown as Parameters<typeof unsafeIssueStaffCredit>[0]), actor: admin }))
      expect(e.code, JSON.stringify(over)).toBe('VALIDATION_FAILED')
      expect(e.status).toBe(422)
    }
    // the maximum itself is fine
    expect(issueStaffCreditSchema.safeParse({ orgId: ctx.org.id, amountCents: 1_000_000, ...base }).success).toBe(true)
    expect(await db.billingAdjustment.count({ where: { orgId: ctx.org.id } })).toBe(0)
    expect(txnsOf(customerId)).toHaveLength(0)
    // the database refuses what the schema would (last line of defence)
    await expect(
      db.billingAdjustment.create({
        data: { orgId: ctx.org.id, kind: 'CREDIT', amountCents: 0, reason: 'goodwill', note: 'x', createdById: adminUser.id },
      }),
    ).rejects.toThrow()
    await expect(
      db.billingAdjustment.create({
        data: { orgId: ctx.org.id, kind: 'REFUND', amountCents: 10, reason: 'goodwill', note: 'x', createdById: adminUser.id },
      }),
    ).rejects.toThrow()
  })

  it('dollarsToCents reads what a form types', () => {
    expect(dollarsToCents('25')).toBe(2500)
    expect(dollarsToCents('$1,234.5')).toBe(123450)
    expect(dollarsToCents('0.01')).toBe(1)
    expect(dollarsToCents('1.234')).toBeNaN()
    expect(dollarsToCents('-5')).toBeNaN()
    expect(dollarsToCents('abc')).toBeNaN()
  })
})

describe('staff refund of a paid invoice', () => {
  it('partial then the rest: two Stripe refunds of the payment, never above what it collected; audited', async () => {
    const { admin, adminUser } = await staff()
    const { ctx, inv } = await paidInvoiceOrg()
    const paid = inv.amountPaid
    const first = await unsafeIssueStaffRefund({
      actor: admin,
      invoiceId: inv.id,
      amountCents: 1000,
      reason: 'billing_error',
      note: 'double charge',
    })
    expect(first).toMatchObject({ kind: 'REFUND', amountCents: 1000, invoiceId: inv.id, orgId: ctx.org.id, status: 'DONE', sandbox: false })
    expect(refundsOf(inv.id)).toHaveLength(1)
    expect(refundsOf(inv.id)[0]).toMatchObject({
      amount: 1000,
      id: first.stripeObjectId,
      metadata: { billing_adjustment_id: first.adjustmentId },
    })
    // refunded through the invoice's payment (its PaymentIntent, as Stripe's invoice payments name it)
    expect(refundsOf(inv.id)[0]!.paymentIntent).toBe(inv.charge!.replace(/^ch_/, 'pi_'))

    // more than is left → 422 with the numbers; nothing recorded, nothing refunded
    const over = await errOf(unsafeIssueStaffRefund({ actor: admin, invoiceId: inv.id, amountCents: paid, ...base }))
    expect(over).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { reason: 'REFUND_EXCEEDS_PAID', paidCents: paid, refundedCents: 1000, refundableCents: paid - 1000, requestedCents: paid },
    })
    expect(over.status).toBe(422)
    expect(refundsOf(inv.id)).toHaveLength(1)

    // no amount: the rest
    const rest = await unsafeIssueStaffRefund({ actor: admin, invoiceId: inv.id, ...base })
    expect(rest).toMatchObject({ amountCents: paid - 1000, status: 'DONE' })
    expect(refundsOf(inv.id).reduce((s, r) => s + r.amount, 0)).toBe(paid)
    // fully refunded: even 1 cent more is refused
    expect(await errOf(unsafeIssueStaffRefund({ actor: admin, invoiceId: inv.id, amountCents: 1, ...base }))).toMatchObject({
      details: { reason: 'REFUND_EXCEEDS_PAID', refundableCents: 0 },
    })
    expect((await auditsOf(first.adjustmentId)).map((a) => [a.action, a.actorId])).toEqual([
      ['staff.billing.refund.issue', adminUser.id],
      ['staff.billing.adjustment.done', adminUser.id],
    ])

    // the console: both rows, who issued them, and the invoice shows nothing left to refund
    const c = await unsafeGetStaffRevenueConsole({ actor: admin })
    const rows = c.adjustments.filter((a) => a.invoiceId === inv.id)
    expect(rows.map((a) => a.amountCents).sort((a, b) => a - b)).toEqual([1000, paid - 1000].sort((a, b) => a - b))
    expect(rows[0]).toMatchObject({ orgName: ctx.org.name, invoiceNumber: inv.number, createdBy: { id: adminUser.id } })
    expect(c.paidInvoices.find((i) => i.id === inv.id)).toMatchObject({ paidCents: paid, refundedCents: paid, refundableCents: 0 })
    const summary = await unsafeGetRevenueSummary({ actor: admin })
    expect(summary.adjustments.refundsCents).toBeGreaterThanOrEqual(paid)
  })

  it('a full refund in one go; the same request twice is one refund', async () => {
    const { admin } = await staff()
    const { inv } = await paidInvoiceOrg()
    const requestId = randomUUID()
    const a = await unsafeIssueStaffRefund({ actor: admin, invoiceId: inv.id, ...base, requestId })
    const b = await unsafeIssueStaffRefund({ actor: admin, invoiceId: inv.id, ...base, requestId })
    expect(a).toMatchObject({ amountCents: inv.amountPaid, status: 'DONE' })
    expect(b).toEqual(a)
    expect(refundsOf(inv.id)).toHaveLength(1)
  })

  it('two staff refunding the same invoice at once never refund more than it collected', async () => {
    const { admin } = await staff()
    const { inv } = await paidInvoiceOrg()
    const half = Math.floor(inv.amountPaid / 2) + 1 // two of these do not fit
    const results = await Promise.allSettled([
      unsafeIssueStaffRefund({ actor: admin, invoiceId: inv.id, amountCents: half, ...base }),
      unsafeIssueStaffRefund({ actor: admin, invoiceId: inv.id, amountCents: half, ...base }),
    ])
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult
    expect(toAppError(rejected.reason).details).toMatchObject({ reason: 'REFUND_EXCEEDS_PAID' })
    expect(refundsOf(inv.id).reduce((s, r) => s + r.amount, 0)).toBe(half)
  })

  it('an invoice that is not paid → 422 INVOICE_NOT_PAID; unknown → 404; rights and bad input', async () => {
    const { admin, support, adminUser } = await staff()
    const { ctx, inv } = await paidInvoiceOrg()
    const open = `in_open_${randomUUID().slice(0, 8)}`
    await db.billingInvoice.create({
      data: {
        id: open,
        orgId: ctx.org.id,
        status: 'open',
        amountDueCents: 5000,
        amountPaidCents: 0,
        createdAt: new Date(),
        attemptCount: 1,
      },
    })
    expect(await errOf(unsafeIssueStaffRefund({ actor: admin, invoiceId: open, ...base }))).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { reason: 'INVOICE_NOT_PAID' },
    })
    expect((await errOf(unsafeIssueStaffRefund({ actor: admin, invoiceId: 'in_missing', ...base }))).code).toBe('NOT_FOUND')
    expect((await errOf(unsafeIssueStaffRefund({ actor: support, invoiceId: inv.id, ...base }))).code).toBe('FORBIDDEN')
    expect((await errOf(unsafeIssueStaffRefund({ actor: await memberActorOf(ctx, 'OWNER'), invoiceId: inv.id, ...base }))).code).toBe(
      'NOT_FOUND',
    )
    expectError(await issueStaffRefundAction.as({ sessionId: ctx.members.OWNER.sessionId })({ invoiceId: inv.id, ...base }), 'NOT_FOUND')
    const session = (await createSession(adminUser.id)).id
    for (const over of [{ amountCents: 0 }, { amountCents: -1 }, { amountCents: 1.5 }, { note: '' }, { reason: 'nope' }, { invoiceId: '' }])
      expectError(await issueStaffRefundAction.as({ sessionId: session })({ invoiceId: inv.id, ...base, ...over }), 'VALIDATION_FAILED')
    expect(refundsOf(inv.id)).toHaveLength(0)
    expect(await db.billingAdjustment.count({ where: { orgId: ctx.org.id } })).toBe(0)
  })

  it('Stripe refuses (amount above what the charge has left): FAILED with Stripe’s message, surfaced', async () => {
    const { admin } = await staff()
    const { inv } = await paidInvoiceOrg()
    // the charge was partly refunded outside the app (the dashboard): our records think more is left than Stripe does
    fake.refunds.push({
      id: 're_dashboard',
      charge: inv.charge!,
      paymentIntent: inv.charge!.replace(/^ch_/, 'pi_'),
      invoice: inv.id,
      amount: inv.amountPaid - 100,
      reason: null,
      status: 'succeeded',
      metadata: {},
      created: 0,
    })
    const e = await errOf(unsafeIssueStaffRefund({ actor: admin, invoiceId: inv.id, amountCents: 500, ...base }))
    expect(e).toBeInstanceOf(AppError)
    expect(e.code).toBe('UPSTREAM_FAILED')
    const id = (e.details as { adjustmentId: string }).adjustmentId
    const row = await db.billingAdjustment.findUniqueOrThrow({ where: { id } })
    expect(row.status).toBe('FAILED')
    expect(row.error).toMatch(/greater than unrefunded amount/)
    // a FAILED refund stops counting: the console shows the full amount refundable again
    const c = await unsafeGetStaffRevenueConsole({ actor: admin })
    expect(c.paidInvoices.find((i) => i.id === inv.id)).toMatchObject({ refundedCents: 0 })
    expect(c.adjustments.find((a) => a.id === id)).toMatchObject({ status: 'FAILED', error: row.error })
  })

  it('sandbox account: the refund is recorded DONE, labelled, nothing refunded at Stripe', async () => {
    const { admin } = await staff()
    const { ctx, inv } = await paidInvoiceOrg()
    await db.billingAccount.update({ where: { orgId: ctx.org.id }, data: { sandbox: true } })
    const r = await unsafeIssueStaffRefund({ actor: admin, invoiceId: inv.id, amountCents: 300, ...base })
    expect(r).toMatchObject({ status: 'DONE', sandbox: true })
    expect(r.stripeObjectId).toMatch(/^re_sandbox_/)
    expect(refundsOf(inv.id)).toHaveLength(0)
  })
})

// The usage ledger (lib/billing/commit-spend.ts): committed reservations become append-only usage_events rows;
// billable rows put ONE outbox METER message in the same transaction; a crash anywhere between the commit and
// Stripe's answer still ends with Stripe seeing that identifier (and only that identifier) for the row.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { stopBoss } from '@/lib/jobs/boss'
import { reserveSpend } from '@/lib/billing/reserve-spend'
import { commitSpend } from '@/lib/billing/commit-spend'
import { prepareSpendWarnings } from '@/lib/billing/spend-warnings'
import { claimOutboxMessage } from '@/lib/outbox/claim-outbox-message'
import { configureOutbox } from '@/lib/outbox/config'
import { dispatchOutboxMessage } from '@/lib/outbox/dispatch-outbox-message'
import { unsafeSweepOutbox } from '@/lib/outbox/sweep-outbox'
import { startStripeFake, type StripeFake } from '@/tests/fakes/stripe-fake'
import { clearProviderEnv, fastPolicies, setEnv } from '@/tests/integration/external/helpers'
import { usePrivateBossSchema } from '@/tests/integration/outbox/harness'
import { counterOf, createLeadAt, createPaidOrg, createTrialOrg } from './spend-helpers'

let stripe: StripeFake
beforeAll(async () => {
  usePrivateBossSchema()
  configureOutbox({ maxAttempts: 5, backoffBaseMs: 1, backoffCapMs: 5, leaseMs: 60_000 })
  stripe = await startStripeFake()
  await prepareSpendWarnings()
})
afterAll(async () => {
  configureOutbox(null)
  clearProviderEnv()
  await stripe.close()
  await stopBoss()
})
beforeEach(() => {
  clearProviderEnv()
  stripe.reset()
})

/** reserve + commit one quality lead for a new lead of `orgId` in one transaction (as the score stage does) */
async function billLead(orgId: string, lead?: { id: string; normalizedAddress: string }) {
  const l = lead ?? (await createLeadAt(orgId))
  return db.$transaction(async (tx) => {
    const r = await reserveSpend({ tx, orgId, kind: 'QUALITY_LEAD', quantity: 1, identifier: `lead:${l.id}`, sandbox: false })
    const c = await commitSpend({ tx, reservationId: r.reservationId, leadId: l.id, normalizedAddress: l.normalizedAddress })
    return { ...r, ...c, lead: l, identifier: `lead:${l.id}` }
  })
}

describe('commitSpend', () => {
  it('a billable commit: one ledger row, the hold becomes used, ONE METER outbox message with the identifier', async () => {
    const { org, account } = await createPaidOrg({ capCents: 10_000 })
    const c = await billLead(org.id)
    expect(c).toMatchObject({ billable: true, duplicate: false, alreadyCommitted: false, amountCents: 113 })
    const ev = await db.usageEvent.findUniqueOrThrow({ where: { identifier: c.identifier } })
    expect(ev).toMatchObject({
      kind: 'QUALITY_LEAD',
      quantity: 1,
      unitCents: 113,
      amountCents: 113,
      billable: true,
      sandbox: false,
      free: false,
    })
    expect(ev.leadId).toBe(c.lead.id)
    expect(await counterOf(org.id)).toMatchObject({ usedCents: 113, reservedCents: 0 })
    const msgs = await db.outboxMessage.findMany({ where: { dedupeKey: c.identifier } })
    expect(msgs).toHaveLength(1)
    expect(msgs[0]).toMatchObject({ channel: 'METER', orgId: org.id })
    expect(msgs[0]!.payload).toEqual({
      eventName: 'fm_quality_lead',
      customerId: account.stripeCustomerId,
      value: 1,
      timestamp: Math.floor(ev.occurredAt.getTime() / 1000),
    })
    // committing again (a retried job) finds the row: nothing new
    const again = await db.$transaction((tx) => commitSpend({ tx, reservationId: c.reservationId }))
    expect(again).toMatchObject({ usageEventId: ev.id, alreadyCommitted: true, billable: true })
    expect(await db.usageEvent.count({ where: { orgId: org.id } })).toBe(1)
    expect(await db.outboxMessage.count({ where: { dedupeKey: c.identifier } })).toBe(1)
  })

  it('not billable without a Stripe customer, on a sandbox subscription, or from the trial allowance (recorded, no meter message)', async () => {
    const cases = [
      (await createPaidOrg({ customer: false })).org,
      (await createPaidOrg({ sandboxAccount: true })).org,
      (await createTrialOrg()).org,
    ]
    for (const org of cases) {
      const c = await billLead(org.id)
      expect(c.billable).toBe(false)
      const ev = await db.usageEvent.findUniqueOrThrow({ where: { identifier: c.identifier } })
      expect(ev.billable).toBe(false)
      expect(await db.outboxMessage.count({ where: { dedupeKey: c.identifier } })).toBe(0)
    }
    // the trial's row is free; the sandbox subscription's still counts against the cap (it simulates a real plan)
    expect((await db.usageEvent.findFirstOrThrow({ where: { orgId: cases[2]!.id } })).free).toBe(true)
    expect((await counterOf(cases[1]!.id)).usedCents).toBe(113)
  })

  it('a quality lead is billed once per normalized address: a second lead at the same address releases its hold', async () => {
    const { org } = await createPaidOrg({ capCents: 10_000 })
    const first = await billLead(org.id)
    await db.lead.update({ where: { id: first.lead.id }, data: { deletedAt: new Date() } })
    const twin = await db.lead.create({
      data: {
        orgId: org.id,
        normalizedAddress: first.lead.normalizedAddress,
        addressLine1: 'x',
        city: 'Austin',
        state: 'TX',
        zip: '78701',
      },
      select: { id: true, normalizedAddress: true },
    })
    const second = await billLead(org.id, twin)
    expect(second).toMatchObject({ duplicate: true, usageEventId: null, billable: false })
    expect((await db.spendReservation.findUniqueOrThrow({ where: { id: second.reservationId } })).status).toBe('RELEASED')
    expect(await counterOf(org.id)).toMatchObject({ usedCents: 113, reservedCents: 0 })
    expect(await db.usageEvent.count({ where: { orgId: org.id } })).toBe(1)
    expect(await db.outboxMessage.count({ where: { orgId: org.id, channel: 'METER' } })).toBe(1)
  })

  it('the ledger is append-only: UPDATE and DELETE are refused by the database', async () => {
    const { org } = await createPaidOrg()
    const c = await billLead(org.id)
    await expect(
      db.$executeRaw`UPDATE usage_events SET amount_cents = 0, unit_cents = 0 WHERE identifier = ${c.identifier}`,
    ).rejects.toThrow(/append-only/)
    await expect(db.$executeRaw`DELETE FROM usage_events WHERE identifier = ${c.identifier}`).rejects.toThrow(/append-only/)
    await expect(db.usageEvent.update({ where: { identifier: c.identifier }, data: { billable: false } })).rejects.toThrow()
    expect((await db.usageEvent.findUniqueOrThrow({ where: { identifier: c.identifier } })).amountCents).toBe(113)
  })

  it('a failure after the reservation rolls back the hold with the work (nothing reserved, nothing in the ledger)', async () => {
    const { org } = await createPaidOrg({ capCents: 10_000 })
    const lead = await createLeadAt(org.id)
    await expect(
      db.$transaction(async (tx) => {
        await reserveSpend({ tx, orgId: org.id, kind: 'QUALITY_LEAD', quantity: 1, identifier: `lead:${lead.id}`, sandbox: false })
        throw new Error('provider call failed')
      }),
    ).rejects.toThrow('provider call failed')
    expect(await counterOf(org.id)).toMatchObject({ usedCents: 0, reservedCents: 0 })
    expect(await db.spendReservation.count({ where: { orgId: org.id } })).toBe(0)
  })
})

describe('crash between commit and the meter event', () => {
  beforeEach(() => {
    setEnv({
      STRIPE_SECRET_KEY: 'sk_test_123',
      STRIPE_WEBHOOK_SECRET: 'whsec_x',
      STRIPE_API_HOST: '127.0.0.1',
      STRIPE_API_PORT: String(stripe.port),
      STRIPE_API_PROTOCOL: 'http',
    })
    fastPolicies()
  })
  const meterRequests = () => stripe.requests.filter((r) => r.path === '/v1/billing/meter_events')

  it('worker dead before dispatch, then killed mid-send after Stripe got it: Stripe sees one identifier, the row ends sent', async () => {
    const { org } = await createPaidOrg()
    const c = await billLead(org.id)
    const msg = await db.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: c.identifier } })
    expect(msg.status).toBe('queued') // committed with the ledger row; no worker ran (the process "died")

    // a worker claims it, sends it to Stripe, and dies before recording the answer (lease left behind)
    const claimed = await claimOutboxMessage({ id: msg.id, leaseMs: 1 })
    expect(claimed).not.toBeNull()
    const { reportMeterEvent } = await import('@/lib/external/stripe')
    const p = claimed!.payload as { eventName: string; customerId: string; value: number }
    await reportMeterEvent({ eventName: p.eventName, customerId: p.customerId, value: p.value, identifier: claimed!.dedupeKey })
    await new Promise((r) => setTimeout(r, 20))

    // the sweeper finds the expired lease of an idempotent channel and queues it again; a new worker sends it
    const swept = await unsafeSweepOutbox({ dedupeKeyPrefix: c.identifier })
    expect(swept.requeued).toBe(1)
    // ... and the connection is reset once after Stripe read the body (Stripe may have recorded it): retried
    stripe.script({ kind: 'reset' })
    expect(await dispatchOutboxMessage({ id: msg.id })).toBe('sent')
    expect(await dispatchOutboxMessage({ id: msg.id })).toBe('skipped') // a duplicate job does nothing

    const reqs = meterRequests()
    expect(reqs.length).toBeGreaterThanOrEqual(3)
    // every attempt carried the ledger identifier and the same idempotency key: Stripe counts it once
    expect(new Set(reqs.map((r) => (r.body as Record<string, string>).identifier))).toEqual(new Set([c.identifier]))
    expect(new Set(reqs.map((r) => r.headers['idempotency-key']))).toEqual(new Set([`meter-${c.identifier}`]))
    // the stateful fake keeps accepted meter events by identifier (a repeat is answered from the Idempotency-Key or
    // ignored by identifier, as Stripe does): exactly one event for this customer
    const account = await db.billingAccount.findUniqueOrThrow({ where: { orgId: org.id } })
    expect([...stripe.meterEvents.values()].filter((e) => e.customer === account.stripeCustomerId)).toHaveLength(1)
    const final = await db.outboxMessage.findUniqueOrThrow({ where: { id: msg.id } })
    expect(final.status).toBe('sent')
    expect(await db.outboxMessage.count({ where: { dedupeKey: c.identifier } })).toBe(1)
    expect(await db.usageEvent.count({ where: { identifier: c.identifier } })).toBe(1)
  })

  it('a crash before the commit leaves neither the ledger row nor the meter message', async () => {
    const { org } = await createPaidOrg()
    const lead = await createLeadAt(org.id)
    await expect(
      db.$transaction(async (tx) => {
        const r = await reserveSpend({
          tx,
          orgId: org.id,
          kind: 'QUALITY_LEAD',
          quantity: 1,
          identifier: `lead:${lead.id}`,
          sandbox: false,
        })
        await commitSpend({ tx, reservationId: r.reservationId, leadId: lead.id, normalizedAddress: lead.normalizedAddress })
        throw new Error('process killed before COMMIT')
      }),
    ).rejects.toThrow()
    expect(await db.usageEvent.count({ where: { identifier: `lead:${lead.id}` } })).toBe(0)
    expect(await db.outboxMessage.count({ where: { dedupeKey: `lead:${lead.id}` } })).toBe(0)
    expect(await counterOf(org.id)).toMatchObject({ usedCents: 0, reservedCents: 0 })
  })
})

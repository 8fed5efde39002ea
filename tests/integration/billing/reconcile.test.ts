// The daily reconciliation (lib/billing/reconcile-usage.ts): the ledger's billable rows against what was delivered
// (sandbox: the outbox's accepted METER rows, by identifier) and what Stripe accepted (live: meter event summaries
// per meter and customer). Differences → one staff alert per org and day; every run → a billing_reconciliations row.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { stopBoss } from '@/lib/jobs/boss'
import { reserveSpend } from '@/lib/billing/reserve-spend'
import { commitSpend } from '@/lib/billing/commit-spend'
import { prepareSpendWarnings } from '@/lib/billing/spend-warnings'
import { unsafeReconcileUsage } from '@/lib/billing/reconcile-usage'
import { resetProviderPolicies } from '@/lib/external/call-service'
import { configureOutbox } from '@/lib/outbox/config'
import { dispatchOutboxMessage } from '@/lib/outbox/dispatch-outbox-message'
import { planPrices, startStripeFake, type StripeFake } from '@/tests/fakes/stripe-fake'
import { clearProviderEnv, setEnv } from '@/tests/integration/external/helpers'
import { usePrivateBossSchema } from '@/tests/integration/outbox/harness'
import { createLeadAt, createPaidOrg } from './spend-helpers'

let stripe: StripeFake
beforeAll(async () => {
  usePrivateBossSchema()
  configureOutbox({ maxAttempts: 3, backoffBaseMs: 1, backoffCapMs: 5, leaseMs: 60_000 })
  stripe = await startStripeFake({ prices: planPrices() })
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
  resetProviderPolicies()
})

async function billLeads(orgId: string, n: number) {
  const ids: string[] = []
  for (let i = 0; i < n; i++) {
    const lead = await createLeadAt(orgId)
    await db.$transaction(async (tx) => {
      const r = await reserveSpend({ tx, orgId, kind: 'QUALITY_LEAD', quantity: 1, identifier: `lead:${lead.id}`, sandbox: false })
      await commitSpend({ tx, reservationId: r.reservationId, leadId: lead.id, normalizedAddress: lead.normalizedAddress })
    })
    ids.push(`lead:${lead.id}`)
  }
  return ids
}
const dispatch = async (identifier: string) =>
  dispatchOutboxMessage({ id: (await db.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: identifier } })).id })
/** the run happens later (rows younger than an hour are in flight and not judged) */
const later = () => new Date(Date.now() + 2 * 3600_000)

describe('reconciliation', () => {
  it('sandbox: every billable row must have an accepted METER message; a stuck one is named, alerted once per day', async () => {
    const { org } = await createPaidOrg()
    const ids = await billLeads(org.id, 3)
    for (const id of ids.slice(0, 2)) expect(await dispatch(id)).toBe('sent')
    expect((await db.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: ids[0]! } })).status).toBe('delivered') // sandbox

    const run = await unsafeReconcileUsage({ now: later() })
    expect(run.mode).toBe('sandbox')
    const mine = run.details.find((d) => d.orgId === org.id)!
    expect(mine).toMatchObject({ ledgerRows: 3, undelivered: 1, undeliveredIdentifiers: [ids[2]], ok: false })
    const stored = await db.billingReconciliation.findUniqueOrThrow({ where: { id: run.id } })
    expect(stored.mismatches).toBe(run.mismatches)
    expect(stored.mismatches).toBeGreaterThanOrEqual(1)
    const alerts = await db.staffAlert.findMany({ where: { orgId: org.id, kind: 'billing.reconcile' } })
    expect(alerts).toHaveLength(1)
    expect(alerts[0]!.body).toContain('1 billable ledger row')

    await unsafeReconcileUsage({ now: later() }) // same day: still one alert
    expect(await db.staffAlert.count({ where: { orgId: org.id, kind: 'billing.reconcile' } })).toBe(1)

    // delivered → the next run finds the org in order
    expect(await dispatch(ids[2]!)).toBe('sent')
    const next = await unsafeReconcileUsage({ now: later() })
    expect(next.details.find((d) => d.orgId === org.id)).toMatchObject({ ledgerRows: 3, undelivered: 0, ok: true })
  })

  it('Stripe live: the ledger sum per meter and customer equals the meter event summary; a difference is alerted', async () => {
    setEnv({
      STRIPE_SECRET_KEY: 'sk_test_123',
      STRIPE_WEBHOOK_SECRET: 'whsec_x',
      STRIPE_API_HOST: '127.0.0.1',
      STRIPE_API_PORT: String(stripe.port),
      STRIPE_API_PROTOCOL: 'http',
    })
    resetProviderPolicies()
    const { org, account } = await createPaidOrg()
    const ids = await billLeads(org.id, 2)
    for (const id of ids) expect(await dispatch(id)).toBe('sent')
    expect(await dispatch(ids[0]!)).toBe('skipped')
    for (const id of ids) expect(stripe.meterEvents.get(id)).toMatchObject({ customer: account.stripeCustomerId, value: 1 })

    const ok = await unsafeReconcileUsage({ now: later() })
    expect(ok.mode).toBe('stripe')
    expect(ok.details.find((d) => d.orgId === org.id)).toMatchObject({
      ok: true,
      meters: [{ eventName: 'fm_quality_lead', ledgerValue: 2, stripeValue: 2 }],
    })
    expect(await db.staffAlert.count({ where: { orgId: org.id } })).toBe(0)

    // Stripe has an event the ledger does not (e.g. sent by hand): reported with both numbers
    const ev = stripe.meterEvents.get(ids[0]!)!
    stripe.meterEvents.set('stray', { ...ev, identifier: 'stray' })
    const bad = await unsafeReconcileUsage({ now: later() })
    expect(bad.details.find((d) => d.orgId === org.id)).toMatchObject({
      ok: false,
      meters: [{ eventName: 'fm_quality_lead', ledgerValue: 2, stripeValue: 3 }],
    })
    const alert = await db.staffAlert.findFirstOrThrow({ where: { orgId: org.id, kind: 'billing.reconcile' } })
    expect(alert.body).toContain('fm_quality_lead: ledger 2, Stripe 3')
    expect(alert.severity).toBe('critical')
  })
})

// The spend cap's guarded reservation (lib/billing/reserve-spend.ts), release, the trial allowance, sandbox,
// idempotent identifiers, entitlement refusals, the stale-reservation sweeper and the spend warnings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { systemActor } from '@/lib/auth/actor'
import { stopBoss } from '@/lib/jobs/boss'
import { reserveSpend } from '@/lib/billing/reserve-spend'
import { commitSpend, releaseSpend } from '@/lib/billing/commit-spend'
import { unsafeReleaseStaleReservations } from '@/lib/billing/sweep-reservations'
import { sendSpendWarning, spendWarningDedupeKey } from '@/lib/billing/spend-warnings'
import { currentPeriod } from '@/lib/billing/period'
import { assertUnderSpendCap, previewSpend, spendPreviewSentence } from '@/lib/billing/preview-spend'
import { uniq } from '@/tests/factories'
import { usePrivateBossSchema } from '@/tests/integration/outbox/harness'
import { counterOf, createLeadAt, createPaidOrg, createTrialOrg, errorOf, setUsed } from './spend-helpers'

let bossSchema: string
beforeAll(() => {
  bossSchema = usePrivateBossSchema()
})
afterAll(async () => {
  await stopBoss()
})

describe('reserveSpend: the guarded cap', () => {
  it('50 concurrent reservations racing for the last $10 of the cap: exactly the ones that fit succeed, overspend 0', async () => {
    const { org } = await createPaidOrg({ capCents: 50_000 })
    await setUsed(org.id, 49_000) // $10 left
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        reserveSpend({ orgId: org.id, kind: 'QUALITY_LEAD', quantity: 1, identifier: `race:${i}`, sandbox: false }),
      ),
    )
    const ok = results.filter((r) => r.status === 'fulfilled')
    const refused = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[]
    expect(ok).toHaveLength(Math.floor(1000 / 113)) // 8 × $1.13 fit in $10
    for (const r of refused) {
      expect(r.reason.code).toBe('QUOTA_EXCEEDED')
      expect(r.reason.details.reason).toBe('SPEND_CAP')
    }
    const c = await counterOf(org.id)
    expect(c.usedCents).toBe(49_000 + 8 * 113)
    expect(c.usedCents).toBeLessThanOrEqual(50_000)
    expect(c.reservedCents).toBe(8 * 113)
    expect(await db.spendReservation.count({ where: { orgId: org.id, status: 'RESERVED' } })).toBe(8)
  })

  it('the first reservations of a period, concurrently, all succeed (the counter row is created once)', async () => {
    const { org } = await createPaidOrg({ capCents: 10_000 })
    const all = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        reserveSpend({ orgId: org.id, kind: 'SMS_SEGMENT', quantity: 1, identifier: `first:${i}`, sandbox: false }),
      ),
    )
    expect(all.filter((r) => r.status === 'rejected')).toEqual([])
    expect(await counterOf(org.id)).toMatchObject({ usedCents: 40, reservedCents: 40 })
    expect(await db.spendCounter.count({ where: { orgId: org.id } })).toBe(1)
  })

  it('refuses with the quota numbers when the cap would be passed', async () => {
    const { org } = await createPaidOrg({ capCents: 10_000 })
    await setUsed(org.id, 9_990)
    const e = await errorOf(reserveSpend({ orgId: org.id, kind: 'SMS_SEGMENT', quantity: 6, identifier: uniq('sms:'), sandbox: false }))
    expect(e.code).toBe('QUOTA_EXCEEDED')
    expect(e.details).toEqual({ reason: 'SPEND_CAP', capCents: 10_000, usedCents: 9_990, requestedCents: 12, leftCents: 10 })
    expect(e.message).toContain('$0.10')
    // 5 segments = 10 cents fit exactly
    await reserveSpend({ orgId: org.id, kind: 'SMS_SEGMENT', quantity: 5, identifier: uniq('sms:'), sandbox: false })
    expect((await counterOf(org.id)).usedCents).toBe(10_000)
    expect(await db.spendReservation.count({ where: { orgId: org.id } })).toBe(1) // the refused one left nothing
  })

  it('release on failure gives the hold back; releasing twice is a no-op; a released reservation cannot commit', async () => {
    const { org } = await createPaidOrg({ capCents: 1_000 })
    const r = await reserveSpend({ orgId: org.id, kind: 'LETTER', quantity: 5, identifier: uniq('mail:'), sandbox: false })
    expect(r).toMatchObject({ amountCents: 710, free: false, sandbox: false })
    expect(await counterOf(org.id)).toMatchObject({ usedCents: 710, reservedCents: 710 })
    expect(await releaseSpend({ reservationId: r.reservationId })).toEqual({ released: true })
    expect(await counterOf(org.id)).toMatchObject({ usedCents: 0, reservedCents: 0 })
    expect(await releaseSpend({ reservationId: r.reservationId })).toEqual({ released: false })
    expect(await counterOf(org.id)).toMatchObject({ usedCents: 0, reservedCents: 0 })
    const e = await errorOf(db.$transaction((tx) => commitSpend({ tx, reservationId: r.reservationId })))
    expect(e.code).toBe('CONFLICT')
    // the freed cap is usable again
    await reserveSpend({ orgId: org.id, kind: 'LETTER', quantity: 7, identifier: uniq('mail:'), sandbox: false })
    expect((await counterOf(org.id)).usedCents).toBe(994)
  })

  it('the same identifier twice (also concurrently) holds once and returns the same reservation', async () => {
    const { org } = await createPaidOrg({ capCents: 100_000 })
    const identifier = uniq('enrich:')
    const all = await Promise.all(
      Array.from({ length: 10 }, () => reserveSpend({ orgId: org.id, kind: 'ENRICHMENT', quantity: 1, identifier, sandbox: false })),
    )
    expect(new Set(all.map((r) => r.reservationId)).size).toBe(1)
    const again = await reserveSpend({ orgId: org.id, kind: 'ENRICHMENT', quantity: 1, identifier, sandbox: false })
    expect(again.reservationId).toBe(all[0]!.reservationId)
    expect(await counterOf(org.id)).toMatchObject({ usedCents: 500, reservedCents: 500 })
    // after a release the identifier may be reserved again (a retried attempt), still one row
    await releaseSpend({ reservationId: again.reservationId })
    const retried = await reserveSpend({ orgId: org.id, kind: 'ENRICHMENT', quantity: 1, identifier, sandbox: false })
    expect(retried.reservationId).toBe(again.reservationId)
    expect(await counterOf(org.id)).toMatchObject({ usedCents: 500, reservedCents: 500 })
  })

  it('trial: the first 5 quality leads are free (never counted against the cap), the 6th is TRIAL_LIMIT', async () => {
    const { org } = await createTrialOrg()
    const free = []
    for (let i = 0; i < 5; i++)
      free.push(await reserveSpend({ orgId: org.id, kind: 'QUALITY_LEAD', quantity: 1, identifier: uniq('lead:'), sandbox: false }))
    expect(free.every((r) => r.free && r.amountCents === 0)).toBe(true)
    const e = await errorOf(reserveSpend({ orgId: org.id, kind: 'QUALITY_LEAD', quantity: 1, identifier: uniq('lead:'), sandbox: false }))
    expect(e.code).toBe('QUOTA_EXCEEDED')
    expect(e.details).toMatchObject({ reason: 'TRIAL_LIMIT', freeQualityLeads: 5 })
    expect(String(e.details.upgradeUrl)).toContain(`/${org.slug}/settings/billing`)
    expect(await counterOf(org.id)).toMatchObject({ usedCents: 0, freeQualityLeadsUsed: 5 })
    // releasing a free one gives the allowance back
    await releaseSpend({ reservationId: free[0]!.reservationId })
    expect((await counterOf(org.id)).freeQualityLeadsUsed).toBe(4)
    await reserveSpend({ orgId: org.id, kind: 'QUALITY_LEAD', quantity: 1, identifier: uniq('lead:'), sandbox: false })
    // paid usage on a trial has a $0 cap
    const sms = await errorOf(reserveSpend({ orgId: org.id, kind: 'SMS_SEGMENT', quantity: 1, identifier: uniq('sms:'), sandbox: false }))
    expect(sms.details).toMatchObject({ reason: 'SPEND_CAP', capCents: 0 })
  })

  it('sandbox reserves nothing: never counted against the cap, recorded as sandbox, never billed', async () => {
    const { org } = await createPaidOrg({ capCents: 0 }) // even a $0 cap does not stop sandbox work
    const identifier = uniq('sandbox:lead:')
    const r = await reserveSpend({ orgId: org.id, kind: 'QUALITY_LEAD', quantity: 1, identifier, sandbox: true })
    expect(r).toMatchObject({ sandbox: true, free: false, amountCents: 113 })
    expect(await counterOf(org.id)).toMatchObject({ usedCents: 0, reservedCents: 0 })
    const lead = await createLeadAt(org.id)
    const c = await db.$transaction((tx) =>
      commitSpend({ tx, reservationId: r.reservationId, leadId: lead.id, normalizedAddress: lead.normalizedAddress }),
    )
    expect(c).toMatchObject({ billable: false, duplicate: false })
    const ev = await db.usageEvent.findUniqueOrThrow({ where: { identifier } })
    expect(ev).toMatchObject({ sandbox: true, billable: false, amountCents: 113 })
    expect(await db.outboxMessage.count({ where: { dedupeKey: identifier } })).toBe(0)
    expect(await counterOf(org.id)).toMatchObject({ usedCents: 0, reservedCents: 0 })
  })

  it('refuses when billable work is not allowed (read-only account, dispute freeze)', async () => {
    const { org } = await createPaidOrg()
    await db.billingAccount.update({ where: { orgId: org.id }, data: { state: 'READ_ONLY', pastDueSince: new Date() } })
    const e = await errorOf(reserveSpend({ orgId: org.id, kind: 'SMS_SEGMENT', quantity: 1, identifier: uniq('sms:'), sandbox: false }))
    expect(e).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'BILLING_READ_ONLY' } })
    await db.billingAccount.update({ where: { orgId: org.id }, data: { state: 'ACTIVE', pastDueSince: null, disputeFrozenAt: new Date() } })
    const f = await errorOf(reserveSpend({ orgId: org.id, kind: 'SMS_SEGMENT', quantity: 1, identifier: uniq('sms:'), sandbox: false }))
    expect(f).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'DISPUTE_FROZEN' } })
    expect(await db.spendReservation.count({ where: { orgId: org.id } })).toBe(0)
  })

  it('rejects bad input with a validation error', async () => {
    const { org } = await createPaidOrg()
    await expect(reserveSpend({ orgId: org.id, kind: 'SMS_SEGMENT', quantity: 0, identifier: 'x', sandbox: false })).rejects.toThrow()
    await expect(reserveSpend({ orgId: org.id, kind: 'EMAIL' as never, quantity: 1, identifier: 'x', sandbox: false })).rejects.toThrow()
    await expect(reserveSpend({ orgId: org.id, kind: 'SMS_SEGMENT', quantity: 1, identifier: '', sandbox: false })).rejects.toThrow()
  })
})

describe('the period', () => {
  it('rolls monthly from the stored end when it has passed', () => {
    const account = { periodStart: new Date('2026-01-31T10:00:00Z'), periodEnd: new Date('2026-02-14T10:00:00Z') }
    expect(currentPeriod(account, new Date('2026-02-01T00:00:00Z'))).toEqual({ start: account.periodStart, end: account.periodEnd })
    expect(currentPeriod(account, new Date('2026-02-14T10:00:00Z'))).toEqual({
      start: new Date('2026-02-14T10:00:00Z'),
      end: new Date('2026-03-14T10:00:00Z'),
    })
    expect(currentPeriod(account, new Date('2026-07-20T00:00:00Z'))).toEqual({
      start: new Date('2026-07-14T10:00:00Z'),
      end: new Date('2026-08-14T10:00:00Z'),
    })
    const jan31 = { periodStart: new Date('2025-12-31T00:00:00Z'), periodEnd: new Date('2026-01-31T00:00:00Z') }
    expect(currentPeriod(jan31, new Date('2026-02-10T00:00:00Z'))).toEqual({
      start: new Date('2026-01-31T00:00:00Z'),
      end: new Date('2026-02-28T00:00:00Z'),
    })
  })
})

describe('stale reservations', () => {
  it('the sweeper releases reservations RESERVED for over an hour (a crash between reserve and commit)', async () => {
    const { org } = await createPaidOrg({ capCents: 10_000 })
    const old = await reserveSpend({ orgId: org.id, kind: 'AI_CALL', quantity: 2, identifier: uniq('call:'), sandbox: false })
    const fresh = await reserveSpend({ orgId: org.id, kind: 'AI_CALL', quantity: 1, identifier: uniq('call:'), sandbox: false })
    await db.spendReservation.update({ where: { id: old.reservationId }, data: { createdAt: new Date(Date.now() - 2 * 3600_000) } })
    const { released } = await unsafeReleaseStaleReservations()
    expect(released).toBeGreaterThanOrEqual(1)
    expect((await db.spendReservation.findUniqueOrThrow({ where: { id: old.reservationId } })).status).toBe('RELEASED')
    expect((await db.spendReservation.findUniqueOrThrow({ where: { id: fresh.reservationId } })).status).toBe('RESERVED')
    expect(await counterOf(org.id)).toMatchObject({ usedCents: 50, reservedCents: 50 })
  })
})

describe('spend warnings', () => {
  it('80 / 90 / 100 % each warn once per period: a job in the same transaction, then in-app + email to OWNERs', async () => {
    const { org, owner } = await createPaidOrg({ capCents: 1_000 })
    const jobs = async () =>
      (
        await db.$queryRawUnsafe<Array<{ data: { percent: number } }>>(
          `SELECT data FROM ${bossSchema}.job WHERE name = 'billing.spend-warning' AND data->>'orgId' = $1 ORDER BY created_on`,
          org.id,
        )
      ).map((j) => j.data.percent)
    await reserveSpend({ orgId: org.id, kind: 'ENRICHMENT', quantity: 1, identifier: uniq('e:'), sandbox: false }) // 50 %
    expect(await jobs()).toEqual([])
    await reserveSpend({ orgId: org.id, kind: 'AI_CALL', quantity: 6, identifier: uniq('c:'), sandbox: false }) // 80 %
    await reserveSpend({ orgId: org.id, kind: 'AI_CALL', quantity: 1, identifier: uniq('c:'), sandbox: false }) // 85 %
    expect(await jobs()).toEqual([80])
    await reserveSpend({ orgId: org.id, kind: 'AI_CALL', quantity: 3, identifier: uniq('c:'), sandbox: false }) // 100 %
    expect(await jobs()).toEqual([80, 100]) // jumped past 90: the highest level reached is sent
    expect((await counterOf(org.id)).warnedPercent).toBe(100)

    const account = await db.billingAccount.findUniqueOrThrow({ where: { orgId: org.id } })
    const periodStart = currentPeriod(account).start
    const actor = systemActor({ process: 'billing', orgId: org.id })
    expect(await sendSpendWarning({ actor, periodStart, percent: 100 })).toEqual({ status: 'sent', owners: 1 })
    await sendSpendWarning({ actor, periodStart, percent: 100 }) // a retried job repeats nothing
    const key = `${spendWarningDedupeKey({ orgId: org.id, periodStart, percent: 100 })}:${owner.id}`
    const notes = await db.notification.findMany({ where: { orgId: org.id, userId: owner.id } })
    expect(notes).toHaveLength(1)
    expect(notes[0]).toMatchObject({ kind: 'billing.spend', dedupeKey: key, url: `/${org.slug}/settings/billing` })
    expect(notes[0]!.title).toContain('spend cap reached')
    const mails = await db.emailMessage.findMany({ where: { dedupeKey: key } })
    expect(mails).toHaveLength(1)
    expect(mails[0]!.toEmail).toBe(owner.email)
  })
})

describe('previewSpend and the cap at 100 %', () => {
  it('prices work against the headroom; the trial counts its free quality leads and what it would refuse', async () => {
    const { org } = await createPaidOrg({ capCents: 1_000 })
    await setUsed(org.id, 700)
    const p = await previewSpend({
      orgId: org.id,
      items: [
        { kind: 'QUALITY_LEAD', quantity: 2 },
        { kind: 'SMS_SEGMENT', quantity: 10 },
      ],
    })
    expect(p).toMatchObject({
      upToCents: 246,
      capCents: 1_000,
      usedCents: 700,
      leftCents: 300,
      percentUsed: 70,
      fits: true,
      sandbox: false,
    })
    expect(spendPreviewSentence(p)).toBe('This will cost up to $2.46; $3.00 of your $10 monthly cap is left.')
    expect((await previewSpend({ orgId: org.id, items: [{ kind: 'QUALITY_LEAD', quantity: 3 }] })).fits).toBe(false)
    expect(await previewSpend({ orgId: org.id, items: [{ kind: 'QUALITY_LEAD', quantity: 300 }], sandbox: true })).toMatchObject({
      upToCents: 0,
      fits: true,
    })

    const trial = await createTrialOrg()
    await reserveSpend({ orgId: trial.org.id, kind: 'QUALITY_LEAD', quantity: 2, identifier: uniq('lead:'), sandbox: false })
    const t = await previewSpend({ orgId: trial.org.id, items: [{ kind: 'QUALITY_LEAD', quantity: 5 }] })
    expect(t).toMatchObject({ upToCents: 0, fits: false, trial: { freeLeft: 3, blockedQualityLeads: 2 } })
  })

  it('assertUnderSpendCap refuses new live work at 100 % (not on the trial, whose leads are free)', async () => {
    const { org } = await createPaidOrg({ capCents: 1_000 })
    await assertUnderSpendCap({ orgId: org.id })
    await setUsed(org.id, 1_000)
    const e = await errorOf(assertUnderSpendCap({ orgId: org.id }))
    expect(e).toMatchObject({ code: 'QUOTA_EXCEEDED', details: { reason: 'SPEND_CAP', capCents: 1_000, usedCents: 1_000, leftCents: 0 } })
    const trial = await createTrialOrg()
    await assertUnderSpendCap({ orgId: trial.org.id })
  })
})

// decideSend against real PostgreSQL: each rule allows, denies and defers at its edges; deny/defer are recorded.
import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { decideSend } from '@/lib/compliance/decide-send'
import { zonedTimeToUtc } from '@/lib/compliance/zones'
import { AppError } from '@/lib/errors'
import { CHI, NY, grantPewc, makeLead, orgWithAddress, recordSent } from './helpers'

const TX_PHONE = '+12145550100' // Dallas
const FL_PHONE = '+13055550100' // Miami
const RI_PHONE = '+14015550100'

async function setup(over: { state?: string; lat?: number | null; lng?: number | null } = {}) {
  const org = await orgWithAddress()
  const lead = await makeLead(org.id, over)
  await grantPewc(org.id, lead.id)
  return { orgId: org.id, leadId: lead.id }
}

describe('decideSend: calling windows in the recipient time zone', () => {
  it('20:59 allows, 21:00 defers to 08:00 next day (federal, Chicago) and records the defer', async () => {
    // a Missouri address (no state row) with a +1 314 number: federal only
    const { orgId, leadId } = await setup({ state: 'MO', lat: 38.63, lng: -90.2 })
    const base = { orgId, leadId, channel: 'SMS' as const, purpose: 'MARKETING' as const, to: { phone: '+13145550100' } }
    expect(await decideSend({ ...base, at: zonedTimeToUtc(2026, 6, 10, 20 * 60 + 59, CHI) })).toEqual({ outcome: 'allow' })
    const d = await decideSend({ ...base, at: zonedTimeToUtc(2026, 6, 10, 21 * 60, CHI) })
    expect(d).toMatchObject({ outcome: 'defer', rule: 'quiet_hours', jurisdiction: 'US', until: zonedTimeToUtc(2026, 6, 11, 8 * 60, CHI) })
    const rows = await db.complianceDecision.findMany({ where: { leadId } })
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      outcome: 'defer',
      rule: 'quiet_hours',
      channel: 'SMS',
      deferUntil: zonedTimeToUtc(2026, 6, 11, 8 * 60, CHI),
    })
    expect(rows[0]!.explanation).toMatch(/Federal quiet hours/)
  })

  it('DST change days in America/Chicago: 2026-03-08 and 2026-11-01 defer to 08:00 local (13:00Z / 14:00Z)', async () => {
    const { orgId, leadId } = await setup({ state: 'MO', lat: 38.63, lng: -90.2 })
    const base = { orgId, leadId, channel: 'CALL' as const, purpose: 'MARKETING' as const, to: { phone: '+13145550100' } }
    const spring = await decideSend({ ...base, at: new Date('2026-03-08T07:30:00Z') }) // 01:30 CST
    expect(spring).toMatchObject({ outcome: 'defer', until: new Date('2026-03-08T13:00:00Z') })
    const fall = await decideSend({ ...base, at: new Date('2026-11-01T06:30:00Z') }) // 01:30 CDT
    expect(fall).toMatchObject({ outcome: 'defer', until: new Date('2026-11-01T14:00:00Z') })
    expect(await decideSend({ ...base, at: new Date('2026-11-01T14:00:00Z') })).toEqual({ outcome: 'allow' })
    expect(await decideSend({ ...base, at: new Date('2026-11-01T13:59:00Z') })).toMatchObject({ outcome: 'defer' })
  })

  it('Texas Sunday: 11:59 defers to 12:00, 12:00 allows', async () => {
    const { orgId, leadId } = await setup()
    const base = { orgId, leadId, channel: 'SMS' as const, purpose: 'MARKETING' as const, to: { phone: TX_PHONE } }
    expect(await decideSend({ ...base, at: zonedTimeToUtc(2026, 6, 14, 11 * 60 + 59, CHI) })).toMatchObject({
      outcome: 'defer',
      jurisdiction: 'TX',
      until: zonedTimeToUtc(2026, 6, 14, 12 * 60, CHI),
    })
    expect(await decideSend({ ...base, at: zonedTimeToUtc(2026, 6, 14, 12 * 60, CHI) })).toEqual({ outcome: 'allow' })
  })

  it('Rhode Island Sunday → Monday 09:00; a federal holiday (Independence Day observed Fri 3 Jul 2026, Sat 4 Jul) → Monday 09:00', async () => {
    const { orgId, leadId } = await setup({ state: 'RI', lat: 41.82, lng: -71.41 })
    const base = { orgId, leadId, channel: 'CALL' as const, purpose: 'MARKETING' as const, to: { phone: RI_PHONE } }
    expect(await decideSend({ ...base, at: zonedTimeToUtc(2026, 6, 14, 12 * 60, NY) })).toMatchObject({
      outcome: 'defer',
      jurisdiction: 'RI',
      until: zonedTimeToUtc(2026, 6, 15, 9 * 60, NY),
    })
    // Fri 3 Jul (observed) and Sat 4 Jul (the day) are both holidays; Sunday banned → Monday 6 Jul 09:00
    expect(await decideSend({ ...base, at: zonedTimeToUtc(2026, 7, 3, 11 * 60, NY) })).toMatchObject({
      outcome: 'defer',
      until: zonedTimeToUtc(2026, 7, 6, 9 * 60, NY),
    })
  })

  it('no coordinates: the narrowest window across the state zones (Florida: Eastern and Central)', async () => {
    const { orgId, leadId } = await setup({ state: 'FL', lat: null, lng: null })
    const base = { orgId, leadId, channel: 'CALL' as const, purpose: 'MARKETING' as const, to: { phone: FL_PHONE } }
    // 08:30 Eastern = 07:30 Central: not yet allowed in the Panhandle → 08:00 Central
    expect(await decideSend({ ...base, at: zonedTimeToUtc(2026, 6, 10, 8 * 60 + 30, NY) })).toMatchObject({
      outcome: 'defer',
      until: zonedTimeToUtc(2026, 6, 10, 8 * 60, CHI),
    })
  })
})

describe('decideSend: caps from the outbox record of sends', () => {
  it('Florida: third call in 24 h allowed, the next deferred until the first of the three is 24 h old', async () => {
    const { orgId, leadId } = await setup({ state: 'FL', lat: 25.76, lng: -80.19 })
    const at = zonedTimeToUtc(2026, 6, 10, 12 * 60, NY)
    const h = (n: number) => new Date(at.getTime() - n * 3_600_000)
    const base = { orgId, leadId, channel: 'CALL' as const, purpose: 'MARKETING' as const, to: { phone: FL_PHONE }, at }
    await recordSent(orgId, 'CALL', FL_PHONE, h(20))
    await recordSent(orgId, 'SMS', FL_PHONE, h(10))
    await recordSent(orgId, 'CALL', '+13055550199', h(9)) // another number: not counted
    expect(await decideSend(base)).toEqual({ outcome: 'allow' }) // this would be the third
    await recordSent(orgId, 'CALL', FL_PHONE, h(5))
    const d = await decideSend(base)
    expect(d).toMatchObject({ outcome: 'defer', rule: 'contact_cap', jurisdiction: 'FL', until: h(20 - 24) })
    // another org's sends to the same number do not count
    const other = await setup({ state: 'FL', lat: 25.76, lng: -80.19 })
    expect(await decideSend({ ...base, ...other })).toEqual({ outcome: 'allow' })
  })
})

describe('decideSend: denials', () => {
  it('no PEWC for a marketing text → deny; transactional with plain consent → allow', async () => {
    const org = await orgWithAddress()
    const lead = await makeLead(org.id)
    const at = zonedTimeToUtc(2026, 6, 10, 12 * 60, CHI)
    const base = { orgId: org.id, leadId: lead.id, to: { phone: TX_PHONE }, at }
    expect(await decideSend({ ...base, channel: 'SMS', purpose: 'MARKETING' })).toMatchObject({ outcome: 'deny', rule: 'no_pewc' })
    expect(await decideSend({ ...base, channel: 'CALL', purpose: 'TRANSACTIONAL' })).toMatchObject({ outcome: 'deny', rule: 'no_consent' })
    const { grantConsent } = await import('@/lib/compliance/grant-consent')
    await grantConsent({
      orgId: org.id,
      leadId: lead.id,
      channel: 'SMS',
      purpose: 'TRANSACTIONAL',
      evidence: { source: 'manual', at: new Date('2026-06-01T12:00:00Z') },
    })
    expect(await decideSend({ ...base, channel: 'SMS', purpose: 'TRANSACTIONAL' })).toEqual({ outcome: 'allow' })
    // a consent without disclosure evidence is not PEWC
    await grantConsent({
      orgId: org.id,
      leadId: lead.id,
      channel: 'SMS',
      purpose: 'MARKETING',
      evidence: { source: 'manual', at: new Date('2026-06-01T12:00:00Z') },
    })
    expect(await decideSend({ ...base, channel: 'SMS', purpose: 'MARKETING' })).toMatchObject({ outcome: 'deny', rule: 'no_pewc' })
    const recorded = await db.complianceDecision.count({ where: { leadId: lead.id, outcome: 'deny' } })
    expect(recorded).toBe(3)
  })

  it('e-mail: suppression denies; marketing needs the org postal address; a deleted lead is erased', async () => {
    const org = await orgWithAddress(null)
    const lead = await makeLead(org.id)
    const at = new Date('2026-06-10T17:00:00Z')
    const email = `home-${lead.id.slice(0, 8)}@example.test`
    const base = { orgId: org.id, leadId: lead.id, channel: 'EMAIL' as const, at }
    expect(await decideSend({ ...base, purpose: 'MARKETING', to: { email } })).toMatchObject({ outcome: 'deny', rule: 'no_postal_address' })
    expect(await decideSend({ ...base, purpose: 'TRANSACTIONAL', to: { email } })).toEqual({ outcome: 'allow' })
    await db.emailSuppression.create({ data: { email, reason: 'bounce' } })
    expect(await decideSend({ ...base, purpose: 'TRANSACTIONAL', to: { email: email.toUpperCase() } })).toMatchObject({
      outcome: 'deny',
      rule: 'suppressed',
    })
    await db.lead.update({ where: { id: lead.id }, data: { deletedAt: new Date() } })
    expect(await decideSend({ ...base, purpose: 'TRANSACTIONAL', to: { email } })).toMatchObject({ outcome: 'deny', rule: 'lead_erased' })
  })

  it('internal DNC denies calls and texts of any purpose', async () => {
    const { orgId, leadId } = await setup()
    await db.dncEntry.create({ data: { orgId, phone: 12145550100n, reason: 'asked on a call' } })
    const base = { orgId, leadId, to: { phone: TX_PHONE }, at: zonedTimeToUtc(2026, 6, 10, 12 * 60, CHI) }
    expect(await decideSend({ ...base, channel: 'CALL', purpose: 'MARKETING' })).toMatchObject({ outcome: 'deny', rule: 'internal_dnc' })
    expect(await decideSend({ ...base, channel: 'SMS', purpose: 'TRANSACTIONAL' })).toMatchObject({ outcome: 'deny', rule: 'internal_dnc' })
    expect(await decideSend({ ...base, channel: 'SMS', purpose: 'MARKETING', to: { phone: '+12145550101' } })).toEqual({ outcome: 'allow' })
  })

  it('cross-org: a lead of another org is NOT_FOUND; bad input is VALIDATION_FAILED', async () => {
    const a = await setup()
    const b = await orgWithAddress()
    const at = new Date('2026-06-10T17:00:00Z')
    const call = (over: Record<string, unknown>) =>
      decideSend({ orgId: b.id, leadId: a.leadId, channel: 'SMS', purpose: 'MARKETING', to: { phone: TX_PHONE }, at, ...over } as never)
    await expect(call({})).rejects.toMatchObject({ code: 'NOT_FOUND' })
    const bad = [
      { orgId: 'nope' },
      { channel: 'FAX' },
      { purpose: 'SPAM' },
      { to: { phone: '2145550100' } },
      { to: { email: 'a@b.co' } }, // a text needs a phone
      { channel: 'EMAIL', to: { phone: TX_PHONE } },
      { at: new Date('nope') },
      { at: '2026-06-10' },
    ]
    for (const over of bad) {
      const err = await call({ orgId: a.orgId, ...over }).catch((e: unknown) => e)
      expect(err, JSON.stringify(over)).toBeInstanceOf(AppError)
      expect((err as AppError).code, JSON.stringify(over)).toBe('VALIDATION_FAILED')
    }
  })
})

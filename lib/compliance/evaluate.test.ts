import { describe, expect, it } from 'vitest'
import { evaluate, type EvaluateInput } from './evaluate'
import { zonedTimeToUtc } from './zones'

const CHI = 'America/Chicago'
const NY = 'America/New_York'
const base = (over: Partial<EvaluateInput> = {}): EvaluateInput => ({
  channel: 'SMS',
  purpose: 'MARKETING',
  at: zonedTimeToUtc(2026, 6, 10, 12 * 60, CHI), // Wed noon
  recipient: '+15125550100',
  leadErased: false,
  suppression: null,
  consent: { status: 'GRANTED', written: true, recipient: null },
  channelRevoked: false,
  internalDnc: false,
  dncLists: [],
  orgHasPostalAddress: true,
  states: ['TX', 'TX'],
  zones: [CHI],
  priorSends: [],
  ...over,
})
const rule = (i: EvaluateInput) => {
  const d = evaluate(i)
  return d.outcome === 'allow' ? 'allow' : `${d.outcome}:${d.rule}`
}

describe('evaluate: order and denials', () => {
  it('allows a consented marketing text at noon', () => expect(evaluate(base())).toEqual({ outcome: 'allow' }))
  it('erased first, then suppression (e-mail), opt-out, internal DNC, lists, consent', () => {
    expect(rule(base({ leadErased: true, internalDnc: true }))).toBe('deny:lead_erased')
    expect(rule(base({ channel: 'EMAIL', recipient: 'a@b.co', suppression: 'bounce', channelRevoked: true }))).toBe('deny:suppressed')
    expect(rule(base({ channelRevoked: true, internalDnc: true }))).toBe('deny:opted_out')
    expect(rule(base({ consent: { status: 'REVOKED', written: false, recipient: null } }))).toBe('deny:opted_out')
    expect(rule(base({ internalDnc: true, consent: null }))).toBe('deny:internal_dnc')
    expect(rule(base({ purpose: 'TRANSACTIONAL', internalDnc: true }))).toBe('deny:internal_dnc')
  })
  it('DNC lists: a hit denies marketing, a stale list (32 days) denies every marketing lookup, 31 days is fine', () => {
    const at = new Date('2026-06-10T17:00:00Z')
    const day = (n: number) => new Date(Date.UTC(2026, 5, 10 - n))
    expect(rule(base({ at, dncLists: [{ kind: 'NATIONAL', state: null, sourceDate: day(3), hit: true }] }))).toBe('deny:national_dnc')
    expect(rule(base({ at, dncLists: [{ kind: 'STATE', state: 'TX', sourceDate: day(3), hit: true }] }))).toBe('deny:state_dnc')
    expect(rule(base({ at, dncLists: [{ kind: 'NATIONAL', state: null, sourceDate: day(32), hit: false }] }))).toBe('deny:dnc_list_stale')
    expect(rule(base({ at, dncLists: [{ kind: 'NATIONAL', state: null, sourceDate: day(31), hit: false }] }))).toBe('allow')
    // transactional calls/texts are not telephone solicitations: the registry does not apply
    expect(rule(base({ at, purpose: 'TRANSACTIONAL', dncLists: [{ kind: 'NATIONAL', state: null, sourceDate: day(3), hit: true }] }))).toBe(
      'allow',
    )
  })
  it('consent: marketing SMS/calls need PEWC for this number; transactional needs consent; e-mail marketing needs a postal address', () => {
    expect(rule(base({ consent: null }))).toBe('deny:no_pewc')
    expect(rule(base({ consent: { status: 'GRANTED', written: false, recipient: null } }))).toBe('deny:no_pewc')
    expect(rule(base({ consent: { status: 'GRANTED', written: true, recipient: '+15125550199' } }))).toBe('deny:no_pewc')
    expect(rule(base({ channel: 'CALL', consent: { status: 'GRANTED', written: false, recipient: null } }))).toBe('deny:no_pewc')
    expect(rule(base({ purpose: 'TRANSACTIONAL', consent: null }))).toBe('deny:no_consent')
    expect(rule(base({ purpose: 'TRANSACTIONAL', consent: { status: 'GRANTED', written: false, recipient: null } }))).toBe('allow')
    expect(rule(base({ channel: 'EMAIL', recipient: 'a@b.co', consent: null, orgHasPostalAddress: false }))).toBe('deny:no_postal_address')
    expect(rule(base({ channel: 'EMAIL', recipient: 'a@b.co', consent: null }))).toBe('allow')
    expect(rule(base({ channel: 'EMAIL', purpose: 'TRANSACTIONAL', recipient: 'a@b.co', consent: null, orgHasPostalAddress: false }))).toBe(
      'allow',
    )
  })
})

describe('evaluate: windows', () => {
  it('federal 20:59 allow / 21:00 defer to 08:00 (recipient time)', () => {
    const states = [null, null]
    expect(rule(base({ states, at: zonedTimeToUtc(2026, 6, 10, 20 * 60 + 59, CHI) }))).toBe('allow')
    const d = evaluate(base({ states, at: zonedTimeToUtc(2026, 6, 10, 21 * 60, CHI) }))
    expect(d).toMatchObject({ outcome: 'defer', rule: 'quiet_hours', jurisdiction: 'US', until: zonedTimeToUtc(2026, 6, 11, 8 * 60, CHI) })
  })
  it('transactional texts and e-mail have no window; transactional AI calls do', () => {
    const at = zonedTimeToUtc(2026, 6, 10, 23 * 60, CHI)
    expect(rule(base({ at, purpose: 'TRANSACTIONAL' }))).toBe('allow')
    expect(rule(base({ at, channel: 'EMAIL', recipient: 'a@b.co' }))).toBe('allow')
    expect(rule(base({ at, channel: 'CALL', purpose: 'TRANSACTIONAL' }))).toBe('defer:quiet_hours')
  })
  it('Texas Sunday: 11:59 defers to 12:00, 12:00 allows; the area-code state counts too (strictest)', () => {
    // 2026-06-14 is a Sunday
    const d = evaluate(base({ at: zonedTimeToUtc(2026, 6, 14, 11 * 60 + 59, CHI) }))
    expect(d).toMatchObject({ outcome: 'defer', jurisdiction: 'TX', until: zonedTimeToUtc(2026, 6, 14, 12 * 60, CHI) })
    expect(rule(base({ at: zonedTimeToUtc(2026, 6, 14, 12 * 60, CHI) }))).toBe('allow')
    // an Oklahoma address with a Texas number: TX's Sunday rule applies
    expect(rule(base({ states: ['OK', 'TX'], at: zonedTimeToUtc(2026, 6, 14, 11 * 60, CHI) }))).toBe('defer:quiet_hours')
    expect(rule(base({ states: ['OK', null], at: zonedTimeToUtc(2026, 6, 14, 11 * 60, CHI) }))).toBe('allow')
  })
  it('Rhode Island Sunday is deferred to Monday 09:00; a federal holiday is skipped', () => {
    const d = evaluate(base({ states: ['RI', 'RI'], zones: [NY], at: zonedTimeToUtc(2026, 6, 14, 12 * 60, NY) }))
    expect(d).toMatchObject({ outcome: 'defer', jurisdiction: 'RI', until: zonedTimeToUtc(2026, 6, 15, 9 * 60, NY) })
    // Thanksgiving 2026 (Thu 26 Nov) at noon → Fri 27 Nov 09:00
    const h = evaluate(base({ states: ['RI', 'RI'], zones: [NY], at: zonedTimeToUtc(2026, 11, 26, 12 * 60, NY) }))
    expect(h).toMatchObject({ outcome: 'defer', until: zonedTimeToUtc(2026, 11, 27, 9 * 60, NY) })
    expect((h as { explanation: string }).explanation).toContain('federal holiday')
  })
})

describe('evaluate: caps', () => {
  const at = zonedTimeToUtc(2026, 6, 10, 12 * 60, NY)
  const ago = (h: number) => new Date(at.getTime() - h * 3_600_000)
  const fl = { states: ['FL', 'FL'] as const, zones: [NY] }
  it('Florida: a third call in 24 h is allowed, the fourth deferred until the first of the three is 24 h old', () => {
    const two = [ago(10), ago(5)].map((sentAt) => ({ channel: 'CALL' as const, sentAt }))
    expect(rule(base({ ...fl, states: [...fl.states], channel: 'CALL', priorSends: two }))).toBe('allow')
    const three = [ago(20), ago(10), ago(5)].map((sentAt) => ({ channel: 'CALL' as const, sentAt }))
    const d = evaluate(base({ ...fl, states: [...fl.states], channel: 'CALL', priorSends: three }))
    expect(d).toMatchObject({ outcome: 'defer', rule: 'contact_cap', jurisdiction: 'FL', until: ago(20 - 24) })
  })
  it('the cap release is moved into the window when it falls in FL quiet hours (first sent 20:30 + 24 h → next day 08:00)', () => {
    const first = zonedTimeToUtc(2026, 6, 9, 19 * 60 + 30, NY)
    const sends = [first, ago(2), ago(1)].map((sentAt) => ({ channel: 'SMS' as const, sentAt }))
    const d = evaluate(base({ states: ['FL', null], zones: [NY], at: zonedTimeToUtc(2026, 6, 10, 19 * 60, NY), priorSends: sends }))
    // release 19:30 is inside FL's 08:00–20:00: deferred exactly to the release
    expect(d).toMatchObject({ outcome: 'defer', rule: 'contact_cap', until: zonedTimeToUtc(2026, 6, 10, 19 * 60 + 30, NY) })
    const late = [zonedTimeToUtc(2026, 6, 9, 20 * 60 + 30, NY), ago(2), ago(1)].map((sentAt) => ({ channel: 'SMS' as const, sentAt }))
    const d2 = evaluate(base({ states: ['FL', null], zones: [NY], at: zonedTimeToUtc(2026, 6, 10, 19 * 60 + 40, NY), priorSends: late }))
    expect(d2).toMatchObject({ outcome: 'defer', until: zonedTimeToUtc(2026, 6, 11, 8 * 60, NY) })
  })
  it('sends older than 24 h or to another channel family do not count; texts are not capped in Texas', () => {
    const old = [ago(30), ago(26), ago(25)].map((sentAt) => ({ channel: 'CALL' as const, sentAt }))
    expect(rule(base({ states: ['FL', 'FL'], zones: [NY], channel: 'CALL', priorSends: old }))).toBe('allow')
    const many = [1, 2, 3, 4].map((h) => ({ channel: 'SMS' as const, sentAt: ago(h) }))
    expect(rule(base({ priorSends: many }))).toBe('allow')
  })
})

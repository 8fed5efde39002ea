import { describe, expect, it } from 'vitest'
import { applicableRules, CONTACT_RULES } from './rules'
import { blockedAt, nextAllowed } from './windows'
import { localParts, zonedTimeToUtc } from './zones'
import { stateOfPhone } from './area-codes'
import { recipientZones } from './recipient-zone'

const CHI = 'America/Chicago'
const at = (iso: string) => new Date(iso)

describe('zones', () => {
  it('wall time ↔ instant across both DST changes in America/Chicago', () => {
    // 2026-03-08: CST (-6) → CDT (-5) at 02:00
    expect(zonedTimeToUtc(2026, 3, 8, 8 * 60, CHI).toISOString()).toBe('2026-03-08T13:00:00.000Z')
    expect(zonedTimeToUtc(2026, 3, 7, 8 * 60, CHI).toISOString()).toBe('2026-03-07T14:00:00.000Z')
    // 2026-11-01: CDT → CST at 02:00
    expect(zonedTimeToUtc(2026, 11, 1, 8 * 60, CHI).toISOString()).toBe('2026-11-01T14:00:00.000Z')
    expect(zonedTimeToUtc(2026, 10, 31, 21 * 60, CHI).toISOString()).toBe('2026-11-01T02:00:00.000Z')
    expect(localParts(at('2026-11-01T14:00:00Z'), CHI)).toMatchObject({ weekday: 'sun', minute: 480, day: 1 })
  })
  it('area codes and coordinates', () => {
    expect(stateOfPhone('+13055550100')).toBe('FL')
    expect(stateOfPhone('+18005550100')).toBeNull()
    expect(stateOfPhone('+442071234567')).toBeNull()
    expect(recipientZones({ lat: 41.88, lng: -87.63, state: 'IL' })).toEqual([CHI])
    expect(recipientZones({ lat: 32.3, lng: -106.7, state: 'NM' })).toEqual(['America/Denver'])
    expect(recipientZones({ lat: null, lng: null, state: 'FL' })).toEqual(['America/New_York', CHI])
  })
})

describe('windows', () => {
  const us = applicableRules('CALL', [])
  it('federal 08:00–21:00: 20:59 allowed, 21:00 blocked, 07:59 blocked', () => {
    expect(blockedAt(zonedTimeToUtc(2026, 6, 10, 20 * 60 + 59, CHI), us, [CHI])).toBeNull()
    expect(blockedAt(zonedTimeToUtc(2026, 6, 10, 21 * 60, CHI), us, [CHI])?.rule.id).toBe('US')
    expect(blockedAt(zonedTimeToUtc(2026, 6, 10, 7 * 60 + 59, CHI), us, [CHI])?.rule.id).toBe('US')
  })
  it('defers 21:00 to 08:00 next morning, DST-correct on 2026-03-08 and 2026-11-01', () => {
    expect(nextAllowed(zonedTimeToUtc(2026, 3, 7, 21 * 60, CHI), us, [CHI])!.toISOString()).toBe('2026-03-08T13:00:00.000Z')
    expect(nextAllowed(zonedTimeToUtc(2026, 10, 31, 21 * 60, CHI), us, [CHI])!.toISOString()).toBe('2026-11-01T14:00:00.000Z')
  })
  it('a multi-zone state without coordinates: the narrowest window (FL 20:00 Eastern ends before 20:00 Central)', () => {
    const fl = applicableRules('CALL', ['FL'])
    const zones = ['America/New_York', CHI]
    // 19:30 Central = 20:30 Eastern: blocked by FL in New_York
    expect(blockedAt(zonedTimeToUtc(2026, 6, 10, 19 * 60 + 30, CHI), fl, zones)?.zone).toBe('America/New_York')
    // 07:30 Eastern = 08:00 …; next allowed is 08:00 Central (= 09:00 Eastern)
    expect(nextAllowed(zonedTimeToUtc(2026, 6, 10, 7 * 60 + 30, 'America/New_York'), fl, zones)!.toISOString()).toBe(
      zonedTimeToUtc(2026, 6, 10, 8 * 60, CHI).toISOString(),
    )
  })
  it('RI: Saturday 17:00 → Monday 09:00 (no Sunday); a federal holiday Monday → Tuesday', () => {
    const ri = applicableRules('CALL', ['RI'])
    const ny = 'America/New_York'
    expect(nextAllowed(zonedTimeToUtc(2026, 6, 13, 17 * 60, ny), ri, [ny])!.toISOString()).toBe(
      zonedTimeToUtc(2026, 6, 15, 9 * 60, ny).toISOString(),
    )
    // Labor Day 2026 = Mon 7 Sep
    expect(nextAllowed(zonedTimeToUtc(2026, 9, 5, 17 * 60, ny), ri, [ny])!.toISOString()).toBe(
      zonedTimeToUtc(2026, 9, 8, 9 * 60, ny).toISOString(),
    )
  })
  it('every row is well-formed: HH:MM windows with start < end, a source and a verifiedAt', () => {
    for (const r of CONTACT_RULES) {
      expect(r.source.length).toBeGreaterThan(5)
      expect(r.verifiedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/)
      for (const w of [...Object.values(r.window), r.holiday ?? null]) {
        if (!w) continue
        expect(w[0]).toMatch(/^\d{2}:\d{2}$/)
        expect(w[0] < w[1]).toBe(true)
        // never wider than federal
        expect(w[0] >= '08:00' && w[1] <= '21:00').toBe(true)
      }
    }
  })
})

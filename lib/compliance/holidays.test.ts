import { describe, expect, it } from 'vitest'
import { federalHolidays, isFederalHoliday } from './holidays'

describe('federal holidays (computed)', () => {
  it('2026: the OPM list, incl. observed Independence Day (Sat 4 Jul → Fri 3 Jul)', () => {
    const days = federalHolidays(2026).map((h) => `${h.month}-${h.day}`)
    expect(days).toEqual(
      expect.arrayContaining(['1-1', '1-19', '2-16', '5-25', '6-19', '7-4', '7-3', '9-7', '10-12', '11-11', '11-26', '12-25']),
    )
  })
  it('2027+: computed, not tabled (Thanksgiving 25 Nov 2027, Christmas on Saturday observed Friday 24 Dec)', () => {
    expect(isFederalHoliday(2027, 11, 25)).toBe(true)
    expect(isFederalHoliday(2027, 12, 24)).toBe(true)
    expect(isFederalHoliday(2027, 12, 31)).toBe(true) // New Year's Day 2028 is a Saturday
    expect(isFederalHoliday(2031, 5, 26)).toBe(true) // last Monday of May 2031
    expect(isFederalHoliday(2027, 11, 24)).toBe(false)
  })
})

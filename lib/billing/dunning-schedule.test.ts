import { describe, expect, it } from 'vitest'
import { dunningSteps, nextDunningStep } from '@/lib/billing/dunning-schedule'

describe('dunning schedule', () => {
  const since = new Date('2026-03-01T10:00:00Z')
  it('counts days 3, 7 and 14 from the first failure', () => {
    expect(dunningSteps({ pastDueSince: since, dunningDay: 0 }).map((s) => [s.day, s.at.toISOString(), s.done])).toEqual([
      [3, '2026-03-04T10:00:00.000Z', false],
      [7, '2026-03-08T10:00:00.000Z', false],
      [14, '2026-03-15T10:00:00.000Z', false],
    ])
  })
  it('skips the steps already taken and ends after day 14', () => {
    expect(nextDunningStep({ pastDueSince: since, dunningDay: 0 })?.day).toBe(3)
    expect(nextDunningStep({ pastDueSince: since, dunningDay: 3 })?.day).toBe(7)
    expect(nextDunningStep({ pastDueSince: since, dunningDay: 7 })?.day).toBe(14)
    expect(nextDunningStep({ pastDueSince: since, dunningDay: 14 })).toBeNull()
  })
})

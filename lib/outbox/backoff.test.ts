import { describe, expect, it } from 'vitest'
import { backoffMs } from '@/lib/outbox/backoff'

describe('backoffMs', () => {
  it('doubles per attempt within [exp/2, exp]', () => {
    for (const [attempt, exp] of [
      [1, 1000],
      [2, 2000],
      [3, 4000],
      [5, 16000],
    ] as const) {
      expect(backoffMs({ attempt, baseMs: 1000, capMs: 1e9, random: () => 0 })).toBe(exp / 2)
      expect(backoffMs({ attempt, baseMs: 1000, capMs: 1e9, random: () => 1 })).toBe(exp)
    }
  })
  it('is capped', () => {
    expect(backoffMs({ attempt: 40, baseMs: 1000, capMs: 60_000, random: () => 1 })).toBe(60_000)
  })
  it('jitters', () => {
    const seen = new Set(Array.from({ length: 20 }, () => backoffMs({ attempt: 4, baseMs: 1000, capMs: 1e9 })))
    expect(seen.size).toBeGreaterThan(5)
  })
})

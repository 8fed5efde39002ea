import { describe, expect, it } from 'vitest'
import {
  PLANS,
  PLAN_ORDER,
  RATE_LIMITS,
  USAGE_PRICES,
  USAGE_ORDER,
  formatCents,
  formatLimit,
  getPlan,
  isPlanId,
  spendCapPercent,
  spendCapWarningLevel,
} from './plans'

describe('plans (PRODUCT.md §3)', () => {
  it('has the three plans with the spec prices, fees, seats and caps', () => {
    expect(PLAN_ORDER).toEqual(['TRIAL', 'PROFESSIONAL', 'ENTERPRISE'])
    expect(PLANS.TRIAL).toMatchObject({
      priceCents: 0,
      trialDays: 14,
      freeQualityLeads: 5,
      blockAfterFreeLeads: true,
      seats: 2,
      requiresCard: false,
    })
    expect(PLANS.PROFESSIONAL).toMatchObject({
      priceCents: 29900,
      qualityLeadCents: 113,
      seats: 5,
      aiAdGenerationsPerMonth: 5,
      defaultSpendCapCents: 50000,
      apiAccess: false,
    })
    expect(PLANS.ENTERPRISE).toMatchObject({
      priceCents: 99900,
      qualityLeadCents: 90,
      seats: 50,
      aiAdGenerationsPerMonth: null,
      apiAccess: true,
      whiteLabelReport: true,
      defaultSpendCapCents: 200000,
    })
  })

  it('keeps every amount an integer number of cents', () => {
    for (const p of Object.values(PLANS)) {
      for (const v of [p.priceCents, p.qualityLeadCents, p.defaultSpendCapCents]) expect(Number.isSafeInteger(v)).toBe(true)
      expect(getPlan(p.id)).toBe(p)
    }
    for (const u of Object.values(USAGE_PRICES)) expect(Number.isSafeInteger(u.cents)).toBe(true)
  })

  it('has the usage prices', () => {
    expect(USAGE_ORDER).toHaveLength(Object.keys(USAGE_PRICES).length)
    expect(Object.fromEntries(Object.values(USAGE_PRICES).map((u) => [u.kind, u.cents]))).toEqual({
      AI_CALL: 50,
      SMS_SEGMENT: 2,
      ENRICHMENT: 500,
      POSTCARD_4X6: 77,
      POSTCARD_6X9: 104,
      LETTER: 142,
      EMAIL: 0,
    })
  })

  it('has the hourly rate limits', () => {
    expect(Object.fromEntries(Object.values(RATE_LIMITS).map((r) => [r.key, [r.points, r.durationSeconds, r.per]]))).toEqual({
      SCANS: [10, 3600, 'org'],
      AI_CALLS: [100, 3600, 'org'],
      ENROLMENTS: [500, 3600, 'org'],
      REST_PER_KEY: [1000, 3600, 'api_key'],
      REST_PER_IP_UNAUTHENTICATED: [100, 3600, 'ip'],
    })
  })

  it('recognises plan ids', () => {
    expect(isPlanId('PROFESSIONAL')).toBe(true)
    expect(isPlanId('toString')).toBe(false)
    expect(isPlanId(undefined)).toBe(false)
    expect(() => getPlan('NOPE' as never)).toThrow()
  })
})

describe('formatCents', () => {
  it.each([
    [29900, '$299'],
    [99900, '$999'],
    [113, '$1.13'],
    [90, '$0.90'],
    [2, '$0.02'],
    [0, '$0'],
    [200000, '$2,000'],
    [123456789, '$1,234,567.89'],
    [-150, '-$1.50'],
  ])('%i → %s', (cents, text) => expect(formatCents({ cents })).toBe(text))

  it('can always show cents', () => expect(formatCents({ cents: 50000, alwaysCents: true })).toBe('$500.00'))
  it('refuses fractions of a cent', () => expect(() => formatCents({ cents: 1.5 })).toThrow(/integer/))
  it('formats limits', () => {
    expect(formatLimit(null)).toBe('Unlimited')
    expect(formatLimit(1000)).toBe('1,000')
  })
})

describe('spend cap', () => {
  it('computes percent and warning levels', () => {
    expect(spendCapPercent({ spentCents: 39_999, capCents: 50_000 })).toBe(79)
    expect(spendCapWarningLevel({ spentCents: 39_999, capCents: 50_000 })).toBeNull()
    expect(spendCapWarningLevel({ spentCents: 40_000, capCents: 50_000 })).toBe(80)
    expect(spendCapWarningLevel({ spentCents: 45_000, capCents: 50_000 })).toBe(90)
    expect(spendCapWarningLevel({ spentCents: 50_000, capCents: 50_000 })).toBe(100)
    expect(spendCapWarningLevel({ spentCents: 1, capCents: 0 })).toBe(100)
    expect(spendCapWarningLevel({ spentCents: 0, capCents: 0 })).toBeNull()
  })
})

import { describe, expect, it } from 'vitest'
import { conditionComponent, conditionRamp, damageComponent, damageValue, rankIndicators } from './assessment'
import type { RoofAssessmentInput, RoofIndicator } from './types'

const a = (over: Partial<RoofAssessmentInput> = {}): RoofAssessmentInput => ({
  roofVisible: true,
  conditionScore: 50,
  material: 'asphalt_shingle',
  indicators: [],
  confidence: 1,
  ...over,
})

describe('condition', () => {
  it('ramps from 90+ (0) to 20 or worse (1)', () => {
    expect(conditionRamp(100)).toBe(0)
    expect(conditionRamp(90)).toBe(0)
    expect(conditionRamp(55)).toBeCloseTo(0.5, 6)
    expect(conditionRamp(20)).toBe(1)
    expect(conditionRamp(0)).toBe(1)
  })
  it('is weighted by the AI confidence: unsure readings pull toward the middle', () => {
    const sure = conditionComponent(a({ conditionScore: 10, confidence: 1 })).value!
    const unsure = conditionComponent(a({ conditionScore: 10, confidence: 0.5 })).value!
    expect(sure).toBe(1)
    expect(unsure).toBe(0.75)
    expect(conditionComponent(a({ conditionScore: 95, confidence: 0.5 })).value).toBe(0.25)
    expect(conditionComponent(a({ conditionScore: 10, confidence: 0.6 })).confidence).toBe(0.6)
  })
  it('rejects an out-of-range condition score instead of clamping it', () => {
    const r = conditionComponent(a({ conditionScore: 140 }))
    expect(r.value).toBeNull()
    expect(r.missing).toEqual(['roof_assessment'])
  })
})

describe('visible damage', () => {
  const tarp: RoofIndicator = { type: 'tarp', severity: 'high', evidence: 'blue tarp on the north slope' }
  const stain: RoofIndicator = { type: 'discoloration_staining', severity: 'low', evidence: 'light streaks' }
  it('a high tarp, exposed deck or missing shingles dominates; a low stain stays small', () => {
    expect(damageValue([tarp])).toBe(1)
    expect(damageValue([{ type: 'exposed_deck', severity: 'high', evidence: '' }])).toBe(1)
    expect(damageValue([{ type: 'missing_shingles', severity: 'high', evidence: '' }])).toBeGreaterThanOrEqual(0.9)
    expect(damageValue([stain])).toBeLessThan(0.1)
    expect(damageValue([stain, stain, stain])).toBeLessThan(damageValue([{ type: 'missing_shingles', severity: 'high', evidence: '' }]))
    expect(damageValue([])).toBe(0)
  })
  it('reasons quote the evidence, strongest first, at most three then a count', () => {
    const r = damageComponent(
      a({
        indicators: [
          stain,
          tarp,
          { type: 'granule_loss_or_wear', severity: 'high', evidence: '  "dark streaks on the south slope" ' },
          { type: 'debris', severity: 'low', evidence: 'branches in the valley' },
          { type: 'moss_algae', severity: 'med', evidence: 'green patches' },
        ],
      }),
    )
    expect(r.reason).toBe(
      "Tarp (high): 'blue tarp on the north slope'; Granule loss or wear (high): 'dark streaks on the south slope'; Moss or algae (medium): 'green patches'; and 2 more findings",
    )
  })
  it('ranking is deterministic whatever the input order', () => {
    const xs: RoofIndicator[] = [
      { type: 'rust', severity: 'med', evidence: 'b' },
      { type: 'granule_loss_or_wear', severity: 'med', evidence: 'a' },
      { type: 'rust', severity: 'med', evidence: 'a' },
    ]
    const one = rankIndicators(xs)
    const two = rankIndicators([...xs].reverse())
    expect(one).toEqual(two)
    expect(one.map((i) => `${i.type}:${i.evidence}`)).toEqual(['granule_loss_or_wear:a', 'rust:a', 'rust:b'])
  })
  it('long evidence is shortened; empty evidence is not quoted', () => {
    const r = damageComponent(a({ indicators: [{ type: 'ponding', severity: 'med', evidence: 'x'.repeat(300) }] }))
    expect(r.reason.length).toBeLessThan(120)
    expect(r.reason).toMatch(/…'$/)
    expect(damageComponent(a({ indicators: [{ type: 'sagging', severity: 'high', evidence: ' ' }] })).reason).toBe('Sagging (high)')
  })
})

import { describe, expect, it } from 'vitest'
import { resolveMaterial, roofAgeComponent, roofAgeValue } from './roof-age'
import { MATERIAL_LIFESPAN_YEARS } from './materials'

const now = new Date('2026-06-01T00:00:00Z')

describe('roofAgeValue: the material-aware curve', () => {
  it('is 0 for a new roof, ~0.5 at three quarters of the life, high at the end, 1 well past it', () => {
    expect(roofAgeValue(0, 22)).toBe(0)
    expect(roofAgeValue(16.5, 22)).toBeCloseTo(0.5, 1)
    expect(roofAgeValue(22, 22)).toBeGreaterThan(0.85)
    expect(roofAgeValue(60, 22)).toBe(1)
    expect(roofAgeValue(-3, 22)).toBe(0)
  })
  it('is non-decreasing in age for every material', () => {
    for (const life of Object.values(MATERIAL_LIFESPAN_YEARS)) {
      let prev = -1
      for (let age = 0; age <= 150; age++) {
        const v = roofAgeValue(age, life)
        expect(v).toBeGreaterThanOrEqual(prev)
        expect(v).toBeGreaterThanOrEqual(0)
        expect(v).toBeLessThanOrEqual(1)
        prev = v
      }
    }
  })
  it('the same 24-year-old roof is at end of life in asphalt, mid-life in metal, young in slate', () => {
    const at = (material: string) => roofAgeComponent({ assessment: null, property: { reroofYear: 2002, material }, now }).value!
    const asphalt = at('ASPHALT_SHINGLE')
    const architectural = at('architectural_shingle')
    const metal = at('METAL')
    const tile = at('TILE')
    const slate = at('SLATE')
    expect(asphalt).toBeGreaterThan(0.9)
    expect(architectural).toBeLessThan(asphalt)
    expect(metal).toBeLessThan(0.2)
    expect(tile).toBeLessThan(metal)
    expect(slate).toBeLessThan(tile)
  })
})

describe('roofAgeComponent: age sources and reasons', () => {
  it('a re-roof year wins over the year built and the recorded age', () => {
    const r = roofAgeComponent({
      assessment: null,
      property: { yearBuilt: 1962, reroofYear: 2014, roofAgeYears: 40, material: 'ASPHALT_SHINGLE' },
      now,
    })
    expect(r.reason).toBe('Roof about 12 years old (built 1962, re-roofed 2014); asphalt shingle lasts about 22 years')
    expect(r.confidence).toBe(1)
  })
  it('a recorded roof age comes next', () => {
    const r = roofAgeComponent({ assessment: null, property: { yearBuilt: 1962, roofAgeYears: 9, material: 'METAL' }, now })
    expect(r.reason).toBe('Roof about 9 years old (built 1962; roof age on record); metal lasts about 50 years')
    expect(r.confidence).toBe(0.9)
  })
  it('year built only: assumes the original roof, says so, lower confidence; "up to" when a re-roof is likely', () => {
    const r = roofAgeComponent({ assessment: null, property: { yearBuilt: 2001, material: 'ASPHALT_SHINGLE' }, now })
    expect(r.reason).toBe('Roof about 25 years old (built 2001, no re-roof found); asphalt shingle lasts about 22 years')
    expect(r.confidence).toBe(0.7)
    const old = roofAgeComponent({ assessment: null, property: { yearBuilt: 1961, material: 'ASPHALT_SHINGLE' }, now })
    expect(old.reason).toMatch(/^Roof up to 65 years old \(built 1961, no re-roof found; it may have been replaced since\)/)
    expect(old.confidence).toBe(0.5)
    expect(old.value!).toBeGreaterThanOrEqual(r.value!)
  })
  it('a re-roof before the year built is ignored (bad record)', () => {
    const r = roofAgeComponent({ assessment: null, property: { yearBuilt: 2001, reroofYear: 1990, material: 'TILE' }, now })
    expect(r.reason).toMatch(/built 2001, no re-roof found/)
  })
  it('the AI material (what is on the roof today) wins over the record; the record fills in', () => {
    const seen = { roofVisible: true, conditionScore: 50, material: 'metal', indicators: [], confidence: 0.8 }
    expect(resolveMaterial(seen, { material: 'ASPHALT_SHINGLE' })).toBe('metal')
    expect(resolveMaterial({ ...seen, material: 'unknown' }, { material: 'ASPHALT_SHINGLE' })).toBe('asphalt_shingle')
    expect(resolveMaterial({ ...seen, roofVisible: false }, { material: 'TILE' })).toBe('tile')
    expect(resolveMaterial(null, { material: 'OTHER' })).toBeNull()
  })
  it('singular and new-roof wording', () => {
    expect(roofAgeComponent({ assessment: null, property: { reroofYear: 2025, material: 'METAL' }, now }).reason).toMatch(
      /^Roof about 1 year old/,
    )
    expect(roofAgeComponent({ assessment: null, property: { reroofYear: 2026, material: 'METAL' }, now }).reason).toMatch(
      /^Roof under a year old \(re-roofed 2026\)/,
    )
  })
})

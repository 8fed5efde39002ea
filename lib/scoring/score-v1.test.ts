import { describe, expect, it } from 'vitest'
import { scoreV1 } from './score-v1'
import { bandOf, MAX_SCORE_WITHOUT_ASSESSMENT, SCORE_COMPONENT_KEYS, SCORE_VERSION, SCORE_WEIGHTS } from './constants'
import { scoreBreakdownSchema } from './breakdown'
import { mulberry32 } from '@/lib/mulberry32'
import type { RoofAssessmentInput, RoofIndicator, ScoreV1Input } from './types'
import { ROOF_INDICATOR_TYPES } from './types'

const now = new Date('2026-11-20T12:00:00Z')
const assessment = (over: Partial<RoofAssessmentInput> = {}): RoofAssessmentInput => ({
  roofVisible: true,
  conditionScore: 40,
  material: 'asphalt_shingle',
  indicators: [{ type: 'granule_loss_or_wear', severity: 'med', evidence: 'dark streaks on the south slope' }],
  confidence: 0.85,
  ...over,
})
const base = (over: Partial<ScoreV1Input> = {}): ScoreV1Input => ({
  assessment: assessment(),
  property: { yearBuilt: 2001, propertyValueCents: 420_000_00, material: 'ASPHALT_SHINGLE' },
  contact: { ownerNameKnown: true, phones: 1, emails: 1 },
  now,
  ...over,
})
const comp = (r: ReturnType<typeof scoreV1>, key: string) => r.components.find((c) => c.key === key)!

describe('weights and bands', () => {
  it('weights sum to 1 and follow PRODUCT §5.1', () => {
    const sum = Object.values(SCORE_WEIGHTS).reduce((s, w) => s + w, 0)
    expect(sum).toBeCloseTo(1, 12)
    expect(SCORE_WEIGHTS).toEqual({ condition: 0.42, roofAge: 0.25, propertyValue: 0.15, damage: 0.1, contact: 0.08 })
    expect(Object.keys(SCORE_WEIGHTS).sort()).toEqual([...SCORE_COMPONENT_KEYS].sort())
  })
  it('band edges match the database trigger (HOT ≥ 80, WARM 60–79, COLD < 60)', () => {
    expect(bandOf(59)).toBe('COLD')
    expect(bandOf(60)).toBe('WARM')
    expect(bandOf(79)).toBe('WARM')
    expect(bandOf(80)).toBe('HOT')
    expect(bandOf(0)).toBe('COLD')
    expect(bandOf(100)).toBe('HOT')
    expect(bandOf(null)).toBeNull()
    expect(bandOf(Number.NaN)).toBeNull()
  })
})

describe('scoreV1: a complete input', () => {
  it('gives an int score, its band, version, five components and a valid stored breakdown', () => {
    const r = scoreV1(base())
    expect(r.version).toBe(SCORE_VERSION)
    expect(Number.isInteger(r.score)).toBe(true)
    expect(r.band).toBe(bandOf(r.score))
    expect(r.components.map((c) => c.key)).toEqual([...SCORE_COMPONENT_KEYS])
    expect(r.missing).toEqual([])
    expect(r.notes).toEqual([])
    expect(r.scoredAt).toBe(now.toISOString())
    expect(scoreBreakdownSchema.parse(r)).toEqual(r)
    // points add up to the score (each rounded to 0.1)
    const sum = r.components.reduce((s, c) => s + c.points, 0)
    expect(Math.abs(sum - r.score!)).toBeLessThanOrEqual(0.5 + 0.05 * r.components.length)
    // without missing parts, max points are the weights
    expect(r.components.map((c) => c.maxPoints)).toEqual([42, 25, 15, 10, 8])
  })

  it('builds plain-language reasons from the evidence', () => {
    const r = scoreV1(base())
    expect(comp(r, 'roofAge').reason).toBe('Roof about 25 years old (built 2001, no re-roof found); asphalt shingle lasts about 22 years')
    expect(comp(r, 'damage').reason).toBe("Granule loss or wear (medium): 'dark streaks on the south slope'")
    expect(comp(r, 'condition').reason).toBe('Condition 40/100 (poor) on the aerial image; AI confidence 85 %')
    expect(comp(r, 'propertyValue').reason).toBe('Property value $420,000: a mid-value home (higher-value homes replace roofs sooner)')
    expect(comp(r, 'contact').reason).toBe('Owner name known; 1 phone (not verified); 1 email (not verified)')
  })

  it('is deterministic: same input → identical output', () => {
    expect(JSON.stringify(scoreV1(base()))).toBe(JSON.stringify(scoreV1(base())))
  })

  it('scores a worn-out roof HOT and a new one COLD', () => {
    const hot = scoreV1(
      base({
        assessment: assessment({
          conditionScore: 15,
          confidence: 0.92,
          indicators: [
            { type: 'tarp', severity: 'high', evidence: 'blue tarp over the north slope' },
            { type: 'missing_shingles', severity: 'med', evidence: 'bare patches near the ridge' },
          ],
        }),
        property: { yearBuilt: 1998, propertyValueCents: 650_000_00 },
      }),
    )
    expect(hot.band).toBe('HOT')
    const cold = scoreV1(
      base({
        assessment: assessment({ conditionScore: 95, indicators: [], confidence: 0.9 }),
        property: { yearBuilt: 2023, propertyValueCents: 250_000_00 },
      }),
    )
    expect(cold.band).toBe('COLD')
    expect(comp(cold, 'damage').reason).toBe('No damage visible on the aerial image')
  })
})

describe('monotonicity', () => {
  it('worse condition → higher score (never lower)', () => {
    let prev = -1
    for (let c = 100; c >= 0; c -= 5) {
      const s = scoreV1(base({ assessment: assessment({ conditionScore: c }) })).score!
      expect(s).toBeGreaterThanOrEqual(prev)
      prev = s
    }
    const good = scoreV1(base({ assessment: assessment({ conditionScore: 80 }) })).score!
    const bad = scoreV1(base({ assessment: assessment({ conditionScore: 30 }) })).score!
    expect(bad).toBeGreaterThan(good)
  })

  it('older roof → higher age component and score', () => {
    let prevV = -1
    let prevS = -1
    for (let y = 2026; y >= 1950; y -= 2) {
      const r = scoreV1(base({ property: { yearBuilt: y, propertyValueCents: 420_000_00 } }))
      expect(comp(r, 'roofAge').value!).toBeGreaterThanOrEqual(prevV)
      expect(r.score!).toBeGreaterThanOrEqual(prevS)
      prevV = comp(r, 'roofAge').value!
      prevS = r.score!
    }
    expect(prevV).toBeGreaterThan(0.95)
  })

  it('more severe damage → higher damage component and score', () => {
    const at = (indicators: RoofIndicator[]) => scoreV1(base({ assessment: assessment({ indicators }) }))
    const none = at([])
    const low = at([{ type: 'missing_shingles', severity: 'low', evidence: 'a few tabs gone' }])
    const med = at([{ type: 'missing_shingles', severity: 'med', evidence: 'a few tabs gone' }])
    const high = at([{ type: 'missing_shingles', severity: 'high', evidence: 'a few tabs gone' }])
    const vals = [none, low, med, high].map((r) => comp(r, 'damage').value!)
    expect(vals).toEqual([...vals].sort((a, b) => a - b))
    expect(new Set(vals).size).toBe(4)
    expect(high.score!).toBeGreaterThan(none.score!)
    // adding a finding never lowers it
    const more = at([
      { type: 'missing_shingles', severity: 'high', evidence: 'a few tabs gone' },
      { type: 'debris', severity: 'low', evidence: 'branches' },
    ])
    expect(comp(more, 'damage').value!).toBeGreaterThanOrEqual(comp(high, 'damage').value!)
  })

  it('higher property value → higher value component', () => {
    const v = [50_000, 150_000, 300_000, 600_000, 1_200_000].map(
      (d) => comp(scoreV1(base({ property: { yearBuilt: 2001, propertyValueCents: d * 100 } })), 'propertyValue').value!,
    )
    expect(v).toEqual([...v].sort((a, b) => a - b))
    expect(v[0]).toBe(0)
    expect(v[4]).toBe(1)
  })

  it('more (and verified) contact details → higher contact component', () => {
    const c = (contact: ScoreV1Input['contact']) => comp(scoreV1(base({ contact })), 'contact').value!
    const seq = [
      c({ ownerNameKnown: false, phones: 0, emails: 0 }),
      c({ ownerNameKnown: true, phones: 0, emails: 0 }),
      c({ ownerNameKnown: true, phones: 1, emails: 0 }),
      c({ ownerNameKnown: true, phones: 1, emails: 1 }),
      c({ ownerNameKnown: true, phones: 1, emails: 1, verifiedPhones: 1 }),
      c({ ownerNameKnown: true, phones: 1, emails: 1, verifiedPhones: 1, verifiedEmails: 1 }),
    ]
    expect(seq).toEqual([...seq].sort((a, b) => a - b))
    expect(new Set(seq).size).toBe(seq.length)
    expect(seq[0]).toBe(0)
    expect(seq.at(-1)).toBe(1)
  })
})

describe('missing inputs', () => {
  const full = scoreV1(base())
  const noNaN = (r: ReturnType<typeof scoreV1>) => {
    expect(JSON.stringify(r)).not.toMatch(/NaN|null,"points":null/)
    for (const c of r.components) {
      expect(Number.isFinite(c.points)).toBe(true)
      expect(Number.isFinite(c.maxPoints)).toBe(true)
    }
    expect(Number.isFinite(r.confidence)).toBe(true)
    expect(scoreBreakdownSchema.safeParse(r).success).toBe(true)
  }

  it('no assessment: condition and damage left out, say so, confidence drops, capped below HOT', () => {
    const r = scoreV1(base({ assessment: null, property: { yearBuilt: 1990, propertyValueCents: 1_500_000_00 } }))
    noNaN(r)
    expect(r.missing).toContain('roof_assessment')
    expect(comp(r, 'condition').value).toBeNull()
    expect(comp(r, 'condition').reason).toMatch(/No roof assessment yet.*left out/)
    expect(comp(r, 'damage').value).toBeNull()
    expect(r.confidence).toBeLessThanOrEqual(0.48)
    expect(r.confidence).toBeLessThan(full.confidence)
    // age 1.0, value 1.0, contact 0.75 → would be ~98; no look at the roof → capped at 79
    expect(r.score).toBe(MAX_SCORE_WITHOUT_ASSESSMENT)
    expect(r.band).toBe('WARM')
    expect(r.notes.join(' ')).toMatch(/Capped at 79/)
    // the remaining weights are re-normalised: max points of what is present sum to 100
    expect(r.components.reduce((s, c) => s + c.maxPoints, 0)).toBeCloseTo(100, 0)
  })

  it('roof not visible: says why', () => {
    const r = scoreV1(
      base({ assessment: assessment({ roofVisible: false, unableToAssessReason: 'occluded_trees', conditionScore: null }) }),
    )
    noNaN(r)
    expect(comp(r, 'condition').reason).toBe('The AI could not assess the roof (trees hide it); left out of the score')
    expect(r.missing).toEqual(['roof_assessment'])
  })

  it('missing year built: age left out, reason says so, confidence drops', () => {
    const r = scoreV1(base({ property: { propertyValueCents: 420_000_00 } }))
    noNaN(r)
    expect(comp(r, 'roofAge').value).toBeNull()
    expect(comp(r, 'roofAge').reason).toMatch(/No year built, roof age or re-roof year on record.*left out/)
    expect(r.missing).toContain('roof_age')
    expect(r.confidence).toBeLessThan(full.confidence)
    expect(r.notes[0]).toMatch(/Based on 75 % of the model/)
  })

  it('invalid years are ignored and named, never used', () => {
    const r = scoreV1(base({ property: { yearBuilt: 2031, propertyValueCents: 420_000_00 } }))
    noNaN(r)
    expect(comp(r, 'roofAge').value).toBeNull()
    expect(comp(r, 'roofAge').reason).toMatch(/year built 2031 is not a valid year/)
    const nan = scoreV1(base({ property: { yearBuilt: Number.NaN, propertyValueCents: Number.NaN } }))
    noNaN(nan)
    expect(nan.missing).toEqual(['roof_age', 'property_value'])
  })

  it('missing property value: left out, reason says so, confidence drops', () => {
    const r = scoreV1(base({ property: { yearBuilt: 2001 } }))
    noNaN(r)
    expect(comp(r, 'propertyValue').value).toBeNull()
    expect(comp(r, 'propertyValue').reason).toBe('No property value on record; left out of the score')
    expect(r.missing).toEqual(['property_value'])
    expect(r.confidence).toBeLessThan(full.confidence)
  })

  it('missing contact lookup: left out; a lookup that found nothing is 0, not missing', () => {
    const r = scoreV1(base({ contact: null }))
    noNaN(r)
    expect(comp(r, 'contact').value).toBeNull()
    expect(comp(r, 'contact').reason).toBe('No contact lookup done yet; left out of the score')
    expect(r.missing).toEqual(['contact'])
    expect(r.confidence).toBeLessThan(full.confidence)
    const none = scoreV1(base({ contact: { ownerNameKnown: false, phones: 0, emails: 0 } }))
    expect(comp(none, 'contact').value).toBe(0)
    expect(comp(none, 'contact').reason).toBe('No owner name, phone or email found')
    expect(none.missing).toEqual([])
  })

  it('unknown material: asphalt assumed, said in the reason, listed as missing, lower confidence', () => {
    const r = scoreV1(
      base({ assessment: assessment({ material: 'unknown' }), property: { yearBuilt: 2001, propertyValueCents: 420_000_00 } }),
    )
    noNaN(r)
    expect(comp(r, 'roofAge').reason).toMatch(/material unknown, so an asphalt shingle life of about 22 years is assumed/)
    expect(r.missing).toEqual(['roof_material'])
    expect(comp(r, 'roofAge').confidence).toBeLessThan(comp(full, 'roofAge').confidence)
  })

  it('too little data: no score, no band, reasons still given', () => {
    const r = scoreV1({ assessment: null, property: { propertyValueCents: 420_000_00 }, contact: null, now })
    noNaN(r)
    expect(r.score).toBeNull()
    expect(r.band).toBeNull()
    expect(r.missing).toEqual(['roof_assessment', 'roof_age', 'roof_material', 'contact'])
    expect(r.notes[0]).toMatch(/Not enough inputs/)
    expect(r.components.every((c) => c.points === 0)).toBe(true)
  })

  it('everything missing: no crash, confidence 0', () => {
    const r = scoreV1({ assessment: null, property: null, contact: null, now })
    noNaN(r)
    expect(r.score).toBeNull()
    expect(r.confidence).toBe(0)
  })

  it('an invalid clock is a programming error', () => {
    expect(() => scoreV1(base({ now: new Date('nope') }))).toThrow(TypeError)
  })
})

describe('random inputs (property test)', () => {
  it('score is always an int 0–100 (or null), band consistent, no NaN, confidence 0–1', () => {
    const rand = mulberry32(42)
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!
    const maybe = <T>(x: T) => (rand() < 0.15 ? null : x)
    for (let n = 0; n < 2000; n++) {
      const indicators = Array.from({ length: Math.floor(rand() * 6) }, () => ({
        type: pick(ROOF_INDICATOR_TYPES),
        severity: pick(['low', 'med', 'high'] as const),
        evidence: pick(['', 'streaks', 'x'.repeat(200)]),
      }))
      const r = scoreV1({
        assessment: maybe({
          roofVisible: rand() > 0.1,
          conditionScore: maybe(Math.round(rand() * 120 - 10)),
          material: pick(['asphalt_shingle', 'METAL', 'slate', 'unknown', null]),
          indicators,
          confidence: rand() * 1.2 - 0.1,
        }),
        property: maybe({
          yearBuilt: maybe(1850 + Math.floor(rand() * 200)),
          reroofYear: maybe(rand() < 0.5 ? 1990 + Math.floor(rand() * 40) : null),
          roofAgeYears: maybe(rand() < 0.3 ? Math.floor(rand() * 60) - 5 : null),
          propertyValueCents: maybe(Math.floor(rand() * 3_000_000_00) - 10_000),
          material: pick(['TILE', 'ASPHALT_SHINGLE', 'OTHER', null]),
        }),
        contact: maybe({ ownerNameKnown: rand() < 0.5, phones: Math.floor(rand() * 3), emails: Math.floor(rand() * 3) }),
        now,
      })
      if (r.score !== null) {
        expect(Number.isInteger(r.score)).toBe(true)
        expect(r.score).toBeGreaterThanOrEqual(0)
        expect(r.score).toBeLessThanOrEqual(100)
      }
      expect(r.band).toBe(bandOf(r.score))
      expect(r.confidence).toBeGreaterThanOrEqual(0)
      expect(r.confidence).toBeLessThanOrEqual(1)
      expect(JSON.stringify(r)).not.toMatch(/NaN|Infinity/)
      expect(scoreBreakdownSchema.safeParse(r).success).toBe(true)
    }
  })
})

import { describe, expect, it } from 'vitest'
import {
  bandForScore,
  bandMatchesScore,
  roofAssessmentSchema,
  roofAssessmentToolSchema,
  toRoofAssessment,
  toRoofAssessmentWire,
  type RoofAssessmentWire,
} from '@/lib/vision/roof-assessment'

const valid: RoofAssessmentWire = {
  roof_visible: true,
  material: 'architectural_shingle',
  shape: 'hip',
  condition_score: 42,
  condition_band: 'poor',
  indicators: [
    { type: 'granule_loss_or_wear', severity: 'med', evidence: '  Blotchy, worn shingles on the south slope ' },
    { type: 'moss_algae', severity: 'low', evidence: 'Green patches near the north eaves' },
  ],
  confidence: 0.78,
  reasoning: ' Worn architectural shingles with granule loss on the south slope. ',
}
const unable: RoofAssessmentWire = {
  roof_visible: false,
  unable_to_assess_reason: 'occluded_trees',
  material: 'unknown',
  shape: 'unknown',
  condition_score: null,
  condition_band: null,
  indicators: [],
  confidence: 0.85,
  reasoning: 'Tree canopy covers most of the roof.',
}
const issuesOf = (v: unknown) => {
  const r = roofAssessmentSchema.safeParse(v)
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
}

describe('roofAssessmentSchema', () => {
  it('accepts a visible roof and maps it to the camelCase domain shape (trimmed text)', () => {
    expect(issuesOf(valid)).toEqual([])
    expect(toRoofAssessment(roofAssessmentSchema.parse(valid))).toEqual({
      roofVisible: true,
      unableToAssessReason: null,
      material: 'architectural_shingle',
      shape: 'hip',
      conditionScore: 42,
      conditionBand: 'poor',
      indicators: [
        { type: 'granule_loss_or_wear', severity: 'med', evidence: 'Blotchy, worn shingles on the south slope' },
        { type: 'moss_algae', severity: 'low', evidence: 'Green patches near the north eaves' },
      ],
      confidence: 0.78,
      reasoning: 'Worn architectural shingles with granule loss on the south slope.',
    })
  })

  it('"unable to assess" is a valid answer; a condition sent anyway for a hidden roof is dropped, not trusted', () => {
    expect(issuesOf(unable)).toEqual([])
    const withScore = { ...unable, condition_score: 20, condition_band: 'excellent' as const }
    expect(issuesOf(withScore)).toEqual([])
    expect(toRoofAssessment(roofAssessmentSchema.parse(withScore))).toMatchObject({
      roofVisible: false,
      unableToAssessReason: 'occluded_trees',
      conditionScore: null,
      conditionBand: null,
      indicators: [],
    })
  })

  it('roof_visible=false needs a reason and no indicators', () => {
    const { unable_to_assess_reason: _, ...noReason } = unable
    expect(issuesOf(noReason)).toEqual(['unable_to_assess_reason: required when roof_visible is false'])
    expect(issuesOf({ ...unable, unable_to_assess_reason: null })).toEqual(['unable_to_assess_reason: required when roof_visible is false'])
    expect(issuesOf({ ...unable, indicators: valid.indicators })).toEqual(['indicators: must be empty when roof_visible is false'])
  })

  it('a visible roof needs a score and a band, and no unable reason (null is the same as absent)', () => {
    expect(issuesOf({ ...valid, unable_to_assess_reason: null })).toEqual([])
    expect(issuesOf({ ...valid, unable_to_assess_reason: 'shadows' })).toEqual(['unable_to_assess_reason: only when roof_visible is false'])
    expect(issuesOf({ ...valid, condition_score: null, condition_band: null })).toEqual([
      'condition_score: required when roof_visible is true',
      'condition_band: required when roof_visible is true',
    ])
  })

  it('the band must match the score (5 points of slack at a boundary)', () => {
    expect(issuesOf({ ...valid, condition_score: 90, condition_band: 'poor' })).toEqual([
      'condition_band: poor does not match condition_score 90 (excellent)',
    ])
    expect(issuesOf({ ...valid, condition_score: 71, condition_band: 'fair' })).toEqual([])
    expect(issuesOf({ ...valid, condition_score: 76, condition_band: 'fair' })).toHaveLength(1)
    expect(issuesOf({ ...valid, condition_score: 27, condition_band: 'poor' })).toEqual([])
  })

  it.each([
    ['condition_score above 100', { condition_score: 101 }],
    ['a fractional condition_score', { condition_score: 50.5 }],
    ['confidence above 1', { confidence: 1.2 }],
    ['negative confidence', { confidence: -0.1 }],
    ['reasoning over 400 characters', { reasoning: 'x'.repeat(401) }],
    ['empty reasoning', { reasoning: '' }],
    ['an unknown material', { material: 'thatch' }],
    ['an unknown shape', { shape: 'dome' }],
    ['an unknown indicator', { indicators: [{ type: 'hail', severity: 'low', evidence: 'x' }] }],
    ['a severity outside low/med/high', { indicators: [{ type: 'rust', severity: 'medium', evidence: 'x' }] }],
    ['an indicator without evidence', { indicators: [{ type: 'rust', severity: 'low', evidence: '' }] }],
    ['a missing field', { material: undefined }],
  ])('rejects %s', (_, patch) => {
    expect(issuesOf({ ...valid, ...patch }).length).toBeGreaterThan(0)
  })

  it('toRoofAssessmentWire is the inverse of toRoofAssessment', () => {
    for (const w of [valid, unable]) {
      const a = toRoofAssessment(roofAssessmentSchema.parse(w))
      expect(toRoofAssessment(roofAssessmentSchema.parse(toRoofAssessmentWire(a)))).toEqual(a)
    }
  })
})

describe('condition bands', () => {
  it.each([
    [100, 'excellent'],
    [85, 'excellent'],
    [84, 'good'],
    [70, 'good'],
    [69, 'fair'],
    [50, 'fair'],
    [49, 'poor'],
    [30, 'poor'],
    [29, 'severe'],
    [0, 'severe'],
  ] as const)('%i is %s', (score, band) => {
    expect(bandForScore(score)).toBe(band)
    expect(bandMatchesScore(band, score)).toBe(true)
  })
  it('two bands off never matches', () => {
    expect(bandMatchesScore('excellent', 60)).toBe(false)
    expect(bandMatchesScore('severe', 40)).toBe(false)
  })
})

describe('the record_roof_assessment tool schema', () => {
  type Prop = { enum?: string[]; anyOf?: Array<{ enum?: string[]; type?: string }>; items?: { properties: Record<string, Prop> } }
  const props = roofAssessmentToolSchema.properties as Record<string, Prop>
  const enumOf = (p: Prop) => p.enum ?? p.anyOf?.find((x) => x.enum)?.enum

  it('is the REFERENCE.md §4.5 vocabulary, written out here once more', () => {
    expect(Object.keys(props)).toEqual([
      'roof_visible',
      'unable_to_assess_reason',
      'material',
      'shape',
      'condition_score',
      'condition_band',
      'indicators',
      'confidence',
      'reasoning',
    ])
    expect(enumOf(props.unable_to_assess_reason)).toEqual([
      'occluded_trees',
      'low_resolution',
      'shadows',
      'multiple_buildings',
      'no_roof',
      'imagery_artifact',
    ])
    expect(enumOf(props.material)).toEqual([
      'asphalt_shingle',
      'architectural_shingle',
      'metal',
      'tile',
      'slate',
      'flat_membrane',
      'wood_shake',
      'unknown',
    ])
    expect(enumOf(props.shape)).toEqual(['gable', 'hip', 'flat', 'complex', 'unknown'])
    expect(enumOf(props.condition_band)).toEqual(['excellent', 'good', 'fair', 'poor', 'severe'])
    const indicator = props.indicators.items!.properties
    expect(enumOf(indicator.type)).toEqual([
      'missing_shingles',
      'granule_loss_or_wear',
      'discoloration_staining',
      'moss_algae',
      'ponding',
      'rust',
      'tarp',
      'patching',
      'exposed_deck',
      'debris',
      'sagging',
    ])
    expect(enumOf(indicator.severity)).toEqual(['low', 'med', 'high'])
    expect(props.condition_score).toMatchObject({ anyOf: [{ type: 'integer', minimum: 0, maximum: 100 }, { type: 'null' }] })
    expect(props.confidence).toMatchObject({ type: 'number', minimum: 0, maximum: 1 })
    expect(props.reasoning).toMatchObject({ type: 'string', maxLength: 400 })
    expect(roofAssessmentToolSchema.required).toEqual([
      'roof_visible',
      'material',
      'shape',
      'condition_score',
      'condition_band',
      'indicators',
      'confidence',
      'reasoning',
    ])
  })

  it('tells the model the bands and the rules the JSON schema cannot express', () => {
    expect(JSON.stringify(props.condition_band)).toContain('excellent 85–100, good 70–84, fair 50–69, poor 30–49, severe 0–29')
    expect(JSON.stringify(props.unable_to_assess_reason)).toContain('required when roof_visible is false')
  })
})

import { describe, expect, it } from 'vitest'
import { decideAssessment, MAX_ASSESSMENT_ATTEMPTS, type AssessmentAttempt } from '@/lib/vision/decide-assessment'
import type { RoofAssessment } from '@/lib/vision/roof-assessment'

const roof = (patch: Partial<RoofAssessment> = {}): RoofAssessment => ({
  roofVisible: true,
  unableToAssessReason: null,
  material: 'asphalt_shingle',
  shape: 'gable',
  conditionScore: 45,
  conditionBand: 'poor',
  indicators: [{ type: 'moss_algae', severity: 'med', evidence: 'Green growth on the north slope' }],
  confidence: 0.8,
  reasoning: 'Moss on the north slope.',
  ...patch,
})
const good = roof()
const hidden = roof({
  roofVisible: false,
  unableToAssessReason: 'occluded_trees',
  conditionScore: null,
  conditionBand: null,
  indicators: [],
})
const unsure = roof({ confidence: 0.3 })
const unsure2 = roof({ confidence: 0.4, conditionScore: 60, conditionBand: 'fair' })

const assessed = (assessment: RoofAssessment): AssessmentAttempt => ({ outcome: 'assessed', assessment })
const malformed: AssessmentAttempt = { outcome: 'invalid', reason: 'malformed' }
const low = (assessment: RoofAssessment): AssessmentAttempt => ({ outcome: 'invalid', reason: 'low_confidence', assessment })

describe('decideAssessment: malformed or low confidence → retried once → needs_review, never guessed', () => {
  it('allows the first attempt and one retry', () => expect(MAX_ASSESSMENT_ATTEMPTS).toBe(2))

  it('nothing tried yet → run an attempt', () => expect(decideAssessment([])).toEqual({ next: 'retry' }))

  it('a confident, visible roof is accepted', () => {
    expect(decideAssessment([assessed(good)])).toEqual({ next: 'accept', assessment: good })
  })

  it('"unable to assess" goes to review at once, with the answer for the reviewer', () => {
    expect(decideAssessment([assessed(hidden)])).toEqual({ next: 'needs_review', reason: 'unable_to_assess', assessment: hidden })
  })

  it('a first malformed or low-confidence answer is retried', () => {
    expect(decideAssessment([malformed])).toEqual({ next: 'retry' })
    expect(decideAssessment([low(unsure)])).toEqual({ next: 'retry' })
  })

  it('a good retry is accepted', () => {
    expect(decideAssessment([malformed, assessed(good)])).toEqual({ next: 'accept', assessment: good })
    expect(decideAssessment([low(unsure), assessed(good)])).toEqual({ next: 'accept', assessment: good })
  })

  it('a retry that cannot see the roof goes to review as unable_to_assess', () => {
    expect(decideAssessment([malformed, assessed(hidden)])).toEqual({
      next: 'needs_review',
      reason: 'unable_to_assess',
      assessment: hidden,
    })
  })

  it('two failures → needs_review with the last reason and the latest well-formed answer', () => {
    expect(decideAssessment([malformed, malformed])).toEqual({ next: 'needs_review', reason: 'malformed' })
    expect(decideAssessment([low(unsure), low(unsure2)])).toEqual({
      next: 'needs_review',
      reason: 'low_confidence',
      assessment: unsure2,
    })
    expect(decideAssessment([low(unsure), malformed])).toEqual({ next: 'needs_review', reason: 'malformed', assessment: unsure })
    expect(decideAssessment([malformed, low(unsure2)])).toEqual({
      next: 'needs_review',
      reason: 'low_confidence',
      assessment: unsure2,
    })
  })

  it('never takes a third attempt into account (the decision was made at the second)', () => {
    expect(decideAssessment([malformed, malformed, assessed(good)])).toEqual({ next: 'needs_review', reason: 'malformed' })
  })

  it('an accepted first answer stays accepted whatever is recorded after it', () => {
    expect(decideAssessment([assessed(good), malformed])).toEqual({ next: 'accept', assessment: good })
  })
})

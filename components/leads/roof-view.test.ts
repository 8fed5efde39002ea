import { describe, expect, it } from 'vitest'
import { assessedByLabel, formatConfidence, formatMetresPerPixel, readRoofAssessment, sortIndicators, unableLabel } from './roof-view'

const stored = {
  roofVisible: true,
  unableToAssessReason: null,
  material: 'architectural_shingle',
  shape: 'hip',
  conditionScore: 38,
  conditionBand: 'poor',
  indicators: [
    { type: 'moss_algae', severity: 'low', evidence: 'Dark streaks on the north slope' },
    { type: 'missing_shingles', severity: 'high', evidence: 'Several tabs gone near the ridge' },
    { type: 'granule_loss_or_wear', severity: 'med', evidence: 'Worn patches on the south slope' },
  ],
  confidence: 0.82,
  reasoning: 'Worn, with missing shingles.',
}

describe('readRoofAssessment', () => {
  it('reads a stored assessment as it was written', () => {
    expect(readRoofAssessment(stored)).toEqual(stored)
  })

  it('returns null for nothing, garbage and rows without the core fields', () => {
    expect(readRoofAssessment(null)).toBeNull()
    expect(readRoofAssessment('x')).toBeNull()
    expect(readRoofAssessment({ material: 'metal' })).toBeNull()
    expect(readRoofAssessment({ ...stored, confidence: 7 })).toBeNull()
  })

  it('degrades unknown vocabulary to "unknown"/empty instead of crashing', () => {
    const a = readRoofAssessment({ ...stored, material: 'thatch', shape: 'dome', indicators: [{ type: 'lasers' }] })
    expect(a).toMatchObject({ material: 'unknown', shape: 'unknown', indicators: [] })
  })
})

describe('roof display helpers', () => {
  it('sorts findings worst first', () => {
    expect(sortIndicators(stored.indicators as never[]).map((i: { severity: string }) => i.severity)).toEqual(['high', 'med', 'low'])
  })
  it('formats confidence, resolution and reasons in words', () => {
    expect(formatConfidence(0.82)).toBe('82 % (high)')
    expect(formatConfidence(0.55)).toBe('55 % (low)')
    expect(formatMetresPerPixel(0.1194)).toBe('0.12 m per pixel')
    expect(formatMetresPerPixel(null)).toBeNull()
    expect(formatMetresPerPixel(0)).toBeNull()
    expect(unableLabel('occluded_trees')).toBe('Trees cover the roof')
    expect(unableLabel(null)).toBe('Reason not given')
  })
  it('never names a model for a sandbox run', () => {
    expect(assessedByLabel({ provider: 'anthropic', model: 'claude-x', sandbox: true })).not.toContain('claude')
    expect(assessedByLabel({ provider: 'anthropic', model: 'claude-x', sandbox: false })).toBe('Anthropic Claude (claude-x)')
    expect(assessedByLabel({ provider: 'reviewer', model: 'human', sandbox: false })).toBe('a manager (review)')
  })
})

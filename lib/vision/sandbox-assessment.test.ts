import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { roofAssessmentSchema, toRoofAssessment, type RoofAssessment } from '@/lib/vision/roof-assessment'
import { sandboxRoofAssessment } from '@/lib/vision/sandbox-assessment'

const sha = (i: number) => createHash('sha256').update(`image ${i}`).digest('hex')
const N = 4000
const all: RoofAssessment[] = Array.from({ length: N }, (_, i) =>
  toRoofAssessment(roofAssessmentSchema.parse(sandboxRoofAssessment(sha(i)))),
)
const share = (f: (a: RoofAssessment) => boolean) => all.filter(f).length / N

describe('sandboxRoofAssessment', () => {
  it('is deterministic per image and differs between images', () => {
    expect(sandboxRoofAssessment(sha(1))).toEqual(sandboxRoofAssessment(sha(1)))
    expect(new Set(all.slice(0, 50).map((a) => JSON.stringify(a))).size).toBeGreaterThan(45)
  })

  it('every answer satisfies the tool schema and its cross-field rules (parsed above) and says it is a sandbox', () => {
    expect(all).toHaveLength(N)
    for (const a of all) expect(a.reasoning).toMatch(/^Sandbox analysis: /)
  })

  it('~3 % unable to assess and ~5 % low confidence, so the review path shows in the demo', () => {
    const unable = share((a) => !a.roofVisible)
    const low = share((a) => a.roofVisible && a.confidence < 0.5)
    expect(unable).toBeGreaterThan(0.02)
    expect(unable).toBeLessThan(0.045)
    expect(low).toBeGreaterThan(0.035)
    expect(low).toBeLessThan(0.065)
    for (const a of all.filter((x) => !x.roofVisible)) {
      expect(a.unableToAssessReason).not.toBeNull()
      expect(a.indicators).toEqual([])
      expect(a.conditionScore).toBeNull()
    }
  })

  it('confidence is otherwise 0.6–0.95', () => {
    for (const a of all.filter((x) => x.roofVisible && x.confidence >= 0.5)) {
      expect(a.confidence).toBeGreaterThanOrEqual(0.6)
      expect(a.confidence).toBeLessThanOrEqual(0.95)
    }
  })

  it('covers every condition band and a spread of materials and shapes', () => {
    for (const band of ['excellent', 'good', 'fair', 'poor', 'severe'] as const)
      expect(
        share((a) => a.conditionBand === band),
        band,
      ).toBeGreaterThan(0.05)
    expect(new Set(all.map((a) => a.material)).size).toBe(8)
    expect(new Set(all.map((a) => a.shape)).size).toBe(5)
    expect(share((a) => a.material === 'architectural_shingle' || a.material === 'asphalt_shingle')).toBeGreaterThan(0.5)
  })

  it('0–4 distinct indicators that fit the roof: more and worse on worse roofs, rust only on metal, ponding only when flat', () => {
    const counts = new Set(all.map((a) => a.indicators.length))
    expect([...counts].sort()).toEqual([0, 1, 2, 3, 4])
    for (const a of all) {
      expect(new Set(a.indicators.map((i) => i.type)).size).toBe(a.indicators.length)
      for (const i of a.indicators) {
        expect(i.evidence.length).toBeGreaterThan(10)
        if (i.type === 'rust') expect(a.material).toBe('metal')
        if (i.type === 'ponding') expect(a.material === 'flat_membrane' || a.shape === 'flat').toBe(true)
        if (i.type === 'tarp' || i.type === 'sagging') expect(a.conditionBand).toBe('severe')
      }
      if (a.conditionBand === 'excellent') expect(a.indicators).toEqual([])
    }
    const mean = (band: string) => {
      const xs = all.filter((a) => a.conditionBand === band)
      return xs.reduce((s, a) => s + a.indicators.length, 0) / xs.length
    }
    expect(mean('severe')).toBeGreaterThan(mean('fair'))
    expect(mean('fair')).toBeGreaterThan(mean('good'))
  })
})

import { describe, expect, it } from 'vitest'
import { readScoreBreakdown } from './breakdown'
import { scoreV1 } from './score-v1'

describe('readScoreBreakdown', () => {
  it('reads a v1 breakdown (with the sandbox flag) back unchanged', () => {
    const b = scoreV1({
      assessment: { roofVisible: true, conditionScore: 30, material: 'metal', indicators: [], confidence: 0.8 },
      property: { yearBuilt: 1999, propertyValueCents: 300_000_00 },
      contact: { ownerNameKnown: true, phones: 1, emails: 0 },
      now: new Date('2026-11-20T00:00:00Z'),
      sandbox: true,
    })
    const r = readScoreBreakdown(JSON.parse(JSON.stringify(b)))
    expect(r.kind).toBe('scored')
    if (r.kind === 'scored') {
      expect(r.breakdown).toEqual(b)
      expect(r.breakdown.sandbox).toBe(true)
    }
  })
  it('reads the old seed {factor: points} object as legacy reasons', () => {
    const r = readScoreBreakdown({ condition: 30, roofAge: 18, propertyValue: 11, damage: 7, contact: 6 })
    expect(r).toEqual({
      kind: 'legacy',
      reasons: [
        { label: 'condition', points: 30, detail: undefined },
        { label: 'roof Age', points: 18, detail: undefined },
        { label: 'property Value', points: 11, detail: undefined },
        { label: 'damage', points: 7, detail: undefined },
        { label: 'contact', points: 6, detail: undefined },
      ],
    })
  })
  it('reads lists of {label, points}', () => {
    expect(readScoreBreakdown({ reasons: [{ label: 'Old roof', points: 20 }] })).toEqual({
      kind: 'legacy',
      reasons: [{ label: 'Old roof', points: 20, detail: undefined }],
    })
  })
  it('nothing, garbage and half-broken v1 objects never throw', () => {
    for (const x of [null, undefined, 42, 'x', [], {}, { version: 'v1' }, { score: Number.NaN }])
      expect(['none', 'legacy']).toContain(readScoreBreakdown(x).kind)
    expect(readScoreBreakdown(null)).toEqual({ kind: 'none' })
    expect(readScoreBreakdown({})).toEqual({ kind: 'none' })
  })
})

// Renders the score panel to HTML (no DOM, no database) for each kind of stored breakdown: score v1 (complete,
// with missing inputs, sandbox), the pre-v1 `{factor: points}` objects, none at all, and an unscored lead.
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { ScoreBreakdown } from './score-breakdown'
import { scoreV1 } from '@/lib/scoring/score-v1'

const now = new Date('2026-11-20T00:00:00Z')
const render = (props: { score: number | null; band: string | null; version: string | null; breakdown: unknown }) =>
  renderToStaticMarkup(createElement(ScoreBreakdown, props)).replace(/<!-- -->/g, '')
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, ' ')

const v1 = scoreV1({
  assessment: {
    roofVisible: true,
    conditionScore: 18,
    material: 'asphalt_shingle',
    indicators: [{ type: 'tarp', severity: 'high', evidence: 'blue tarp on the north slope' }],
    confidence: 0.9,
  },
  property: { yearBuilt: 2001, propertyValueCents: 520_000_00 },
  contact: { ownerNameKnown: true, phones: 1, emails: 0 },
  now,
  sandbox: true,
})

describe('ScoreBreakdown', () => {
  it('shows a v1 breakdown: score, band, each component with points/weight and reason, confidence, version, sandbox', () => {
    const t = text(render({ score: v1.score, band: v1.band, version: 'v1', breakdown: v1 }))
    expect(t).toContain(`${v1.score} / 100 · Hot`)
    expect(t).toContain('source: score v1')
    expect(t).toMatch(/Confidence \d+ % \(high\)/)
    expect(t).toContain('Sandbox analysis')
    expect(t).toContain('Roof condition · weight 42 %')
    expect(t).toMatch(/Roof condition · weight 42 % [\d.]+ of 42 pts/)
    expect(t).toContain('Roof about 25 years old (built 2001, no re-roof found)')
    expect(t).toContain("Tarp (high): 'blue tarp on the north slope'")
    expect(t).not.toContain('Missing inputs')
  })

  it('lists missing inputs and the left-out components in words', () => {
    const b = scoreV1({ assessment: null, property: { yearBuilt: 1995 }, contact: null, now })
    const t = text(render({ score: b.score, band: b.band, version: 'v1', breakdown: b }))
    expect(t).toContain('Missing inputs: Roof assessment from the aerial image, Roof material, Property value, Owner contact details.')
    expect(t).toContain('not available')
    expect(t).toContain('No roof assessment yet')
    expect(t).not.toContain('Sandbox analysis')
  })

  it('still renders the pre-v1 {factor: points} breakdown', () => {
    const t = text(render({ score: 71, band: 'WARM', version: 'v1', breakdown: { condition: 30, roofAge: 18 } }))
    expect(t).toContain('71 / 100 · Warm')
    expect(t).toContain('condition +30')
    expect(t).toContain('Recorded before score v1')
  })

  it('says there is no breakdown for imported and hand-set scores, and when unscored', () => {
    expect(text(render({ score: 65, band: 'WARM', version: 'import', breakdown: null }))).toContain(
      'No breakdown was recorded for this score (it came from an imported file).',
    )
    expect(text(render({ score: 40, band: 'COLD', version: 'manual', breakdown: 'garbage' }))).toContain('source: set by hand')
    expect(text(render({ score: null, band: null, version: null, breakdown: null }))).toContain('Not scored yet.')
  })

  it('an unscorable v1 result shows why', () => {
    const b = scoreV1({ assessment: null, property: null, contact: null, now })
    const t = text(render({ score: null, band: null, version: 'v1', breakdown: b }))
    expect(t).toContain('Not scored yet.')
    expect(t).toContain('Not enough inputs to score')
  })

  it('flags reasons that belong to an earlier score', () => {
    const t = text(render({ score: 50, band: 'COLD', version: 'manual', breakdown: v1 }))
    expect(t).toContain(`These reasons are from an earlier score (${v1.score})`)
  })
})

import { describe, expect, it } from 'vitest'
import { scoreV1 } from '@/lib/scoring/score-v1'
import { hotLeadMessage, topScoreReason } from './hot-lead-message'

const lead = {
  id: '00000000-0000-4000-8000-000000000001',
  addressLine1: '12 Elm Street',
  addressLine2: null,
  city: 'Dallas',
  state: 'TX',
  zip: '75201',
  score: 86,
  scoreBreakdown: null as unknown,
}

describe('hotLeadMessage', () => {
  it('builds the title, the body with the score and the top reason, and the lead path', () => {
    const breakdown = JSON.parse(
      JSON.stringify(
        scoreV1({
          assessment: {
            roofVisible: true,
            conditionScore: 15,
            material: 'asphalt_shingle',
            indicators: [{ type: 'granule_loss_or_wear', severity: 'high', evidence: 'Granule loss across the south slope' }],
            confidence: 0.9,
          },
          property: { yearBuilt: 1998, propertyValueCents: 420_000_00 },
          contact: { ownerNameKnown: true, phones: 1, emails: 1 },
          now: new Date('2026-11-20T00:00:00Z'),
        }),
      ),
    )
    const top = [...breakdown.components].sort((a: { points: number }, b: { points: number }) => b.points - a.points)[0]
    const m = hotLeadMessage({ ...lead, scoreBreakdown: breakdown }, { orgSlug: 'acme' })
    expect(m.title).toBe('HOT lead: 12 Elm Street, Dallas, TX 75201')
    expect(m.body).toBe(`Score 86/100 (HOT). ${top.reason}`)
    expect(m.reason).toBe(top.reason)
    expect(m.url).toBe(`/acme/leads/${lead.id}`)
  })

  it('reads the old seed breakdowns and survives none', () => {
    expect(topScoreReason({ condition: 30, roofAge: 18 })).toBe('condition')
    expect(
      topScoreReason({
        reasons: [
          { label: 'Old roof', points: 5, detail: 'Roof from 1990' },
          { label: 'Hail', points: 9 },
        ],
      }),
    ).toBe('Hail')
    expect(topScoreReason(null)).toBeNull()
    expect(hotLeadMessage({ ...lead, score: null }, { orgSlug: 'acme' }).body).toBe('HOT.')
  })

  it('keeps the title and body within their column limits', () => {
    const long = hotLeadMessage(
      { ...lead, addressLine1: 'x'.repeat(400), scoreBreakdown: { reasons: [{ label: 'y'.repeat(2000), points: 1 }] } },
      {
        orgSlug: 'acme',
      },
    )
    expect(long.title.length).toBe(200)
    expect(long.body.length).toBe(1000)
    expect(long.title.endsWith('…')).toBe(true)
  })
})

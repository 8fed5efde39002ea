// assessRoof without AI keys: the sandbox answer (keyed by the image's sha256) through the same path as a real
// one. The real SDKs against the provider fakes: tests/integration/external/roof-assessment.contract.test.ts.
import { createHash } from 'node:crypto'
import sharp from 'sharp'
import { beforeEach, describe, expect, it } from 'vitest'
import { PROVIDER_ENV } from '@/lib/env'
import { assessRoof, MIN_CONFIDENCE, type RoofAssessmentOutcome } from '@/lib/vision/assess-roof'
import { decideAssessment } from '@/lib/vision/decide-assessment'
import { ROOF_PROMPT_VERSION } from '@/lib/vision/roof-prompt'
import { roofAssessmentSchema, toRoofAssessment } from '@/lib/vision/roof-assessment'
import { sandboxRoofAssessment } from '@/lib/vision/sandbox-assessment'

const png = (i: number) =>
  sharp({ create: { width: 64, height: 64, channels: 3, background: { r: i % 256, g: (i * 7) % 256, b: 40 } } })
    .png()
    .toBuffer()
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex')
const expected = (b: Buffer) => toRoofAssessment(roofAssessmentSchema.parse(sandboxRoofAssessment(sha(b))))

/** the first test image whose sandbox answer matches */
async function imageWhere(pred: (a: ReturnType<typeof expected>) => boolean): Promise<Buffer> {
  for (let i = 0; i < 1000; i++) {
    const b = await png(i)
    if (pred(expected(b))) return b
  }
  throw new Error('no such image')
}

beforeEach(() => {
  for (const k of Object.keys(PROVIDER_ENV)) delete process.env[k]
})

describe('assessRoof in sandbox mode', () => {
  it('returns the deterministic sandbox assessment, labelled sandbox, with the prompt version', async () => {
    const bytes = await imageWhere((a) => a.roofVisible && a.confidence >= MIN_CONFIDENCE)
    const r = await assessRoof({ image: { bytes, contentType: 'image/png' }, context: { lat: 30.27, lng: -97.74, yearBuilt: 1999 } })
    expect(r).toEqual({
      outcome: 'assessed',
      assessment: expected(bytes),
      provider: 'anthropic',
      model: 'sandbox',
      promptVersion: ROOF_PROMPT_VERSION,
      usage: { inputTokens: 0, outputTokens: 0 },
      sandbox: true,
    })
    expect(await assessRoof({ image: { bytes, contentType: 'image/png' } })).toEqual(r)
  })

  it('a low-confidence sandbox answer is an invalid outcome; the same answer on the retry → needs_review', async () => {
    const bytes = await imageWhere((a) => a.roofVisible && a.confidence < MIN_CONFIDENCE)
    const first = await assessRoof({ image: { bytes, contentType: 'image/png' } })
    expect(first).toMatchObject({ outcome: 'invalid', reason: 'low_confidence', sandbox: true, assessment: expected(bytes) })
    expect(first.outcome === 'invalid' && first.detail).toMatch(/^confidence 0\.\d+ is below 0\.5$/)
    const attempts: RoofAssessmentOutcome[] = [first]
    expect(decideAssessment(attempts)).toEqual({ next: 'retry' })
    attempts.push(await assessRoof({ image: { bytes, contentType: 'image/png' } }))
    expect(decideAssessment(attempts)).toEqual({ next: 'needs_review', reason: 'low_confidence', assessment: expected(bytes) })
  })

  it('"unable to assess" is an assessed outcome that the pipeline sends to review', async () => {
    const bytes = await imageWhere((a) => !a.roofVisible)
    const r = await assessRoof({ image: { bytes, contentType: 'image/png' } })
    expect(r).toMatchObject({ outcome: 'assessed', assessment: { roofVisible: false, conditionScore: null, indicators: [] } })
    expect(decideAssessment([r])).toMatchObject({ next: 'needs_review', reason: 'unable_to_assess' })
  })
})

import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { ROOF_TOOL_NAME, roofAssessmentToolSchema } from '@/lib/vision/roof-assessment'
import { ROOF_PROMPT_VERSION, ROOF_SYSTEM_PROMPT, buildRoofPrompt } from '@/lib/vision/roof-prompt'

// Every stored assessment names its prompt version. Changed the prompt, the context line or the tool schema?
// Bump ROOF_PROMPT_VERSION and add its hash here (the old versions stay: they describe stored assessments).
const PINNED: Record<string, string> = {
  'roof-2026-08-v1': 'ab768ca5e2b103a07aa8a022e92a96a845299708311e53c2ddc7d3f046efbe05',
}

describe('the roof prompt', () => {
  it('is versioned: the wording and the tool schema cannot change without a new version', () => {
    const hash = createHash('sha256')
      .update(
        JSON.stringify({
          system: ROOF_SYSTEM_PROMPT,
          tool: roofAssessmentToolSchema,
          user: buildRoofPrompt({ lat: 1, lng: 2, yearBuilt: 3, metersPerPixel: 4 }),
        }),
      )
      .digest('hex')
    expect(PINNED[ROOF_PROMPT_VERSION], `hash of ${ROOF_PROMPT_VERSION}`).toBe(hash)
  })

  it('states the bands, the unable-to-assess answer, calibration and the tool', () => {
    expect(ROOF_SYSTEM_PROMPT).toContain('excellent 85–100, good 70–84, fair 50–69, poor 30–49, severe 0–29')
    expect(ROOF_SYSTEM_PROMPT).toContain('"Unable to assess" is a correct answer')
    expect(ROOF_SYSTEM_PROMPT).toContain('calibrated')
    expect(ROOF_SYSTEM_PROMPT).toContain(`calling the ${ROOF_TOOL_NAME} tool`)
  })

  it('adds the property facts it is given, and says year built is not evidence', () => {
    expect(buildRoofPrompt()).toBe('Assess the roof of the building at the centre of this image.')
    expect(buildRoofPrompt({ lat: 33.4483771, lng: -112.0740373 })).toBe(
      'Assess the roof of the building at the centre of this image.\nProperty facts: location 33.44838, -112.07404.',
    )
    expect(buildRoofPrompt({ lat: 30, lng: -97, yearBuilt: 2001, metersPerPixel: 0.149 })).toContain(
      "house built 2001 (not evidence of the roof's age); about 0.15 m per pixel.",
    )
  })
})

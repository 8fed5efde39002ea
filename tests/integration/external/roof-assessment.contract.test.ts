// assessRoof with the real @anthropic-ai/sdk and openai SDKs against the provider fakes: the request carries the
// (downscaled) image, the record_roof_assessment tool and a tool_choice forcing it; a valid answer is assessed,
// a malformed or low-confidence one is an outcome (not an error), and an Anthropic outage is retried by
// call-service and then answered by OpenAI.
import sharp from 'sharp'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { assessRoof } from '@/lib/vision/assess-roof'
import { ROOF_TOOL_NAME, roofAssessmentToolSchema, type RoofAssessmentWire } from '@/lib/vision/roof-assessment'
import { ROOF_PROMPT_VERSION, ROOF_SYSTEM_PROMPT } from '@/lib/vision/roof-prompt'
import { startAnthropicFake } from '@/tests/fakes/anthropic-fake'
import { startOpenAiFake } from '@/tests/fakes/openai-fake'
import type { FakeServer } from '@/tests/fakes/fake-server'
import { clearProviderEnv, expectAppError, fastPolicies, setEnv } from './helpers'

const valid: RoofAssessmentWire = {
  roof_visible: true,
  material: 'architectural_shingle',
  shape: 'hip',
  condition_score: 38,
  condition_band: 'poor',
  indicators: [
    { type: 'granule_loss_or_wear', severity: 'med', evidence: 'Blotchy, worn shingles across the south slope' },
    { type: 'discoloration_staining', severity: 'low', evidence: 'Dark streaks below the ridge on the north slope' },
  ],
  confidence: 0.82,
  reasoning: 'Worn architectural shingles: granule loss on the south slope and staining on the north slope.',
}
const fromOpenAi: RoofAssessmentWire = {
  ...valid,
  material: 'asphalt_shingle',
  condition_score: 55,
  condition_band: 'fair',
  confidence: 0.7,
}

// The fakes read their answer from these objects on every request, so a test can change it.
const antAnswer: { toolInput: unknown } = { toolInput: valid }
const oaiAnswer: { json: unknown } = { json: fromOpenAi }
let ant: FakeServer
let oai: FakeServer
let large: Buffer
let small: Buffer

type AnthropicBody = {
  model: string
  system: string
  max_tokens: number
  tools: Array<{ name: string; description: string; input_schema: unknown }>
  tool_choice: { type: string; name: string }
  messages: Array<{
    role: string
    content: Array<{ type: string; text?: string; source?: { type: string; media_type: string; data: string } }>
  }>
}
type OpenAiBody = {
  response_format: { type: string; json_schema: { name: string; schema: unknown; strict: boolean } }
  messages: Array<{ role: string; content: string | Array<{ type: string; text?: string; image_url?: { url: string } }> }>
}

beforeAll(async () => {
  ant = await startAnthropicFake(antAnswer)
  oai = await startOpenAiFake(oaiAnswer)
  // a 1280×1280 @2x Mapbox crop is 2560×2560: above the 1568 px long edge and 1.15 MP
  large = await sharp({ create: { width: 2560, height: 2560, channels: 3, background: { r: 96, g: 92, b: 88 } } })
    .jpeg()
    .toBuffer()
  small = await sharp({ create: { width: 640, height: 640, channels: 3, background: { r: 120, g: 110, b: 100 } } })
    .png()
    .toBuffer()
})
afterAll(async () => {
  await ant.close()
  await oai.close()
})
beforeEach(() => {
  clearProviderEnv()
  setEnv({ ANTHROPIC_API_KEY: 'sk-ant-test', ANTHROPIC_BASE_URL: ant.url, OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: `${oai.url}/v1` })
  fastPolicies()
  ant.reset()
  oai.reset()
  antAnswer.toolInput = valid
  oaiAnswer.json = fromOpenAi
})

describe('roof assessment contract', () => {
  it('(a) a valid tool_use is assessed; the request carried the downscaled image, the tool schema and a tool_choice forcing it', async () => {
    const r = await assessRoof({
      image: { bytes: large, contentType: 'image/jpeg' },
      context: { lat: 30.2672, lng: -97.7431, yearBuilt: 1998 },
    })
    expect(r).toEqual({
      outcome: 'assessed',
      assessment: {
        roofVisible: true,
        unableToAssessReason: null,
        material: 'architectural_shingle',
        shape: 'hip',
        conditionScore: 38,
        conditionBand: 'poor',
        indicators: valid.indicators,
        confidence: 0.82,
        reasoning: valid.reasoning,
      },
      provider: 'anthropic',
      model: 'claude-sonnet-4-6',
      promptVersion: ROOF_PROMPT_VERSION,
      usage: { inputTokens: 10, outputTokens: 20 },
      sandbox: false,
    })
    expect(ant.requests).toHaveLength(1)
    expect(oai.requests).toHaveLength(0)
    const body = ant.requests[0].body as AnthropicBody
    expect(body.tools).toHaveLength(1)
    expect(body.tools[0]).toMatchObject({ name: ROOF_TOOL_NAME, description: expect.stringMatching(/roof/) })
    expect(body.tools[0].input_schema).toEqual(JSON.parse(JSON.stringify(roofAssessmentToolSchema)))
    expect(body.tool_choice).toEqual({ type: 'tool', name: ROOF_TOOL_NAME })
    expect(body.system).toBe(ROOF_SYSTEM_PROMPT)
    const [img, text] = body.messages[0].content
    expect(img).toMatchObject({ type: 'image', source: { type: 'base64', media_type: 'image/jpeg' } })
    const sent = await sharp(Buffer.from(img.source!.data, 'base64')).metadata()
    expect([sent.format, sent.width, sent.height]).toEqual(['jpeg', 1072, 1072])
    expect(text).toMatchObject({ type: 'text', text: expect.stringContaining('location 30.26720, -97.74310; house built 1998') })
  })

  it('a small PNG is sent as it is', async () => {
    await assessRoof({ image: { bytes: small, contentType: 'image/png' } })
    const src = (ant.requests[0].body as AnthropicBody).messages[0].content[0].source!
    expect(src.media_type).toBe('image/png')
    expect(Buffer.from(src.data, 'base64').equals(small)).toBe(true)
  })

  it('(b) a malformed tool input is the outcome invalid/malformed, saying what was wrong (no retry, no fallback)', async () => {
    antAnswer.toolInput = { ...valid, condition_band: 'terrible', reasoning: undefined }
    const r = await assessRoof({ image: { bytes: small, contentType: 'image/png' } })
    expect(r).toMatchObject({
      outcome: 'invalid',
      reason: 'malformed',
      provider: 'anthropic',
      model: 'claude-sonnet-4-6',
      promptVersion: ROOF_PROMPT_VERSION,
      usage: { inputTokens: 10, outputTokens: 20 },
      sandbox: false,
    })
    expect(r.outcome === 'invalid' && r.detail).toMatch(/condition_band: .*reasoning: /)
    expect(r).not.toHaveProperty('assessment')
    expect(ant.requests).toHaveLength(1)
    expect(oai.requests).toHaveLength(0)
  })

  it('(b) an answer that breaks a cross-field rule is malformed too', async () => {
    antAnswer.toolInput = { ...valid, roof_visible: false, condition_score: null, condition_band: null }
    const r = await assessRoof({ image: { bytes: small, contentType: 'image/png' } })
    expect(r).toMatchObject({ outcome: 'invalid', reason: 'malformed' })
    expect(r.outcome === 'invalid' && r.detail).toContain('unable_to_assess_reason: required when roof_visible is false')
    expect(r.outcome === 'invalid' && r.detail).toContain('indicators: must be empty when roof_visible is false')
  })

  it('(c) low confidence is the outcome invalid/low_confidence, with the answer kept for the reviewer', async () => {
    antAnswer.toolInput = { ...valid, confidence: 0.31 }
    const r = await assessRoof({ image: { bytes: small, contentType: 'image/png' } })
    expect(r).toMatchObject({
      outcome: 'invalid',
      reason: 'low_confidence',
      detail: 'confidence 0.31 is below 0.5',
      assessment: { confidence: 0.31, conditionScore: 38 },
      provider: 'anthropic',
      sandbox: false,
    })
  })

  it('"unable to assess" from the model is an assessed outcome', async () => {
    antAnswer.toolInput = {
      roof_visible: false,
      unable_to_assess_reason: 'occluded_trees',
      material: 'unknown',
      shape: 'unknown',
      condition_score: null,
      condition_band: null,
      indicators: [],
      confidence: 0.88,
      reasoning: 'Tree canopy covers nearly all of the roof.',
    }
    const r = await assessRoof({ image: { bytes: small, contentType: 'image/png' } })
    expect(r).toMatchObject({
      outcome: 'assessed',
      assessment: { roofVisible: false, unableToAssessReason: 'occluded_trees', conditionScore: null },
    })
  })

  it('(d) 529/5xx are retried by call-service, then OpenAI answers and the roof is assessed', async () => {
    ant.script({ kind: 'status', status: 529 }, { kind: 'status', status: 500 }, { kind: 'status', status: 503 })
    const r = await assessRoof({ image: { bytes: large, contentType: 'image/jpeg' }, context: { lat: 30.2672, lng: -97.7431 } })
    expect(r).toMatchObject({
      outcome: 'assessed',
      provider: 'openai',
      model: 'gpt-5.4-mini',
      usage: { inputTokens: 5, outputTokens: 7 },
      sandbox: false,
      assessment: { material: 'asphalt_shingle', conditionScore: 55, conditionBand: 'fair', confidence: 0.7 },
    })
    expect(ant.requests).toHaveLength(3)
    expect(oai.requests).toHaveLength(1)
    const body = oai.requests[0].body as OpenAiBody
    expect(body.response_format).toMatchObject({ type: 'json_schema', json_schema: { name: ROOF_TOOL_NAME, strict: false } })
    expect(body.response_format.json_schema.schema).toEqual(JSON.parse(JSON.stringify(roofAssessmentToolSchema)))
    expect(body.messages[0]).toEqual({ role: 'system', content: ROOF_SYSTEM_PROMPT })
    const parts = body.messages[1].content as Array<{ type: string; text?: string; image_url?: { url: string } }>
    const url = parts.find((p) => p.type === 'image_url')!.image_url!.url
    expect(url).toMatch(/^data:image\/jpeg;base64,/)
    const sent = await sharp(Buffer.from(url.split(',')[1], 'base64')).metadata()
    expect([sent.width, sent.height]).toEqual([1072, 1072])
  })

  it('a malformed OpenAI answer after the fallback is malformed, attributed to OpenAI', async () => {
    ant.script(...Array(3).fill({ kind: 'status', status: 529 }))
    oaiAnswer.json = { ...fromOpenAi, confidence: 7 }
    const r = await assessRoof({ image: { bytes: small, contentType: 'image/png' } })
    expect(r).toMatchObject({ outcome: 'invalid', reason: 'malformed', provider: 'openai', model: 'gpt-5.4-mini' })
    expect(r.outcome === 'invalid' && r.detail).toContain('confidence:')
  })

  it('an outage with no fallback still throws the AppError (the pipeline retries it as a job)', async () => {
    setEnv({ OPENAI_API_KEY: undefined })
    ant.script(...Array(3).fill({ kind: 'status', status: 500 }))
    const err = await expectAppError(assessRoof({ image: { bytes: small, contentType: 'image/png' } }))
    expect(err).toMatchObject({ code: 'UPSTREAM_FAILED', details: { provider: 'anthropic', reason: 'server_error', attempts: 3 } })
  })
})

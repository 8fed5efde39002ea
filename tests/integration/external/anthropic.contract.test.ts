// Real @anthropic-ai/sdk against the Anthropic fake: success, retry classification, spend-limit 429,
// Retry-After, and the OpenAI fallback.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { generateText as anthropicText } from '@/lib/external/anthropic'
import { analyzeImage, generateText } from '@/lib/external/ai'
import { getBreakerState } from '@/lib/external/call-service'
import { startAnthropicFake, anthropicSpendLimit } from '@/tests/fakes/anthropic-fake'
import { startOpenAiFake } from '@/tests/fakes/openai-fake'
import type { FakeServer } from '@/tests/fakes/fake-server'
import { clearProviderEnv, expectAppError, fastPolicies, setEnv } from './helpers'

const roof = z.object({
  condition: z.enum(['good', 'fair', 'poor']),
  score: z.number().int().min(0).max(100),
  reasons: z.array(z.string()),
})
let ant: FakeServer
let oai: FakeServer

beforeAll(async () => {
  ant = await startAnthropicFake({ toolInput: { condition: 'poor', score: 82, reasons: ['missing shingles'] } })
  oai = await startOpenAiFake({ json: { condition: 'fair', score: 55, reasons: ['granule loss'] } })
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
})

describe('anthropic contract', () => {
  it('sends a Messages request with the API key and version headers and returns the text', async () => {
    const r = await generateText({ prompt: 'ping' })
    expect(r).toMatchObject({
      provider: 'anthropic',
      sandbox: false,
      text: 'fake reply to: ping',
      usage: { inputTokens: 10, outputTokens: 20 },
    })
    expect(ant.requests).toHaveLength(1)
    expect(ant.requests[0].path).toBe('/v1/messages')
    expect(ant.requests[0].headers['x-api-key'] ?? ant.requests[0].headers.authorization).toMatch(/sk-ant-test/)
    expect(ant.requests[0].headers['anthropic-version']).toBeTruthy()
    expect(ant.requests[0].headers['x-stainless-retry-count']).toBe('0')
  })

  it('analyzeImage forces a tool whose schema is the zod schema and validates the answer', async () => {
    const r = await analyzeImage({ image: { url: 'https://img.test/roof.png' }, prompt: 'Score this roof', schema: roof })
    expect(r).toMatchObject({ provider: 'anthropic', sandbox: false, data: { condition: 'poor', score: 82 } })
    const body = ant.requests[0].body as {
      tool_choice: { type: string }
      tools: Array<{ input_schema: { properties: Record<string, unknown> } }>
    }
    expect(body.tool_choice.type).toBe('tool')
    expect(Object.keys(body.tools[0].input_schema.properties)).toEqual(['condition', 'score', 'reasons'])
  })

  it('an answer that breaks the schema is UPSTREAM_FAILED invalid_output (not retried)', async () => {
    const bad = await startAnthropicFake({ toolInput: { condition: 'terrible', score: 900 } })
    setEnv({ ANTHROPIC_BASE_URL: bad.url, OPENAI_API_KEY: undefined })
    const err = await expectAppError(analyzeImage({ image: { url: 'https://img.test/x.png' }, prompt: 'x', schema: roof }))
    expect(err).toMatchObject({ code: 'UPSTREAM_FAILED', details: { reason: 'invalid_output' } })
    expect(bad.requests).toHaveLength(1)
    await bad.close()
  })

  it('retries 529 overloaded and succeeds', async () => {
    ant.script({ kind: 'status', status: 529 })
    const r = await anthropicText({ prompt: 'hi' })
    expect(r.text).toBe('fake reply to: hi')
    expect(ant.requests).toHaveLength(2)
  })

  it('stops at 3 attempts on repeated 5xx', async () => {
    ant.script({ kind: 'status', status: 500 }, { kind: 'status', status: 502 }, { kind: 'status', status: 503 }, 'ok')
    const err = await expectAppError(anthropicText({ prompt: 'hi' }))
    expect(err).toMatchObject({
      code: 'UPSTREAM_FAILED',
      details: { provider: 'anthropic', operation: 'messages.create', reason: 'server_error', attempts: 3 },
    })
    expect(ant.requests).toHaveLength(3)
  })

  it('does not retry the spend-limit 429 (but does retry a rate-limit 429)', async () => {
    ant.script({ kind: 'status', status: 429, body: anthropicSpendLimit })
    const err = await expectAppError(anthropicText({ prompt: 'hi' }))
    expect(err).toMatchObject({ code: 'UPSTREAM_FAILED', details: { reason: 'spend_limit' } })
    expect(ant.requests).toHaveLength(1)

    ant.reset()
    ant.script({ kind: 'status', status: 429 })
    await anthropicText({ prompt: 'hi' })
    expect(ant.requests).toHaveLength(2)
  })

  it.each([400, 401, 403, 404, 422])('never retries %i', async (status) => {
    ant.script({ kind: 'status', status })
    const err = await expectAppError(anthropicText({ prompt: 'hi' }))
    expect(err).toMatchObject({ code: 'UPSTREAM_FAILED', details: { reason: 'client_error', status } })
    expect(ant.requests).toHaveLength(1)
  })

  it('honours Retry-After before the next attempt', async () => {
    ant.script({ kind: 'status', status: 429, headers: { 'retry-after': '1' } })
    await anthropicText({ prompt: 'hi' })
    expect(ant.requests).toHaveLength(2)
    expect(ant.requests[1].at - ant.requests[0].at).toBeGreaterThanOrEqual(950)
  })

  it('a Retry-After above the cap fails fast as UPSTREAM_UNAVAILABLE with retryAfter', async () => {
    ant.script({ kind: 'status', status: 429, headers: { 'retry-after': '120' } })
    const err = await expectAppError(anthropicText({ prompt: 'hi' }))
    expect(err).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', retryAfter: 120, details: { reason: 'rate_limited' } })
    expect(ant.requests).toHaveLength(1)
  })

  it('retries a malformed JSON body and a timeout (idempotent read-only call)', async () => {
    ant.script({ kind: 'malformed' }, { kind: 'hang' })
    const r = await anthropicText({ prompt: 'hi' })
    expect(r.text).toBe('fake reply to: hi')
    expect(ant.requests).toHaveLength(3)
  })

  it('falls back to OpenAI when Anthropic 5xx retries are exhausted', async () => {
    ant.script(...Array(3).fill({ kind: 'status', status: 500 }))
    const r = await generateText({ prompt: 'hi' })
    expect(r).toMatchObject({ provider: 'openai', text: 'openai fake reply', sandbox: false })
    expect(ant.requests).toHaveLength(3)
    expect(oai.requests).toHaveLength(1)
    expect(oai.requests[0].headers.authorization).toBe('Bearer sk-test')
  })

  it('falls back to OpenAI without calling Anthropic while its breaker is open', async () => {
    fastPolicies({ breakerThreshold: 2, halfOpenAfterMs: 60_000 })
    ant.script({ kind: 'status', status: 529 }, { kind: 'status', status: 529 })
    const first = await analyzeImage({ image: { base64: 'AAAA', mediaType: 'image/png' }, prompt: 'x', schema: roof })
    expect(first.provider).toBe('openai')
    expect(getBreakerState('anthropic')).toBe('open')
    ant.reset()
    oai.reset()
    const second = await analyzeImage({ image: { base64: 'AAAA', mediaType: 'image/png' }, prompt: 'x', schema: roof })
    expect(second).toMatchObject({ provider: 'openai', data: { condition: 'fair', score: 55 } })
    expect(ant.requests).toHaveLength(0)
  })

  it('does not fall back on a 400 (our request is wrong on any provider)', async () => {
    ant.script({ kind: 'status', status: 400 })
    await expectAppError(generateText({ prompt: 'hi' }))
    expect(oai.requests).toHaveLength(0)
  })

  it('kill switch: Anthropic is unavailable, the call goes to OpenAI', async () => {
    setEnv({ FM_DISABLE_ANTHROPIC: '1' })
    const r = await generateText({ prompt: 'hi' })
    expect(r.provider).toBe('openai')
    expect(ant.requests).toHaveLength(0)
    setEnv({ OPENAI_API_KEY: undefined })
    const err = await expectAppError(generateText({ prompt: 'hi' }))
    expect(err).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', details: { reason: 'kill_switch' } })
  })
})

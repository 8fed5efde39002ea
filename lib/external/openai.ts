// OpenAI (Chat Completions) through the official SDK: the fallback for Anthropic (see ai.ts).
// Structured output: response_format json_schema (non-strict) and our own zod validation of the answer.
import 'server-only'
import OpenAI from 'openai'
import { z } from 'zod'
import { AppError } from '@/lib/errors'
import { callService } from '@/lib/external/call-service'
import { isLive, providerEnv } from '@/lib/external/config'
import { sandboxValueFor, seedOf } from '@/lib/external/sandbox'
import {
  invalidOutputProblems,
  type AnalyzeImageRequest,
  type AnalyzeImageResult,
  type TextRequest,
  type TextResult,
} from '@/lib/external/ai-types'

const DEFAULT_MODEL = 'gpt-5.4-mini'
const TIMEOUT_MS = 60_000
// Approximate list price (mini tier): $0.40 / $1.60 per million tokens → cents per token.
const costCents = (u?: { prompt_tokens: number; completion_tokens: number } | null) =>
  u ? u.prompt_tokens * 0.00004 + u.completion_tokens * 0.00016 : 0

const clients = new Map<string, OpenAI>()
function client(): { sdk: OpenAI; model: string } {
  const e = providerEnv()
  const key = `${e.OPENAI_API_KEY}|${e.OPENAI_BASE_URL ?? ''}`
  let sdk = clients.get(key)
  if (!sdk) {
    sdk = new OpenAI({ apiKey: e.OPENAI_API_KEY, baseURL: e.OPENAI_BASE_URL, maxRetries: 0, timeout: TIMEOUT_MS + 5_000 })
    clients.set(key, sdk)
  }
  return { sdk, model: e.OPENAI_MODEL ?? DEFAULT_MODEL }
}

export const isOpenAiLive = () => isLive('openai')

const usageOf = (c: OpenAI.Chat.ChatCompletion) => ({
  inputTokens: c.usage?.prompt_tokens ?? 0,
  outputTokens: c.usage?.completion_tokens ?? 0,
})

export async function generateText(req: TextRequest): Promise<TextResult> {
  if (!isOpenAiLive()) {
    return {
      text: `Sandbox answer ${seedOf('openai.text', req).slice(0, 8)}: ${req.prompt.slice(0, 120)}`,
      provider: 'openai',
      model: 'sandbox',
      usage: { inputTokens: 0, outputTokens: 0 },
      sandbox: true,
    }
  }
  const { sdk, model } = client()
  const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [
    ...(req.system ? [{ role: 'system' as const, content: req.system }] : []),
    { role: 'user', content: req.prompt },
  ]
  const c = await callService(
    { provider: 'openai', operation: 'chat.completions.create', idempotent: true, timeoutMs: TIMEOUT_MS, cost: (r) => costCents(r.usage) },
    (signal: AbortSignal) => sdk.chat.completions.create({ model, max_completion_tokens: req.maxTokens ?? 1024, messages }, { signal }),
  )
  return { text: c.choices[0]?.message?.content ?? '', provider: 'openai', model: c.model, usage: usageOf(c), sandbox: false }
}

export async function analyzeImage<T>(req: AnalyzeImageRequest<T>): Promise<AnalyzeImageResult<T>> {
  if (!isOpenAiLive()) {
    const seedImage = 'url' in req.image ? req.image.url : seedOf(req.image.base64)
    return {
      data: req.sandboxAnswer ? req.schema.parse(req.sandboxAnswer()) : sandboxValueFor(req.schema, 'openai.image', seedImage, req.prompt),
      provider: 'openai',
      model: 'sandbox',
      usage: { inputTokens: 0, outputTokens: 0 },
      sandbox: true,
    }
  }
  const { sdk, model } = client()
  const url = 'url' in req.image ? req.image.url : `data:${req.image.mediaType};base64,${req.image.base64}`
  const schema = z.toJSONSchema(req.schema, { target: 'draft-7' }) as Record<string, unknown>
  const c = await callService(
    {
      provider: 'openai',
      operation: 'chat.completions.create.image',
      idempotent: true,
      timeoutMs: TIMEOUT_MS,
      cost: (r) => costCents(r.usage),
    },
    (signal: AbortSignal) =>
      sdk.chat.completions.create(
        {
          model,
          max_completion_tokens: req.maxTokens ?? 1024,
          response_format: {
            type: 'json_schema',
            json_schema: { name: req.toolName ?? 'analysis', description: req.toolDescription, schema, strict: false },
          },
          messages: [
            ...(req.system ? [{ role: 'system' as const, content: req.system }] : []),
            {
              role: 'user',
              content: [
                { type: 'text', text: req.prompt },
                { type: 'image_url', image_url: { url } },
              ],
            },
          ],
        },
        { signal },
      ),
  )
  let raw: unknown
  let unparsable: string | undefined
  try {
    raw = JSON.parse(c.choices[0]?.message?.content ?? '')
  } catch {
    raw = undefined
    unparsable = `the answer is not JSON (finish_reason ${c.choices[0]?.finish_reason ?? 'none'})`
  }
  const parsed = req.schema.safeParse(raw)
  if (!parsed.success) {
    throw new AppError('UPSTREAM_FAILED', 'The AI answer did not match the expected shape', {
      details: {
        provider: 'openai',
        operation: 'chat.completions.create.image',
        reason: 'invalid_output',
        issues: parsed.error.issues.length,
        problems: unparsable ? [unparsable] : invalidOutputProblems(parsed.error),
        model: c.model,
        usage: usageOf(c),
      },
    })
  }
  return { data: parsed.data, provider: 'openai', model: c.model, usage: usageOf(c), sandbox: false }
}

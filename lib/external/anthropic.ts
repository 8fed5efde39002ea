// Anthropic (Messages API) through the official SDK. Structured output = one forced tool whose input schema is
// the caller's zod schema; the tool input is validated with that schema. Callers normally use ai.ts, which
// falls back to OpenAI when Anthropic is unavailable.
import 'server-only'
import Anthropic from '@anthropic-ai/sdk'
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

const DEFAULT_MODEL = 'claude-sonnet-4-6'
const TIMEOUT_MS = 60_000
// Approximate list price (Sonnet): $3 / $15 per million tokens → cents per token.
const costCents = (u: { input_tokens: number; output_tokens: number }) => u.input_tokens * 0.0003 + u.output_tokens * 0.0015

const clients = new Map<string, Anthropic>()
function client(): { sdk: Anthropic; model: string } {
  const e = providerEnv()
  const key = `${e.ANTHROPIC_API_KEY}|${e.ANTHROPIC_BASE_URL ?? ''}`
  let sdk = clients.get(key)
  if (!sdk) {
    // maxRetries 0: callService owns retries. The SDK timeout is only a backstop behind ours.
    sdk = new Anthropic({ apiKey: e.ANTHROPIC_API_KEY, baseURL: e.ANTHROPIC_BASE_URL, maxRetries: 0, timeout: TIMEOUT_MS + 5_000 })
    clients.set(key, sdk)
  }
  return { sdk, model: e.ANTHROPIC_MODEL ?? DEFAULT_MODEL }
}

export const isAnthropicLive = () => isLive('anthropic')

export async function generateText(req: TextRequest): Promise<TextResult> {
  if (!isAnthropicLive()) {
    const seed = seedOf('anthropic.text', req)
    return {
      text: `Sandbox answer ${seed.slice(0, 8)}: ${req.prompt.slice(0, 120)}`,
      provider: 'anthropic',
      model: 'sandbox',
      usage: { inputTokens: 0, outputTokens: 0 },
      sandbox: true,
    }
  }
  const { sdk, model } = client()
  const msg = await callService(
    { provider: 'anthropic', operation: 'messages.create', idempotent: true, timeoutMs: TIMEOUT_MS, cost: (m) => costCents(m.usage) },
    (signal: AbortSignal) =>
      sdk.messages.create(
        {
          model,
          max_tokens: req.maxTokens ?? 1024,
          system: req.system,
          messages: [{ role: 'user', content: req.prompt }],
        },
        { signal },
      ),
  )
  const text = msg.content.flatMap((b) => (b.type === 'text' ? [b.text] : [])).join('')
  return {
    text,
    provider: 'anthropic',
    model: msg.model,
    usage: { inputTokens: msg.usage.input_tokens, outputTokens: msg.usage.output_tokens },
    sandbox: false,
  }
}

export async function analyzeImage<T>(req: AnalyzeImageRequest<T>): Promise<AnalyzeImageResult<T>> {
  if (!isAnthropicLive()) {
    const seedImage = 'url' in req.image ? req.image.url : seedOf(req.image.base64)
    return {
      data: req.sandboxAnswer
        ? req.schema.parse(req.sandboxAnswer())
        : sandboxValueFor(req.schema, 'anthropic.image', seedImage, req.prompt),
      provider: 'anthropic',
      model: 'sandbox',
      usage: { inputTokens: 0, outputTokens: 0 },
      sandbox: true,
    }
  }
  const { sdk, model } = client()
  const source =
    'url' in req.image
      ? { type: 'url' as const, url: req.image.url }
      : { type: 'base64' as const, media_type: req.image.mediaType, data: req.image.base64 }
  const inputSchema = z.toJSONSchema(req.schema, { target: 'draft-7' }) as Anthropic.Tool.InputSchema
  const toolName = req.toolName ?? 'record_analysis'
  const msg = await callService(
    { provider: 'anthropic', operation: 'messages.create.image', idempotent: true, timeoutMs: TIMEOUT_MS, cost: (m) => costCents(m.usage) },
    (signal: AbortSignal) =>
      sdk.messages.create(
        {
          model,
          max_tokens: req.maxTokens ?? 1024,
          system: req.system,
          tools: [{ name: toolName, description: req.toolDescription ?? 'Record the analysis of the image', input_schema: inputSchema }],
          tool_choice: { type: 'tool', name: toolName },
          messages: [
            {
              role: 'user',
              content: [
                { type: 'image', source },
                { type: 'text', text: req.prompt },
              ],
            },
          ],
        },
        { signal },
      ),
  )
  const tool = msg.content.find((b) => b.type === 'tool_use' && b.name === toolName)
  const parsed = req.schema.safeParse(tool && 'input' in tool ? tool.input : undefined)
  if (!parsed.success) {
    // model, usage and the problems travel with the error: the tokens were spent, and the caller may record why.
    throw new AppError('UPSTREAM_FAILED', 'The AI answer did not match the expected shape', {
      details: {
        provider: 'anthropic',
        operation: 'messages.create.image',
        reason: 'invalid_output',
        issues: parsed.error.issues.length,
        problems: tool ? invalidOutputProblems(parsed.error) : [`no ${toolName} tool call (stop_reason ${msg.stop_reason})`],
        model: msg.model,
        usage: { inputTokens: msg.usage.input_tokens, outputTokens: msg.usage.output_tokens },
      },
    })
  }
  return {
    data: parsed.data,
    provider: 'anthropic',
    model: msg.model,
    usage: { inputTokens: msg.usage.input_tokens, outputTokens: msg.usage.output_tokens },
    sandbox: false,
  }
}

// The AI entry point for the rest of the app: Anthropic first, OpenAI as the automatic fallback when Anthropic
// is unavailable (breaker open, kill switch, retries exhausted on 5xx/529/timeouts, spend limit reached).
// A 4xx that is our request's fault (bad input, invalid output shape) is not retried on the other provider.
import 'server-only'
import { AppError } from '@/lib/errors'
import * as anthropic from '@/lib/external/anthropic'
import * as openai from '@/lib/external/openai'
import { providerState } from '@/lib/external/config'
import { log } from '@/lib/logger'
import type { AnalyzeImageRequest, AnalyzeImageResult, TextRequest, TextResult } from '@/lib/external/ai-types'

export type { AnalyzeImageRequest, AnalyzeImageResult, TextRequest, TextResult, ImageInput } from '@/lib/external/ai-types'

const FALLBACK_REASONS = new Set([
  'circuit_open',
  'kill_switch',
  'bulkhead_full',
  'server_error',
  'overloaded',
  'timeout',
  'connection_refused',
  'connection_lost',
  'malformed_response',
  'rate_limited',
  'spend_limit',
])

export function shouldFallBack(err: unknown): boolean {
  if (!(err instanceof AppError)) return false
  if (err.code === 'UPSTREAM_TIMEOUT' || err.code === 'UPSTREAM_UNAVAILABLE') return true
  const reason = (err.details as { reason?: string } | undefined)?.reason
  return err.code === 'UPSTREAM_FAILED' && !!reason && FALLBACK_REASONS.has(reason)
}

async function withFallback<R>(operation: string, primary: () => Promise<R>, secondary: () => Promise<R>): Promise<R> {
  const a = providerState('anthropic').status
  const o = providerState('openai').status
  const openAiUsable = o === 'live' || o === 'misconfigured'
  // Anthropic switched off (or only OpenAI configured): go straight to OpenAI.
  if ((a === 'disabled' || a === 'sandbox') && openAiUsable) return secondary()
  try {
    return await primary()
  } catch (err) {
    if (!openAiUsable || !shouldFallBack(err)) throw err
    log().warn({ operation, reason: (err as AppError).details }, 'anthropic unavailable: falling back to openai')
    return secondary()
  }
}

export function generateText(req: TextRequest): Promise<TextResult> {
  return withFallback(
    'generateText',
    () => anthropic.generateText(req),
    () => openai.generateText(req),
  )
}

export function analyzeImage<T>(req: AnalyzeImageRequest<T>): Promise<AnalyzeImageResult<T>> {
  return withFallback(
    'analyzeImage',
    () => anthropic.analyzeImage(req),
    () => openai.analyzeImage(req),
  )
}

// Shared request/result shapes of the AI providers (anthropic.ts, openai.ts) and the orchestrator ai.ts.
import 'server-only'
import type { z } from 'zod'

export interface TextRequest {
  system?: string
  prompt: string
  maxTokens?: number
}

export type ImageInput = { base64: string; mediaType: 'image/png' | 'image/jpeg' | 'image/webp' | 'image/gif' } | { url: string }

export interface AnalyzeImageRequest<T> {
  image: ImageInput
  prompt: string
  /** the answer must satisfy this schema (validated; a mismatch is UPSTREAM_FAILED reason invalid_output) */
  schema: z.ZodType<T>
  system?: string
  maxTokens?: number
}

export interface AiUsage {
  inputTokens: number
  outputTokens: number
}
export interface TextResult {
  text: string
  provider: 'anthropic' | 'openai'
  model: string
  usage: AiUsage
  sandbox: boolean
}
export interface AnalyzeImageResult<T> {
  data: T
  provider: 'anthropic' | 'openai'
  model: string
  usage: AiUsage
  sandbox: boolean
}

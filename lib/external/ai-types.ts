// Shared request/result shapes (and one helper) of the AI providers (anthropic.ts, openai.ts) and the orchestrator ai.ts.
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
  /** name of the forced tool (Anthropic) and of the json_schema (OpenAI); default `record_analysis` */
  toolName?: string
  toolDescription?: string
  /** the caller's deterministic answer in sandbox mode (no key), validated with `schema` like a real one;
   * default: a value shaped by the schema (sandboxValueFor), which cannot honour cross-field rules */
  sandboxAnswer?: () => T
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

/** The first few problems of an AI answer that broke its schema, as short "path: message" lines (error details). */
export function invalidOutputProblems(err: z.ZodError, max = 5): string[] {
  return err.issues.slice(0, max).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`.slice(0, 200))
}

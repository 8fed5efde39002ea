// One roof assessment attempt: size the image, ask the vision model through lib/external/ai.ts (Anthropic with a
// forced record_roof_assessment tool; OpenAI when Anthropic is down; the sandbox answer without keys), validate.
// A malformed answer or a low-confidence one is an OUTCOME the pipeline records and decides on
// (decide-assessment.ts: retried once, then needs_review); a provider outage still throws the AppError from
// call-service, which the pipeline's job retries like any other provider failure.
import 'server-only'
import { createHash } from 'node:crypto'
import { AppError, reasonOf } from '@/lib/errors'
import { analyzeImage } from '@/lib/external/ai'
import type { AiUsage } from '@/lib/external/ai-types'
import { prepareImage } from '@/lib/vision/prepare-image'
import {
  ROOF_TOOL_DESCRIPTION,
  ROOF_TOOL_NAME,
  roofAssessmentSchema,
  toRoofAssessment,
  type RoofAssessment,
} from '@/lib/vision/roof-assessment'
import { ROOF_PROMPT_VERSION, ROOF_SYSTEM_PROMPT, buildRoofPrompt, type RoofPromptContext } from '@/lib/vision/roof-prompt'
import { sandboxRoofAssessment } from '@/lib/vision/sandbox-assessment'

/** Below this the answer is a guess: retried once, then a manager reviews it (PRODUCT.md §5.1). */
export const MIN_CONFIDENCE = 0.5
/** Room for four indicators with evidence and 400 characters of reasoning, with margin (a cut-off answer is malformed). */
const MAX_OUTPUT_TOKENS = 1500

export interface AssessRoofInput {
  image: { bytes: Uint8Array; contentType: string }
  context?: RoofPromptContext
}

interface AttemptMeta {
  provider: 'anthropic' | 'openai'
  model: string
  promptVersion: string
  usage: AiUsage
  sandbox: boolean
}
export type InvalidAssessmentReason = 'malformed' | 'low_confidence'
export type RoofAssessmentOutcome =
  | ({ outcome: 'assessed'; assessment: RoofAssessment } & AttemptMeta)
  | ({
      outcome: 'invalid'
      reason: InvalidAssessmentReason
      /** what was wrong, for the review queue and the logs */
      detail: string
      /** the answer itself when it was well-formed (low confidence): shown to the reviewer, never used as is */
      assessment?: RoofAssessment
    } & AttemptMeta)

export async function assessRoof({ image, context }: AssessRoofInput): Promise<RoofAssessmentOutcome> {
  const sha256 = createHash('sha256').update(image.bytes).digest('hex')
  const prepared = await prepareImage(image.bytes, image.contentType)
  let result
  try {
    result = await analyzeImage({
      image: prepared.image,
      system: ROOF_SYSTEM_PROMPT,
      prompt: buildRoofPrompt(context),
      schema: roofAssessmentSchema,
      toolName: ROOF_TOOL_NAME,
      toolDescription: ROOF_TOOL_DESCRIPTION,
      maxTokens: MAX_OUTPUT_TOKENS,
      sandboxAnswer: () => sandboxRoofAssessment(sha256),
    })
  } catch (err) {
    if (err instanceof AppError && reasonOf(err) === 'invalid_output') return malformed(err)
    throw err
  }
  const meta: AttemptMeta = {
    provider: result.provider,
    model: result.model,
    promptVersion: ROOF_PROMPT_VERSION,
    usage: result.usage,
    sandbox: result.sandbox,
  }
  const assessment = toRoofAssessment(result.data)
  if (assessment.confidence < MIN_CONFIDENCE)
    return {
      outcome: 'invalid',
      reason: 'low_confidence',
      detail: `confidence ${assessment.confidence} is below ${MIN_CONFIDENCE}`,
      assessment,
      ...meta,
    }
  return { outcome: 'assessed', assessment, ...meta }
}

function malformed(err: AppError): RoofAssessmentOutcome {
  const d = (err.details ?? {}) as { provider?: string; model?: string; usage?: AiUsage; problems?: string[]; issues?: number }
  const problems = d.problems?.length ? d.problems.join('; ') : `${d.issues ?? 'unknown number of'} schema issues`
  return {
    outcome: 'invalid',
    reason: 'malformed',
    detail: `the answer did not match ${ROOF_TOOL_NAME}: ${problems}`.slice(0, 1000),
    provider: d.provider === 'openai' ? 'openai' : 'anthropic',
    model: d.model ?? 'unknown',
    promptVersion: ROOF_PROMPT_VERSION,
    usage: d.usage ?? { inputTokens: 0, outputTokens: 0 },
    sandbox: false,
  }
}

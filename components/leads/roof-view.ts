// Reading a stored roof assessment for display, and the words the roof panel and the review queue share. Stored
// results were validated when written, but a page must never crash on an old or hand-edited row: anything that
// does not read as an assessment is shown as "no findings", not guessed at.
import { z } from 'zod'
import {
  CONDITION_BANDS,
  INDICATOR_LABELS,
  INDICATOR_TYPES,
  MATERIAL_LABELS,
  ROOF_MATERIALS,
  ROOF_SHAPES,
  SEVERITIES,
  UNABLE_TO_ASSESS_LABELS,
  UNABLE_TO_ASSESS_REASONS,
  type ConditionBand,
  type RoofAssessment,
  type RoofShape,
  type Severity,
} from '@/lib/vision/roof-assessment'

const storedAssessmentSchema = z.object({
  roofVisible: z.boolean(),
  unableToAssessReason: z.enum(UNABLE_TO_ASSESS_REASONS).nullable().catch(null),
  material: z.enum(ROOF_MATERIALS).catch('unknown'),
  shape: z.enum(ROOF_SHAPES).catch('unknown'),
  conditionScore: z.number().min(0).max(100).nullable().catch(null),
  conditionBand: z.enum(CONDITION_BANDS).nullable().catch(null),
  indicators: z.array(z.object({ type: z.enum(INDICATOR_TYPES), severity: z.enum(SEVERITIES), evidence: z.string() })).catch([]),
  confidence: z.number().min(0).max(1),
  reasoning: z.string().catch(''),
})

/** A stored `roof_assessments.result` as the domain type, or null when it is missing or unreadable. */
export function readRoofAssessment(json: unknown): RoofAssessment | null {
  const parsed = storedAssessmentSchema.safeParse(json)
  return parsed.success ? parsed.data : null
}

export const SHAPE_LABELS: Readonly<Record<RoofShape, string>> = {
  gable: 'Gable',
  hip: 'Hip',
  flat: 'Flat',
  complex: 'Complex',
  unknown: 'Unknown',
}
export const CONDITION_BAND_LABELS: Readonly<Record<ConditionBand, string>> = {
  excellent: 'Excellent',
  good: 'Good',
  fair: 'Fair',
  poor: 'Poor',
  severe: 'Severe',
}
export const SEVERITY_LABELS: Readonly<Record<Severity, string>> = { low: 'Low', med: 'Medium', high: 'High' }
/** worst first, so the list reads from what matters most */
export const SEVERITY_ORDER: Readonly<Record<Severity, number>> = { high: 0, med: 1, low: 2 }

export const indicatorLabel = (t: string) => (INDICATOR_LABELS as Record<string, string>)[t] ?? t.replace(/_/g, ' ')
export const materialLabel = (m: string) => (MATERIAL_LABELS as Record<string, string>)[m] ?? m.replace(/_/g, ' ')
export const unableLabel = (r: string | null) =>
  r ? ((UNABLE_TO_ASSESS_LABELS as Record<string, string>)[r] ?? r.replace(/_/g, ' ')) : 'Reason not given'

/** Same words as the score breakdown's confidence. */
export const confidenceWord = (c: number) => (c >= 0.8 ? 'high' : c >= 0.6 ? 'medium' : 'low')
export const formatConfidence = (c: number) => `${Math.round(c * 100)} % (${confidenceWord(c)})`

const IMAGERY_PROVIDERS: Record<string, string> = {
  mapbox: 'Mapbox satellite',
  google: 'Google Maps satellite',
  sandbox: 'Sandbox (generated sample image)',
}
export const imageryProviderLabel = (p: string) => IMAGERY_PROVIDERS[p] ?? p

const VISION_PROVIDERS: Record<string, string> = { anthropic: 'Anthropic Claude', openai: 'OpenAI', reviewer: 'a manager (review)' }
/** Who produced the assessment: a sandbox run names no model, since none looked at the image. */
export function assessedByLabel(a: { provider: string; model: string; sandbox: boolean }): string {
  if (a.sandbox) return 'the sandbox analyser (simulated, no AI call)'
  if (a.provider === 'reviewer') return VISION_PROVIDERS.reviewer
  return `${VISION_PROVIDERS[a.provider] ?? a.provider} (${a.model})`
}

/** "0.12 m" / "1.5 m": ground distance one pixel covers. */
export function formatMetresPerPixel(m: number | null | undefined): string | null {
  if (m == null || !Number.isFinite(m) || m <= 0) return null
  return `${m < 1 ? m.toFixed(2) : m.toFixed(1)} m per pixel`
}

/** The findings worst first (stable within a severity). */
export function sortIndicators<T extends { severity: Severity }>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity])
}

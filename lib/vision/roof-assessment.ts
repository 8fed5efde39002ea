// The ONE roof-assessment vocabulary (REFERENCE.md §4.5): the tool `record_roof_assessment` the vision model is
// forced to call, its zod schema (the tool's JSON schema is derived from it, so the two cannot drift), the
// cross-field rules, and the camelCase domain type the rest of the app stores and shows.
// The indicator list mirrors Nearmap's Roof Spotlight Index inputs, `unable_to_assess` mirrors Spotr, a
// confidence with reasons mirrors CAPE. Isomorphic (zod only): the review form and the roof panel use its labels.
import { z } from 'zod'

export const UNABLE_TO_ASSESS_REASONS = [
  'occluded_trees',
  'low_resolution',
  'shadows',
  'multiple_buildings',
  'no_roof',
  'imagery_artifact',
] as const
export const ROOF_MATERIALS = [
  'asphalt_shingle',
  'architectural_shingle',
  'metal',
  'tile',
  'slate',
  'flat_membrane',
  'wood_shake',
  'unknown',
] as const
export const ROOF_SHAPES = ['gable', 'hip', 'flat', 'complex', 'unknown'] as const
export const CONDITION_BANDS = ['excellent', 'good', 'fair', 'poor', 'severe'] as const
export const INDICATOR_TYPES = [
  'missing_shingles',
  'granule_loss_or_wear',
  'discoloration_staining',
  'moss_algae',
  'ponding',
  'rust',
  'tarp',
  'patching',
  'exposed_deck',
  'debris',
  'sagging',
] as const
export const SEVERITIES = ['low', 'med', 'high'] as const

export type UnableToAssessReason = (typeof UNABLE_TO_ASSESS_REASONS)[number]
export type RoofMaterial = (typeof ROOF_MATERIALS)[number]
export type RoofShape = (typeof ROOF_SHAPES)[number]
export type ConditionBand = (typeof CONDITION_BANDS)[number]
export type IndicatorType = (typeof INDICATOR_TYPES)[number]
export type Severity = (typeof SEVERITIES)[number]

/**
 * Condition bands over condition_score (100 = like new, 0 = failed; higher is BETTER, as in Nearmap's Roof
 * Condition score — the lead score inverts it). Lower bound inclusive, each band up to the next one's bound.
 */
export const CONDITION_BAND_MIN: Readonly<Record<ConditionBand, number>> = {
  excellent: 85,
  good: 70,
  fair: 50,
  poor: 30,
  severe: 0,
}
/** A band one step off is still accepted this close to the boundary: a model calling 71 "fair" made a
 * judgement call, not a malformed answer. Further off, the answer contradicts itself and is rejected. */
export const BAND_BOUNDARY_SLACK = 5

export function bandForScore(score: number): ConditionBand {
  return CONDITION_BANDS.find((b) => score >= CONDITION_BAND_MIN[b]) ?? 'severe'
}

function bandRange(band: ConditionBand): [number, number] {
  const i = CONDITION_BANDS.indexOf(band)
  return [CONDITION_BAND_MIN[band], i === 0 ? 100 : CONDITION_BAND_MIN[CONDITION_BANDS[i - 1]] - 1]
}

/** True when the band is the score's band, or the score is within BAND_BOUNDARY_SLACK of the band's range. */
export function bandMatchesScore(band: ConditionBand, score: number): boolean {
  const [lo, hi] = bandRange(band)
  return score >= lo - BAND_BOUNDARY_SLACK && score <= hi + BAND_BOUNDARY_SLACK
}

export const REASONING_MAX_CHARS = 400
export const EVIDENCE_MAX_CHARS = 300
export const MAX_INDICATORS = 12

const bandsText = CONDITION_BANDS.map((b) => `${b} ${bandRange(b)[0]}–${bandRange(b)[1]}`).join(', ')

export const roofIndicatorSchema = z.object({
  type: z.enum(INDICATOR_TYPES),
  severity: z
    .enum(SEVERITIES)
    .describe('low: cosmetic or a small area; med: a clear defect over part of a slope; high: active failure or a large area'),
  evidence: z
    .string()
    .min(1)
    .max(EVIDENCE_MAX_CHARS)
    .describe('What is visible and where, in plain words (e.g. "Dark streaks across most of the north slope")'),
})

/** The tool input exactly as the model sends it (snake_case, REFERENCE §4.5), before the cross-field rules. */
const roofAssessmentShape = z
  .object({
    roof_visible: z.boolean().describe('false when the roof of the building at the centre cannot be judged from this image'),
    unable_to_assess_reason: z
      .enum(UNABLE_TO_ASSESS_REASONS)
      .nullable()
      .optional()
      .describe('required when roof_visible is false; omit (or null) when the roof is visible'),
    material: z.enum(ROOF_MATERIALS).describe('unknown when it cannot be told from the image'),
    shape: z.enum(ROOF_SHAPES).describe('unknown when it cannot be told from the image'),
    condition_score: z.number().int().min(0).max(100).nullable().describe('100 = like new, 0 = failed; null when roof_visible is false'),
    condition_band: z
      .enum(CONDITION_BANDS)
      .nullable()
      .describe(`the band of condition_score: ${bandsText}; null when roof_visible is false`),
    indicators: z
      .array(roofIndicatorSchema)
      .max(MAX_INDICATORS)
      .describe('only damage visible in the image; empty when none is visible or the roof is not visible'),
    confidence: z.number().min(0).max(1).describe('calibrated 0–1: how likely the condition score and band are right'),
    reasoning: z
      .string()
      .min(1)
      .max(REASONING_MAX_CHARS)
      .describe(`the main facts behind the answer, at most ${REASONING_MAX_CHARS} characters`),
  })
  .describe('The assessment of the roof of the building at the centre of the aerial image')

export type RoofAssessmentWire = z.infer<typeof roofAssessmentShape>

/** Cross-field rules; each broken rule is one issue, so a rejected answer says exactly what was wrong. */
export function roofAssessmentIssues(v: RoofAssessmentWire): Array<{ path: string; message: string }> {
  const issues: Array<{ path: string; message: string }> = []
  if (!v.roof_visible) {
    if (!v.unable_to_assess_reason) issues.push({ path: 'unable_to_assess_reason', message: 'required when roof_visible is false' })
    if (v.indicators.length) issues.push({ path: 'indicators', message: 'must be empty when roof_visible is false' })
    // condition_score/band sent anyway for an invisible roof are ignored (toRoofAssessment drops them), not an error.
    return issues
  }
  if (v.unable_to_assess_reason) issues.push({ path: 'unable_to_assess_reason', message: 'only when roof_visible is false' })
  if (v.condition_score === null) issues.push({ path: 'condition_score', message: 'required when roof_visible is true' })
  if (v.condition_band === null) issues.push({ path: 'condition_band', message: 'required when roof_visible is true' })
  if (v.condition_score !== null && v.condition_band !== null && !bandMatchesScore(v.condition_band, v.condition_score))
    issues.push({
      path: 'condition_band',
      message: `${v.condition_band} does not match condition_score ${v.condition_score} (${bandForScore(v.condition_score)})`,
    })
  return issues
}

/** What the model must answer: the shape plus the cross-field rules (zod refinements are not part of the JSON
 * schema, so the tool schema below is the shape alone; the prompt and field descriptions state the rules). */
export const roofAssessmentSchema = roofAssessmentShape.superRefine((v, ctx) => {
  for (const i of roofAssessmentIssues(v)) ctx.addIssue({ code: 'custom', path: [i.path], message: i.message })
})

export const ROOF_TOOL_NAME = 'record_roof_assessment'
export const ROOF_TOOL_DESCRIPTION = 'Record the assessment of the roof of the building at the centre of the aerial image.'
/** The tool's input_schema as sent to Anthropic (and the json_schema sent to OpenAI): derived, never hand-written. */
export const roofAssessmentToolSchema = z.toJSONSchema(roofAssessmentSchema, { target: 'draft-7' }) as Record<string, unknown>

/** The domain shape (camelCase). Condition is null when the roof could not be assessed. */
export interface RoofIndicator {
  type: IndicatorType
  severity: Severity
  evidence: string
}
export interface RoofAssessment {
  roofVisible: boolean
  unableToAssessReason: UnableToAssessReason | null
  material: RoofMaterial
  shape: RoofShape
  conditionScore: number | null
  conditionBand: ConditionBand | null
  indicators: RoofIndicator[]
  confidence: number
  reasoning: string
}

/** Wire (validated) → domain. An invisible roof has no condition, whatever the model put there. */
export function toRoofAssessment(v: RoofAssessmentWire): RoofAssessment {
  const visible = v.roof_visible
  return {
    roofVisible: visible,
    unableToAssessReason: visible ? null : (v.unable_to_assess_reason ?? null),
    material: v.material,
    shape: v.shape,
    conditionScore: visible ? v.condition_score : null,
    conditionBand: visible ? v.condition_band : null,
    indicators: v.indicators.map((i) => ({ type: i.type, severity: i.severity, evidence: i.evidence.trim() })),
    confidence: v.confidence,
    reasoning: v.reasoning.trim(),
  }
}

/** Domain → wire (the sandbox builds domain values; stored assessments can be re-validated this way). */
export function toRoofAssessmentWire(a: RoofAssessment): RoofAssessmentWire {
  return {
    roof_visible: a.roofVisible,
    ...(a.unableToAssessReason ? { unable_to_assess_reason: a.unableToAssessReason } : {}),
    material: a.material,
    shape: a.shape,
    condition_score: a.conditionScore,
    condition_band: a.conditionBand,
    indicators: a.indicators.map((i) => ({ ...i })),
    confidence: a.confidence,
    reasoning: a.reasoning,
  }
}

/** Plain-language labels for the lead page and the review queue. */
export const INDICATOR_LABELS: Readonly<Record<IndicatorType, string>> = {
  missing_shingles: 'Missing shingles',
  granule_loss_or_wear: 'Granule loss or wear',
  discoloration_staining: 'Discoloration or staining',
  moss_algae: 'Moss or algae',
  ponding: 'Ponding water',
  rust: 'Rust',
  tarp: 'Tarp',
  patching: 'Patching',
  exposed_deck: 'Exposed deck',
  debris: 'Debris',
  sagging: 'Sagging',
}
export const MATERIAL_LABELS: Readonly<Record<RoofMaterial, string>> = {
  asphalt_shingle: 'Asphalt shingle (3-tab)',
  architectural_shingle: 'Architectural shingle',
  metal: 'Metal',
  tile: 'Tile',
  slate: 'Slate',
  flat_membrane: 'Flat membrane',
  wood_shake: 'Wood shake',
  unknown: 'Unknown',
}
export const UNABLE_TO_ASSESS_LABELS: Readonly<Record<UnableToAssessReason, string>> = {
  occluded_trees: 'Trees cover the roof',
  low_resolution: 'Image resolution too low',
  shadows: 'Roof in shadow',
  multiple_buildings: 'Several buildings, unclear which is the property',
  no_roof: 'No roof at the centre of the image',
  imagery_artifact: 'Imagery artifact',
}

// The two components read from the AI's roof assessment: condition (42 %) and visible damage (10 %).
//
// Condition: a linear ramp on the AI's condition score (0 failed – 100 like new): 90 or better → 0 (no reason to
// replace), 20 or worse → 1 (as strong as it gets), e.g. 55 → 0.5. Then it is weighted by the assessment's
// confidence by pulling it toward the neutral middle: value = 0.5 + (ramp − 0.5) × confidence. A sure "severe"
// stays near 1, an unsure one lands nearer 0.5; an unsure "excellent" is not trusted to rule the roof out either.
//
// Visible damage: each indicator contributes impact(type) × severity and they combine as a noisy-OR,
// 1 − Π(1 − cᵢ): more findings or worse findings only ever raise it, it never exceeds 1, and one high tarp,
// exposed deck or missing-shingles finding dominates (0.9–1 alone) while a low stain alone stays small (0.09).
// No indicator on a visible roof is an observation (value 0), not a missing input.
import 'server-only'
import type { ComponentEvaluation, IndicatorSeverity, RoofAssessmentInput, RoofIndicator } from './types'
import { ROOF_INDICATOR_TYPES } from './types'
import { capitalize, clamp01, finiteOrNull, pct, quote, round } from './text'

const CONDITION_NO_NEED = 90
const CONDITION_FULL_NEED = 20

export function conditionRamp(conditionScore: number) {
  return clamp01((CONDITION_NO_NEED - conditionScore) / (CONDITION_NO_NEED - CONDITION_FULL_NEED))
}

/** Word for a condition score, same cut-offs as the vision tool's condition_band (REFERENCE.md §4.5). */
export function conditionWord(conditionScore: number) {
  return conditionScore >= 85
    ? 'excellent'
    : conditionScore >= 70
      ? 'good'
      : conditionScore >= 50
        ? 'fair'
        : conditionScore >= 30
          ? 'poor'
          : 'severe'
}

const UNABLE_REASONS: Record<string, string> = {
  occluded_trees: 'trees hide it',
  low_resolution: 'the image resolution is too low',
  shadows: 'shadows cover it',
  multiple_buildings: 'several buildings are in the image',
  no_roof: 'no roof was found in the image',
  imagery_artifact: 'the image has artifacts',
}

/** Why the assessment cannot be used, or null when it can. */
function unusable(assessment: RoofAssessmentInput | null): string | null {
  if (!assessment) return 'No roof assessment yet (no usable aerial image, or the analysis has not finished)'
  if (!assessment.roofVisible) {
    const why = assessment.unableToAssessReason ? UNABLE_REASONS[assessment.unableToAssessReason] : undefined
    return `The AI could not assess the roof${why ? ` (${why})` : ''}`
  }
  return null
}

export const aiConfidence = (a: RoofAssessmentInput) => round(clamp01(finiteOrNull(a.confidence) ?? 0), 3)

export function conditionComponent(assessment: RoofAssessmentInput | null): ComponentEvaluation {
  const why = unusable(assessment)
  if (why || !assessment) return { value: null, confidence: 0, reason: `${why}; left out of the score`, missing: ['roof_assessment'] }
  const cond = finiteOrNull(assessment.conditionScore)
  if (cond === null || cond < 0 || cond > 100) {
    return {
      value: null,
      confidence: 0,
      reason: 'The assessment has no valid condition score; left out of the score',
      missing: ['roof_assessment'],
    }
  }
  const c = aiConfidence(assessment)
  const score = Math.round(cond)
  return {
    value: round(clamp01(0.5 + (conditionRamp(score) - 0.5) * c), 3),
    confidence: c,
    reason: `Condition ${score}/100 (${conditionWord(score)}) on the aerial image; AI confidence ${pct(c)}`,
    missing: [],
  }
}

/** How much a finding of each type says "replace" (before severity). */
export const INDICATOR_IMPACT: Readonly<Record<(typeof ROOF_INDICATOR_TYPES)[number], number>> = Object.freeze({
  tarp: 1,
  exposed_deck: 1,
  missing_shingles: 0.9,
  sagging: 0.9,
  ponding: 0.6,
  patching: 0.55,
  granule_loss_or_wear: 0.5,
  rust: 0.5,
  moss_algae: 0.4,
  discoloration_staining: 0.3,
  debris: 0.2,
})
export const SEVERITY_FACTOR: Readonly<Record<IndicatorSeverity, number>> = Object.freeze({ low: 0.3, med: 0.6, high: 1 })
const UNKNOWN_TYPE_IMPACT = 0.3

export const INDICATOR_LABELS: Readonly<Record<(typeof ROOF_INDICATOR_TYPES)[number], string>> = Object.freeze({
  missing_shingles: 'missing shingles',
  granule_loss_or_wear: 'granule loss or wear',
  discoloration_staining: 'staining',
  moss_algae: 'moss or algae',
  ponding: 'ponding water',
  rust: 'rust',
  tarp: 'tarp',
  patching: 'patching',
  exposed_deck: 'exposed deck',
  debris: 'debris',
  sagging: 'sagging',
})
const SEVERITY_WORD: Record<IndicatorSeverity, string> = { low: 'low', med: 'medium', high: 'high' }

const impactOf = (i: RoofIndicator) =>
  ((INDICATOR_IMPACT as Record<string, number>)[i.type] ?? UNKNOWN_TYPE_IMPACT) * (SEVERITY_FACTOR[i.severity] ?? SEVERITY_FACTOR.low)
const typeRank = (t: string) => {
  const k = (ROOF_INDICATOR_TYPES as readonly string[]).indexOf(t)
  return k < 0 ? ROOF_INDICATOR_TYPES.length : k
}

/** Indicators, strongest first; ties broken by vocabulary order then evidence, so reasons are deterministic. */
export function rankIndicators(indicators: readonly RoofIndicator[]) {
  return [...indicators].sort(
    (a, b) =>
      impactOf(b) - impactOf(a) || typeRank(a.type) - typeRank(b.type) || (a.evidence < b.evidence ? -1 : a.evidence > b.evidence ? 1 : 0),
  )
}

export function damageValue(indicators: readonly RoofIndicator[]) {
  return round(1 - indicators.reduce((keep, i) => keep * (1 - clamp01(impactOf(i))), 1), 3)
}

const SHOWN = 3
export function describeIndicator(i: RoofIndicator) {
  const label = (INDICATOR_LABELS as Record<string, string>)[i.type] ?? i.type.replace(/_/g, ' ')
  const q = quote(i.evidence ?? '')
  return `${capitalize(label)} (${SEVERITY_WORD[i.severity] ?? i.severity})${q ? `: ${q}` : ''}`
}

export function damageComponent(assessment: RoofAssessmentInput | null): ComponentEvaluation {
  const why = unusable(assessment)
  if (why || !assessment) return { value: null, confidence: 0, reason: `${why}; left out of the score`, missing: ['roof_assessment'] }
  const indicators = Array.isArray(assessment.indicators) ? assessment.indicators : []
  const c = aiConfidence(assessment)
  if (!indicators.length) return { value: 0, confidence: c, reason: 'No damage visible on the aerial image', missing: [] }
  const ranked = rankIndicators(indicators)
  const more = ranked.length - SHOWN
  const reason =
    ranked.slice(0, SHOWN).map(describeIndicator).join('; ') + (more > 0 ? `; and ${more} more finding${more === 1 ? '' : 's'}` : '')
  return { value: damageValue(indicators), confidence: c, reason, missing: [] }
}

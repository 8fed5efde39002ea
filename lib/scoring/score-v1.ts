// Score v1 (PRODUCT.md §5.1): a pure function from the roof assessment, the property records and the contacts to
// a 0–100 score, its band, and one plain-language reason per component. No I/O; `now` is injected.
//
// Missing inputs (documented policy):
// - A missing component is left out, never guessed: its value is null, its reason says what is missing, and its
//   key goes into `missing`. The remaining weights are scaled up to sum to 1 (re-normalised), so the score is
//   the weighted average of what we know.
// - Confidence is Σ weight × component confidence over the components present, so every missing component lowers
//   it by its full weight (no assessment: at most 0.48); an assumed material or a year-built-only age lowers it
//   further (roof-age.ts).
// - With less than MIN_WEIGHT_PRESENT (25 %) of the weight present there is no score (null), only the reasons.
// - Without a usable roof assessment the score is capped at 79 (WARM): HOT alerts managers and must rest on a
//   look at the roof (MAX_SCORE_WITHOUT_ASSESSMENT).
import 'server-only'
import {
  bandOf,
  MAX_SCORE_WITHOUT_ASSESSMENT,
  MIN_WEIGHT_PRESENT,
  MISSING_INPUT_LABELS,
  SCORE_COMPONENT_KEYS,
  SCORE_COMPONENT_LABELS,
  SCORE_VERSION,
  SCORE_WEIGHTS,
  type MissingInput,
  type ScoreBand,
  type ScoreComponentKey,
} from './constants'
import type { ComponentEvaluation, ScoreV1Input } from './types'
import type { ScoreBreakdown } from './breakdown'
import { conditionComponent, damageComponent } from './assessment'
import { roofAgeComponent } from './roof-age'
import { contactComponent, propertyValueComponent } from './facts'
import { round } from './text'

export type ScoreV1Component = {
  key: ScoreComponentKey
  label: string
  weight: number
  value: number | null
  points: number
  maxPoints: number
  confidence: number
  reason: string
}

export type ScoreV1Result = ScoreBreakdown & {
  version: typeof SCORE_VERSION
  score: number | null
  band: ScoreBand | null
  components: ScoreV1Component[]
  missing: MissingInput[]
  notes: string[]
  scoredAt: string
}

export function scoreV1(input: ScoreV1Input & { sandbox?: boolean }): ScoreV1Result {
  const { assessment, property, contact, now } = input
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new TypeError('scoreV1: `now` must be a valid Date')
  const evals: Record<ScoreComponentKey, ComponentEvaluation> = {
    condition: conditionComponent(assessment),
    roofAge: roofAgeComponent({ assessment, property, now }),
    propertyValue: propertyValueComponent(property),
    damage: damageComponent(assessment),
    contact: contactComponent(contact),
  }
  const present = SCORE_COMPONENT_KEYS.filter((k) => evals[k].value !== null)
  const weightPresent = present.reduce((s, k) => s + SCORE_WEIGHTS[k], 0)
  const scorable = weightPresent >= MIN_WEIGHT_PRESENT - 1e-9
  const scale = scorable ? 1 / weightPresent : 0

  let raw = 0
  const components: ScoreV1Component[] = SCORE_COMPONENT_KEYS.map((key) => {
    const e = evals[key]
    const maxPoints = e.value === null ? 0 : SCORE_WEIGHTS[key] * scale * 100
    const points = e.value === null ? 0 : maxPoints * e.value
    raw += points
    return {
      key,
      label: SCORE_COMPONENT_LABELS[key],
      weight: SCORE_WEIGHTS[key],
      value: e.value,
      points: round(points, 1),
      maxPoints: round(maxPoints, 1),
      confidence: e.value === null ? 0 : e.confidence,
      reason: e.reason,
    }
  })

  const missingSet = new Set(SCORE_COMPONENT_KEYS.flatMap((k) => evals[k].missing))
  const missing = (Object.keys(MISSING_INPUT_LABELS) as MissingInput[]).filter((m) => missingSet.has(m))
  const confidence = round(
    present.reduce((s, k) => s + SCORE_WEIGHTS[k] * evals[k].confidence, 0),
    2,
  )

  const notes: string[] = []
  let score: number | null = null
  if (!scorable) {
    notes.push(`Not enough inputs to score: only ${Math.round(weightPresent * 100)} % of the model's weight has data`)
  } else {
    score = Math.max(0, Math.min(100, Math.round(raw)))
    if (present.length < SCORE_COMPONENT_KEYS.length) {
      notes.push(`Based on ${Math.round(weightPresent * 100)} % of the model: missing parts were left out and the other weights scaled up`)
    }
    if (evals.condition.value === null && score > MAX_SCORE_WITHOUT_ASSESSMENT) {
      score = MAX_SCORE_WITHOUT_ASSESSMENT
      notes.push(`Capped at ${MAX_SCORE_WITHOUT_ASSESSMENT}: a HOT score needs an assessment of the roof itself`)
    }
  }

  return {
    version: SCORE_VERSION,
    score,
    band: bandOf(score),
    confidence,
    components,
    missing,
    notes,
    scoredAt: now.toISOString(),
    ...(input.sandbox ? { sandbox: true } : {}),
  }
}

// Score v1 constants (PRODUCT.md §5.1): the version stored on every lead, the component weights, the bands.
// A change to any number here that changes a score is a new SCORE_VERSION, so old and new scores never mix.
import 'server-only'

export const SCORE_VERSION = 'v1'

export const SCORE_COMPONENT_KEYS = ['condition', 'roofAge', 'propertyValue', 'damage', 'contact'] as const
export type ScoreComponentKey = (typeof SCORE_COMPONENT_KEYS)[number]

/** The one place the weights live; they sum to 1 (unit-tested). */
export const SCORE_WEIGHTS: Readonly<Record<ScoreComponentKey, number>> = Object.freeze({
  condition: 0.42,
  roofAge: 0.25,
  propertyValue: 0.15,
  damage: 0.1,
  contact: 0.08,
})

export const SCORE_COMPONENT_LABELS: Readonly<Record<ScoreComponentKey, string>> = Object.freeze({
  condition: 'Roof condition',
  roofAge: 'Roof age',
  propertyValue: 'Property value',
  damage: 'Visible damage',
  contact: 'Contact confidence',
})

/** Same thresholds as the `leads` trigger and CHECK (migration 20261123100000_leads): HOT ≥ 80, WARM 60–79, COLD < 60. */
export const BAND_THRESHOLDS = Object.freeze({ HOT: 80, WARM: 60 })
export type ScoreBand = 'HOT' | 'WARM' | 'COLD'

export function bandOf(score: number | null): ScoreBand | null {
  if (score === null || !Number.isFinite(score)) return null
  return score >= BAND_THRESHOLDS.HOT ? 'HOT' : score >= BAND_THRESHOLDS.WARM ? 'WARM' : 'COLD'
}

/**
 * Inputs a score can lack, as stored in `breakdown.missing` (stable keys; the UI shows the labels).
 * `roof_material` is listed when the lifespan had to be assumed (the age component still counts).
 */
export const MISSING_INPUT_LABELS = Object.freeze({
  roof_assessment: 'Roof assessment from the aerial image',
  roof_age: 'Year built or roof age',
  roof_material: 'Roof material',
  property_value: 'Property value',
  contact: 'Owner contact details',
} as const)
export type MissingInput = keyof typeof MISSING_INPUT_LABELS

/**
 * Below this share of the total weight present, no score is given (score null): e.g. only the property value
 * and the contact (23 %) say nothing about the roof.
 */
export const MIN_WEIGHT_PRESENT = 0.25

/**
 * A HOT lead alerts the org's managers within a minute (PRODUCT.md §5.1), so HOT must rest on an actual look at
 * the roof: without a usable roof assessment the score is capped just below the HOT line.
 */
export const MAX_SCORE_WITHOUT_ASSESSMENT = BAND_THRESHOLDS.HOT - 1

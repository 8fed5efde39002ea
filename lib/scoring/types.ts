// Inputs of the score: what the AI saw on the aerial image, the property records, and the contacts found.
// The assessment mirrors the vision tool vocabulary of REFERENCE.md §4.5 (camelCase), so the pipeline passes
// its validated AI output through unchanged.
import 'server-only'
import type { MissingInput } from './constants'
import { INDICATOR_TYPES, SEVERITIES } from '@/lib/vision/roof-assessment'

// the one vocabulary of REFERENCE.md §4.5 lives in lib/vision/roof-assessment.ts; the score reads the same lists
export const ROOF_INDICATOR_TYPES = INDICATOR_TYPES
export type RoofIndicatorType = (typeof INDICATOR_TYPES)[number]

export const INDICATOR_SEVERITIES = SEVERITIES
export type IndicatorSeverity = (typeof SEVERITIES)[number]

export type RoofIndicator = { type: RoofIndicatorType; severity: IndicatorSeverity; evidence: string }

export type RoofAssessmentInput = {
  roofVisible: boolean
  /** why the AI could not assess (REFERENCE.md §4.5 `unable_to_assess_reason`), when roofVisible is false */
  unableToAssessReason?: string | null
  /** 0 (failed) – 100 (like new); null when not given */
  conditionScore: number | null
  /** vision vocabulary (asphalt_shingle, metal, …) or the Prisma RoofMaterial enum (ASPHALT_SHINGLE, …) */
  material?: string | null
  indicators: RoofIndicator[]
  /** the AI's confidence 0–1 in this assessment */
  confidence: number
}

export type PropertyFactsInput = {
  yearBuilt?: number | null
  /** a roof age from a source that knows it (e.g. a vendor's roof-age product); wins over year built */
  roofAgeYears?: number | null
  /** year of the last known re-roof (permit, record); wins over everything else */
  reroofYear?: number | null
  propertyValueCents?: number | null
  /** the record's material (Prisma enum or vision vocabulary); the AI's material wins when it saw the roof */
  material?: string | null
}

export type ContactFactsInput = {
  ownerNameKnown: boolean
  phones: number
  emails: number
  /** how many of the phones/emails were verified (deliverable, line type checked); null/undefined = not checked */
  verifiedPhones?: number | null
  verifiedEmails?: number | null
}

export type ScoreV1Input = {
  /** null when the AI could not assess (no image, failed analysis, review pending) */
  assessment: RoofAssessmentInput | null
  property: PropertyFactsInput | null
  /** null when no contact lookup was done */
  contact: ContactFactsInput | null
  /** injected clock (ages are computed against its UTC year) */
  now: Date
}

/** What each component function returns; score-v1.ts weighs these. */
export type ComponentEvaluation = {
  /** 0–1, higher = a stronger replacement prospect; null = the input is missing (the component is left out) */
  value: number | null
  /** how far this component's value can be trusted, 0–1 (0 when missing) */
  confidence: number
  /** plain language, built from the evidence; says what is missing when value is null */
  reason: string
  missing: MissingInput[]
}

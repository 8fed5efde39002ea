// Roof age component (25 %): how far the roof is through its material's service life.
//
// Age, best source first: a known re-roof year → a recorded roof age → the year built (assuming the original
// roof, which is a maximum: a re-roof we have no record of makes the roof younger, so confidence is lower, and
// lower still once the house is more than two lifespans old and a replacement is likely).
//
// Curve: with r = age / lifespan (materials.ts), value = logistic(8·(r − 0.75)) rescaled so that a new roof is 0.
// It stays near 0 for the first quarter of the life (r 0.25 → 0.02), is 0.5 at three quarters (asphalt: ~16
// years), ~0.88 at the end of the expected life and ~0.97 at 1.2×: roofs are replaced around the end of their
// life, not linearly over it. Because it depends on the ratio, the same age scores very differently by material
// (24-year-old asphalt 0.94, metal 0.11, slate 0.03).
import 'server-only'
import type { ComponentEvaluation, PropertyFactsInput, RoofAssessmentInput } from './types'
import type { MissingInput } from './constants'
import { ASSUMED_MATERIAL, MATERIAL_LABELS, MATERIAL_LIFESPAN_YEARS, materialClassOf, type MaterialClass } from './materials'
import { clamp01, finiteOrNull, round, yearsOld } from './text'

const STEEPNESS = 8
const MIDPOINT = 0.75
const logistic = (r: number) => 1 / (1 + Math.exp(-STEEPNESS * (r - MIDPOINT)))
const L0 = logistic(0)

/** 0–1, non-decreasing in age; 0 for a new roof. */
export function roofAgeValue(ageYears: number, lifespanYears: number) {
  const r = Math.max(0, ageYears) / lifespanYears
  return round(clamp01((logistic(r) - L0) / (1 - L0)), 3)
}

/** The AI's material when it saw the roof (the record may predate a re-roof), else the record's, else null. */
export function resolveMaterial(assessment: RoofAssessmentInput | null, property: PropertyFactsInput | null) {
  const seen = assessment?.roofVisible ? materialClassOf(assessment.material) : null
  return seen ?? materialClassOf(property?.material)
}

const EARLIEST_YEAR = 1800
const validYear = (y: unknown, nowYear: number) => {
  const n = finiteOrNull(y)
  return n !== null && Number.isInteger(n) && n >= EARLIEST_YEAR && n <= nowYear ? n : null
}

export function roofAgeComponent({
  assessment,
  property,
  now,
}: {
  assessment: RoofAssessmentInput | null
  property: PropertyFactsInput | null
  now: Date
}): ComponentEvaluation {
  const nowYear = now.getUTCFullYear()
  const known = resolveMaterial(assessment, property)
  const material: MaterialClass = known ?? ASSUMED_MATERIAL
  const life = MATERIAL_LIFESPAN_YEARS[material]
  const lifeText = known
    ? `${MATERIAL_LABELS[material]} lasts about ${life} years`
    : `material unknown, so an ${MATERIAL_LABELS[material]} life of about ${life} years is assumed`
  const missing: MissingInput[] = known ? [] : ['roof_material']
  const materialFactor = known ? 1 : 0.8

  const built = validYear(property?.yearBuilt, nowYear)
  const reroof = validYear(property?.reroofYear, nowYear)
  const recordedAge = finiteOrNull(property?.roofAgeYears)
  const ignored: string[] = []
  if (finiteOrNull(property?.yearBuilt) !== null && built === null) ignored.push(`year built ${property?.yearBuilt} is not a valid year`)
  if (finiteOrNull(property?.reroofYear) !== null && reroof === null)
    ignored.push(`re-roof year ${property?.reroofYear} is not a valid year`)

  let age: number | null = null
  let source = ''
  let confidence = 0
  if (reroof !== null && (built === null || reroof >= built)) {
    age = nowYear - reroof
    source = built !== null ? `built ${built}, re-roofed ${reroof}` : `re-roofed ${reroof}`
    confidence = 1
  } else if (recordedAge !== null && recordedAge >= 0 && recordedAge <= nowYear - EARLIEST_YEAR) {
    age = Math.round(recordedAge)
    source = built !== null ? `built ${built}; roof age on record` : 'roof age on record'
    confidence = 0.9
  } else if (built !== null) {
    age = nowYear - built
    const likelyReplaced = age > 2 * life
    source = likelyReplaced ? `built ${built}, no re-roof found; it may have been replaced since` : `built ${built}, no re-roof found`
    confidence = likelyReplaced ? 0.5 : 0.7
  }
  const note = ignored.length ? ` (${ignored.join('; ')})` : ''
  if (age === null) {
    return {
      value: null,
      confidence: 0,
      reason: `No year built, roof age or re-roof year on record${note}; left out of the score`,
      missing: ['roof_age', ...missing],
    }
  }
  const lead = age <= 0 ? 'Roof' : confidence < 0.6 ? 'Roof up to' : 'Roof about'
  return {
    value: roofAgeValue(age, life),
    confidence: round(confidence * materialFactor, 3),
    reason: `${lead} ${yearsOld(age)} (${source}); ${lifeText}${note}`,
    missing,
  }
}

// Demo scores: each demo lead's score, band and breakdown come from the real scorer (lib/scoring scoreV1) fed
// with a deterministic synthetic "sandbox" roof assessment (condition, indicators with evidence, confidence), the
// lead's year built, re-roof, value, material and contacts. The breakdown is flagged `sandbox: true` so the UI
// says "Sandbox analysis": no AI looked at a real roof. prisma/seed-roofs.ts stores that same assessment, with a
// synthetic aerial image dressed to match it, as the lead's roof image and findings.
//
// `latent` is the demo's old synthetic score (a roof's "need", 5–99, correlated with its age): it drives how worn
// the synthetic roof looks, so the HOT/WARM/COLD spread stays close to what the demo showed before (about 16/42/42 %).
import { createHash } from 'node:crypto'
import { mulberry32 } from '@/lib/mulberry32'
import { scoreV1, type ScoreV1Result } from '@/lib/scoring/score-v1'
import type { RoofAssessmentInput, RoofIndicator, RoofIndicatorType } from '@/lib/scoring/types'
import { ASSUMED_MATERIAL, MATERIAL_LIFESPAN_YEARS, materialClassOf } from '@/lib/scoring/materials'
import type { RoofMaterial } from '@/lib/generated/prisma/enums'

const DIRECTIONS = ['north', 'south', 'east', 'west', 'north-east', 'south-west', 'south-east', 'north-west']
const EVIDENCE: Record<RoofIndicatorType, (dir: string) => string> = {
  missing_shingles: (d) => `bare patches where shingles are missing on the ${d} slope`,
  granule_loss_or_wear: (d) => `dark, smooth areas from granule loss across the ${d} slope`,
  discoloration_staining: (d) => `dark streaks running down the ${d} slope`,
  moss_algae: (d) => `green growth along the ${d} eaves`,
  ponding: (d) => `standing water near the ${d} drain`,
  rust: (d) => `orange rust along the panel seams on the ${d} side`,
  tarp: (d) => `blue tarp covering part of the ${d} slope`,
  patching: (d) => `mismatched patch of newer material on the ${d} slope`,
  exposed_deck: (d) => `exposed decking visible on the ${d} slope`,
  debris: (d) => `branches and leaves collected in the ${d} valley`,
  sagging: (d) => `ridge line dips noticeably on the ${d} side`,
}
/** what can plausibly be seen on each material (tarp and exposed deck only on badly worn roofs) */
const POOLS: Record<string, RoofIndicatorType[]> = {
  shingle: ['granule_loss_or_wear', 'discoloration_staining', 'missing_shingles', 'moss_algae', 'patching', 'debris', 'sagging'],
  metal: ['rust', 'discoloration_staining', 'patching', 'debris', 'sagging'],
  tile: ['discoloration_staining', 'moss_algae', 'patching', 'debris', 'sagging'],
  flat: ['ponding', 'discoloration_staining', 'patching', 'debris'],
}
const SEVERE: Record<string, RoofIndicatorType[]> = {
  shingle: ['tarp', 'exposed_deck'],
  metal: ['tarp'],
  tile: ['tarp'],
  flat: ['tarp'],
}
const AI_MATERIAL: Record<RoofMaterial, string> = {
  ASPHALT_SHINGLE: 'asphalt_shingle',
  METAL: 'metal',
  TILE: 'tile',
  SLATE: 'slate',
  WOOD_SHAKE: 'wood_shake',
  FLAT_MEMBRANE: 'flat_membrane',
  OTHER: 'unknown',
  UNKNOWN: 'unknown',
}
const poolOf = (m: string) =>
  m === 'metal' ? 'metal' : m === 'tile' || m === 'slate' ? 'tile' : m === 'flat_membrane' ? 'flat' : 'shingle'

const clamp = (x: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, x))

/** A plausible sandbox assessment for one lead, deterministic in its id. */
export function sandboxAssessment({
  leadId,
  latent,
  material,
  roofAgeYears,
}: {
  leadId: string
  latent: number
  material: RoofMaterial
  roofAgeYears: number
}): RoofAssessmentInput {
  const rand = mulberry32(parseInt(createHash('sha256').update(`score:${leadId}`).digest('hex').slice(0, 8), 16))
  // roofs late in their material's life look worse (as they do), on top of the latent need
  const life = MATERIAL_LIFESPAN_YEARS[materialClassOf(material) ?? ASSUMED_MATERIAL]
  // (0.9 and 0.35 calibrated so the demo keeps its spread: 99 HOT / 245 WARM / 259 COLD vs 98 / 256 / 249 before)
  const need = clamp(0.9 * ((latent - 20) / 60) + 0.35 * Math.min(1.2, roofAgeYears / life), 0, 1)
  if (rand() < 0.03) {
    return {
      roofVisible: false,
      unableToAssessReason: rand() < 0.7 ? 'occluded_trees' : 'shadows',
      conditionScore: null,
      material: 'unknown',
      indicators: [],
      confidence: 0.9,
    }
  }
  const base = AI_MATERIAL[material]
  const aiMaterial = rand() < 0.05 ? 'unknown' : base === 'asphalt_shingle' && rand() < 0.4 ? 'architectural_shingle' : base
  const pool = poolOf(base)
  const candidates = [...POOLS[pool]!, ...(need > 0.7 ? SEVERE[pool]! : [])]
  const count = clamp(Math.floor(need * 4 + rand() * 1.5), 0, 5)
  const indicators: RoofIndicator[] = []
  const used = new Set<RoofIndicatorType>()
  for (let k = 0; k < count; k++) {
    const type = candidates[Math.floor(rand() * candidates.length)]!
    if (used.has(type)) continue
    used.add(type)
    const x = need + (rand() - 0.5) * 0.4
    indicators.push({
      type,
      severity: x > 0.75 ? 'high' : x > 0.45 ? 'med' : 'low',
      evidence: EVIDENCE[type](DIRECTIONS[Math.floor(rand() * DIRECTIONS.length)]!),
    })
  }
  return {
    roofVisible: true,
    conditionScore: Math.round(clamp(96 - need * 85 + (rand() - 0.5) * 14, 4, 99)),
    material: aiMaterial,
    indicators,
    confidence: Math.round((0.62 + rand() * 0.33) * 100) / 100,
  }
}

/** Score one demo lead with scoreV1; `roofAgeYears` below the house's age means a re-roof on record. */
export function demoLeadScore(l: {
  id: string
  latent: number
  yearBuilt: number
  roofAgeYears: number
  roofMaterial: RoofMaterial
  propertyValueCents: number
  hasEmail: boolean
  now: Date
}): { score: number | null; scoreVersion: string; scoreBreakdown: ScoreV1Result; assessment: RoofAssessmentInput } {
  const year = l.now.getUTCFullYear()
  const reroofYear = l.roofAgeYears < year - l.yearBuilt ? year - l.roofAgeYears : null
  // the same assessment is stored as the lead's roof_assessments row with its aerial image (prisma/seed-roofs.ts)
  const assessment = sandboxAssessment({ leadId: l.id, latent: l.latent, material: l.roofMaterial, roofAgeYears: l.roofAgeYears })
  const breakdown = scoreV1({
    assessment,
    property: { yearBuilt: l.yearBuilt, reroofYear, propertyValueCents: l.propertyValueCents, material: l.roofMaterial },
    contact: { ownerNameKnown: true, phones: 1, emails: l.hasEmail ? 1 : 0 },
    now: l.now,
    sandbox: true,
  })
  return { score: breakdown.score, scoreVersion: breakdown.version, scoreBreakdown: breakdown, assessment }
}

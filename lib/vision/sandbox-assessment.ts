// The sandbox roof assessment (no AI key): deterministic per image (keyed by its sha256, so the same image gets
// the same answer in every process and on every retry), plausible, and varied across properties: materials in
// rough US proportions, conditions across the whole range, 0–4 indicators that fit the material and the
// condition, confidence mostly 0.6–0.95 — and ~5 % low-confidence and ~3 % unable-to-assess answers, so the
// retry → needs_review path is exercised in the demo. It is returned through the provider's sandbox branch
// (lib/external/anthropic.ts), labelled sandbox, and never calls a provider.
import 'server-only'
import { seededRandom } from '@/lib/external/sandbox'
import {
  bandForScore,
  toRoofAssessmentWire,
  type IndicatorType,
  type RoofAssessment,
  type RoofAssessmentWire,
  type RoofMaterial,
  type RoofShape,
  type Severity,
  type UnableToAssessReason,
} from '@/lib/vision/roof-assessment'

export const SANDBOX_UNABLE_RATE = 0.03
export const SANDBOX_LOW_CONFIDENCE_RATE = 0.05

type Rnd = () => number
function pick<T>(rnd: Rnd, weighted: ReadonlyArray<readonly [T, number]>): T {
  const total = weighted.reduce((s, [, w]) => s + w, 0)
  let r = rnd() * total
  for (const [v, w] of weighted) if ((r -= w) < 0) return v
  return weighted[weighted.length - 1][0]
}
const between = (rnd: Rnd, lo: number, hi: number) => lo + rnd() * (hi - lo)
const round2 = (n: number) => Math.round(n * 100) / 100

const MATERIALS: ReadonlyArray<readonly [RoofMaterial, number]> = [
  ['architectural_shingle', 36],
  ['asphalt_shingle', 28],
  ['metal', 10],
  ['tile', 9],
  ['flat_membrane', 5],
  ['wood_shake', 4],
  ['slate', 3],
  ['unknown', 5],
]
const UNABLE: ReadonlyArray<readonly [UnableToAssessReason, number]> = [
  ['occluded_trees', 45],
  ['shadows', 20],
  ['low_resolution', 12],
  ['multiple_buildings', 10],
  ['imagery_artifact', 8],
  ['no_roof', 5],
]
/** Condition ranges and how often they occur: scans look for worn roofs, so the middle and low end are common. */
const CONDITION_RANGES: ReadonlyArray<readonly [[number, number], number]> = [
  [[85, 98], 12],
  [[70, 84], 22],
  [[50, 69], 34],
  [[30, 49], 22],
  [[8, 29], 10],
]

const SHINGLE: RoofMaterial[] = ['asphalt_shingle', 'architectural_shingle', 'unknown']
/** Which indicators a material can show (rust only on metal, ponding only on a flat roof, …). */
function indicatorPool(material: RoofMaterial, shape: RoofShape): IndicatorType[] {
  const pool: IndicatorType[] = ['discoloration_staining', 'debris', 'patching']
  if (SHINGLE.includes(material) || material === 'wood_shake')
    pool.push('missing_shingles', 'granule_loss_or_wear', 'moss_algae', 'exposed_deck')
  if (material === 'tile' || material === 'slate') pool.push('missing_shingles', 'moss_algae')
  if (material === 'metal') pool.push('rust')
  if (material === 'flat_membrane' || shape === 'flat') pool.push('ponding')
  return pool
}
/** Found on badly worn roofs only. */
const SEVERE_ONLY: IndicatorType[] = ['tarp', 'exposed_deck', 'sagging']

const WHERE = [
  'on the south-facing slope',
  'across the north slope',
  'along the eaves on the east side',
  'near the ridge line',
  'around the chimney',
  'over the garage section',
  'on the rear (west) slope',
  'near the valley where two sections meet',
]
const EVIDENCE: Record<IndicatorType, (where: string, s: Severity) => string> = {
  missing_shingles: (w, s) =>
    s === 'high' ? `Several bare patches where shingles are gone ${w}` : `A few lighter spots that look like missing shingles ${w}`,
  granule_loss_or_wear: (w, s) =>
    s === 'low' ? `Slightly uneven, faded shingle colour ${w}` : `Worn, blotchy shingle surface typical of granule loss ${w}`,
  discoloration_staining: (w, s) => (s === 'low' ? `Light streaking ${w}` : `Dark streaks and stains covering much of the roof ${w}`),
  moss_algae: (w, s) => (s === 'high' ? `Thick green growth ${w}` : `Green-tinged patches that look like moss or algae ${w}`),
  ponding: (w) => `Dark round patches where water appears to collect ${w}`,
  rust: (w, s) => (s === 'low' ? `Orange-brown spots on the panels ${w}` : `Rust-coloured streaks along the panel seams ${w}`),
  tarp: (w) => `A blue tarp covering part of the roof ${w}`,
  patching: (w) => `Shingles of a different colour where the roof was patched ${w}`,
  exposed_deck: (w) => `Bare wood decking showing through ${w}`,
  debris: (w) => `Branches and leaves collected ${w}`,
  sagging: (w) => `The roof line dips visibly ${w}`,
}

function severityFor(rnd: Rnd, score: number): Severity {
  if (score >= 70)
    return pick(rnd, [
      ['low', 8],
      ['med', 2],
    ] as const)
  if (score >= 50)
    return pick(rnd, [
      ['low', 4],
      ['med', 5],
      ['high', 1],
    ] as const)
  if (score >= 30)
    return pick(rnd, [
      ['low', 1],
      ['med', 5],
      ['high', 3],
    ] as const)
  return pick(rnd, [
    ['med', 3],
    ['high', 7],
  ] as const)
}

function indicatorsFor(rnd: Rnd, material: RoofMaterial, shape: RoofShape, score: number): RoofAssessment['indicators'] {
  // excellent 0, good 0–1, fair 1–2, poor 2–3, severe 3–4
  const band = bandForScore(score)
  const count = band === 'excellent' ? 0 : { good: 0, fair: 1, poor: 2, severe: 3 }[band] + Math.floor(rnd() * 2)
  const pool = indicatorPool(material, shape).filter((t) => score < 30 || !SEVERE_ONLY.includes(t))
  if (score < 30) pool.push(...SEVERE_ONLY.filter((t) => !pool.includes(t)))
  const chosen: IndicatorType[] = []
  while (chosen.length < Math.min(count, pool.length)) {
    const t = pool[Math.floor(rnd() * pool.length)]
    if (!chosen.includes(t)) chosen.push(t)
  }
  return chosen.map((type) => {
    const severity = severityFor(rnd, score)
    return { type, severity, evidence: EVIDENCE[type](WHERE[Math.floor(rnd() * WHERE.length)], severity) }
  })
}

function shapeFor(rnd: Rnd, material: RoofMaterial): RoofShape {
  if (material === 'flat_membrane') return 'flat'
  return pick(rnd, [
    ['gable', 42],
    ['hip', 34],
    ['complex', 18],
    ['flat', 2],
    ['unknown', 4],
  ] as const)
}

const NAMES: Record<RoofMaterial, string> = {
  asphalt_shingle: '3-tab asphalt shingle',
  architectural_shingle: 'Architectural shingle',
  metal: 'Metal',
  tile: 'Tile',
  slate: 'Slate',
  flat_membrane: 'Flat membrane',
  wood_shake: 'Wood shake',
  unknown: 'Roof of unclear material',
}

function reasoningFor(a: Omit<RoofAssessment, 'reasoning'>, lowConfidence: boolean): string {
  if (!a.roofVisible) return 'Sandbox analysis: the roof of the centre building cannot be judged from this image.'
  const shape = a.shape === 'unknown' ? 'roof' : `${a.shape} roof`
  const what = `${NAMES[a.material]} ${a.material === 'unknown' ? '' : shape}`.trim()
  const findings = a.indicators.length ? `${a.indicators.map((i) => i.type.replace(/_/g, ' ')).join(', ')} visible` : 'no visible damage'
  const caveat = lowConfidence ? ' The image is soft and partly shaded, so the condition is uncertain.' : ''
  return `Sandbox analysis: ${what}; ${findings}; ${a.conditionBand} condition.${caveat}`.slice(0, 400)
}

/** The deterministic sandbox answer for an image, in the tool's wire shape (validated like a real answer). */
export function sandboxRoofAssessment(imageSha256: string): RoofAssessmentWire {
  const rnd = seededRandom('vision.roof-assessment', imageSha256)
  const roll = rnd()
  if (roll < SANDBOX_UNABLE_RATE) {
    const base = {
      roofVisible: false,
      unableToAssessReason: pick(rnd, UNABLE),
      material: 'unknown' as const,
      shape: 'unknown' as const,
      conditionScore: null,
      conditionBand: null,
      indicators: [],
      confidence: round2(between(rnd, 0.7, 0.92)),
    }
    return toRoofAssessmentWire({ ...base, reasoning: reasoningFor(base, false) })
  }
  const lowConfidence = roll < SANDBOX_UNABLE_RATE + SANDBOX_LOW_CONFIDENCE_RATE
  const material = pick(rnd, MATERIALS)
  const shape = shapeFor(rnd, material)
  const [lo, hi] = pick(rnd, CONDITION_RANGES)
  const conditionScore = Math.round(between(rnd, lo, hi))
  // mostly 0.6–0.95, skewed to the middle (the mean of two draws); low-confidence answers 0.25–0.48
  const confidence = lowConfidence ? between(rnd, 0.25, 0.48) : 0.6 + ((rnd() + rnd()) / 2) * 0.35
  const base = {
    roofVisible: true,
    unableToAssessReason: null,
    material,
    shape,
    conditionScore,
    conditionBand: bandForScore(conditionScore),
    indicators: indicatorsFor(rnd, material, shape, conditionScore),
    confidence: round2(confidence),
  }
  return toRoofAssessmentWire({ ...base, reasoning: reasoningFor(base, lowConfidence) })
}

// Demo roofs: every demo lead gets what a sandbox scan would have left on it — an aerial image (the synthetic
// generator the sandbox imagery provider uses, lib/imagery/synthetic-aerial.ts) stored through lib/storage with the
// capture metadata a sandbox scan records (provider 'sandbox', Mapbox z19 ground resolution at the lead's latitude,
// size, sha256, the quality gate's measurements), and a `roof_assessments` row holding the very assessment the seed
// scored the lead with (prisma/seed-scores.ts), marked sandbox. The lead points at both (leads.roof_image_id,
// leads.roof_assessment_id): that is all the lead page, the image route and the REP visibility rule read, so no
// scan or scan_property is faked (roof_assessments.scan_property_id stays null, as it may).
//
// Fast: drawing a 640-px scene takes ~85 ms, too slow for 603 leads on every start. The roof's look only depends
// on a few things the findings say (demoRoofLook: material family, condition band, the most visible finding, or
// hidden by trees/shadow), and each lead stands on one of DEMO_ROOF_SCENES lots; each lot is drawn once and each
// look it needs is painted on a copy (~15 ms each, generateSyntheticAerialLooks): ~60 pictures for 603 leads.
// Leads with the same lot and look share the bytes: storage keys are content-addressed, so each is stored once.
// Idempotent: fixed row ids (createMany skipDuplicates), a lead is linked only while it has no roof data yet (a real
// scan's image is never replaced), and when every row exists and every object is in storage nothing is drawn.
import { createHash } from 'node:crypto'
import { db } from '@/lib/db'
import type { Prisma } from '@/lib/generated/prisma/client'
import { MAPBOX_DEFAULT_ZOOM, MAPBOX_TILE_SIZE } from '@/lib/external/mapbox'
import { assessImageQuality, type QualityAssessment } from '@/lib/imagery/quality-gate'
import { generateSyntheticAerialLooks, type SyntheticRoofLook, type SyntheticRoofShape } from '@/lib/imagery/synthetic-aerial'
import { metresPerPixel } from '@/lib/imagery/web-mercator'
import type { RoofAssessmentInput } from '@/lib/scoring/types'
import { aerialImageKey, getObject, putObject } from '@/lib/storage/image-storage'
import {
  bandForScore,
  roofAssessmentSchema,
  toRoofAssessment,
  toRoofAssessmentWire,
  type RoofAssessment,
  type RoofMaterial,
  type RoofShape,
  type UnableToAssessReason,
} from '@/lib/vision/roof-assessment'

/** provider / model / prompt version of the demo's assessment rows: no AI and no prompt produced them */
export const DEMO_ROOF_PROVIDER = 'sandbox'
export const DEMO_ROOF_MODEL = 'demo-seed'
export const DEMO_ROOF_PROMPT_VERSION = 'demo-seed-v1'
/** the sandbox scene size (lib/external/mapbox.ts sandbox branch: 640×640 at z19 without @2x) */
const SIZE = 640
/** how many different lots the demo's houses stand on */
export const DEMO_ROOF_SCENES = 8
/** a look shared by many leads is spread over more lots: one more lot per this many leads (up to all of them) */
const LEADS_PER_PICTURE = 20

export interface DemoRoofLead {
  id: string
  lat: number
  lng: number
  createdAt: Date
  /** the synthetic assessment the lead was scored with */
  assessment: RoofAssessmentInput
}

/** deterministic uuid (v4-shaped) from a name; its own namespace, so no id of prisma/seed-leads.ts can collide */
function roofUuid(name: string): string {
  const h = createHash('sha256').update(`fishmouth-demo-roof:${name}`).digest('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`
}
export const demoRoofImageId = (leadId: string) => roofUuid(`image:${leadId}`)
export const demoRoofAssessmentId = (leadId: string) => roofUuid(`assessment:${leadId}`)

const materialFamily = (m: string | null | undefined): NonNullable<SyntheticRoofLook['material']> =>
  // slate reads from above like dark shingle courses, not like clay tile
  m === 'metal' ? 'metal' : m === 'tile' ? 'tile' : m === 'flat_membrane' ? 'flat' : 'shingle'
/** how worn the drawn roof looks, per condition band (excellent → severe) */
const WEAR = { excellent: 0.05, good: 0.22, fair: 0.45, poor: 0.68, severe: 0.9 } as const

/**
 * The look of a lead's roof, from its findings: material family, how worn (its condition band), and the one most
 * visible finding drawn on it (a tarp, else bare spots, else moss / rust / dark streaks). One feature, not all: that
 * keeps the distinct looks to ~50 for the 603 leads instead of ~200, and the loudest finding is the one on screen.
 */
export function demoRoofLook(a: RoofAssessmentInput): SyntheticRoofLook {
  if (!a.roofVisible) return { hidden: a.unableToAssessReason === 'shadows' ? 'shadow' : 'trees', wear: 0.3 }
  const types = new Set(a.indicators.map((i) => i.type))
  const band = a.conditionScore == null ? 'fair' : bandForScore(a.conditionScore)
  const look: SyntheticRoofLook = { material: materialFamily(a.material), wear: WEAR[band] }
  if (types.has('tarp')) look.tarp = true
  else if (types.has('missing_shingles') || types.has('exposed_deck')) look.bareSpots = true
  else if (types.has('moss_algae')) look.stain = 'moss'
  else if (types.has('rust')) look.stain = 'rust'
  else if (types.has('discoloration_staining') || types.has('granule_loss_or_wear')) look.stain = 'dark'
  return look
}

const lookKey = (l: SyntheticRoofLook) =>
  [l.material ?? '-', l.wear ?? 0, l.stain ?? '-', l.tarp ? 'T' : '-', l.bareSpots ? 'B' : '-', l.patch ? 'P' : '-', l.hidden ?? '-'].join(
    '|',
  )

/** A lot in Dallas: the generator is seeded by coordinates, so these pick the scene. */
function sceneCoordinates(scene: number): { lat: number; lng: number } {
  const h = createHash('sha256').update(`fishmouth-demo-lot:${scene}`).digest()
  return { lat: +(32.6 + (h.readUInt32BE(0) / 2 ** 32) * 0.5).toFixed(6), lng: +(-97.2 + (h.readUInt32BE(4) / 2 ** 32) * 0.6).toFixed(6) }
}
const hash32 = (s: string) => createHash('sha256').update(s).digest().readUInt32BE(0)
/** the lot of a lead: looks start on different lots, and a common look is spread over several */
const sceneOf = (leadId: string, key: string, sharing: number) =>
  (hash32(`look:${key}`) + (hash32(`scene:${leadId}`) % Math.min(DEMO_ROOF_SCENES, Math.ceil(sharing / LEADS_PER_PICTURE)))) %
  DEMO_ROOF_SCENES

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
const SHAPES: Record<SyntheticRoofShape, RoofShape> = { gable: 'gable', hip: 'hip', complex: 'complex', flat: 'flat', none: 'unknown' }

/**
 * The stored form of the seed's assessment (the vision tool's domain shape: shape from the drawn roof, the band of
 * the condition score, a short reasoning), validated by the same schema a real AI answer must pass.
 */
export function demoStoredAssessment(a: RoofAssessmentInput, drawnShape: SyntheticRoofShape): RoofAssessment {
  const material = (a.roofVisible ? (a.material ?? 'unknown') : 'unknown') as RoofMaterial
  const shape: RoofShape = a.roofVisible ? SHAPES[drawnShape] : 'unknown'
  const conditionBand = a.roofVisible && a.conditionScore != null ? bandForScore(a.conditionScore) : null
  const findings = a.indicators.length ? `${a.indicators.map((i) => i.type.replace(/_/g, ' ')).join(', ')} visible` : 'no visible damage'
  const reasoning = a.roofVisible
    ? `Sandbox analysis: ${NAMES[material]}${material === 'unknown' || shape === 'unknown' ? '' : ` ${shape} roof`}; ${findings}; ${conditionBand} condition.`
    : 'Sandbox analysis: the roof of the centre building cannot be judged from this image.'
  const stored: RoofAssessment = {
    roofVisible: a.roofVisible,
    unableToAssessReason: a.roofVisible ? null : ((a.unableToAssessReason ?? 'imagery_artifact') as UnableToAssessReason),
    material,
    shape,
    conditionScore: a.roofVisible ? a.conditionScore : null,
    conditionBand,
    indicators: a.roofVisible ? a.indicators.map((i) => ({ ...i })) : [],
    confidence: a.confidence,
    reasoning,
  }
  return toRoofAssessment(roofAssessmentSchema.parse(toRoofAssessmentWire(stored)))
}

interface PoolImage {
  bytes: Buffer
  sha256: string
  key: string
  shape: SyntheticRoofShape
  quality: QualityAssessment
}

/** Draws each lot once with every look its leads need, and stores each picture (content-addressed, once). */
async function drawPool(orgId: string, wanted: Map<number, Map<string, SyntheticRoofLook>>): Promise<Map<string, PoolImage>> {
  const pool = new Map<string, PoolImage>()
  const storing: Promise<void>[] = [] // measured and stored in sharp's thread pool while the next lot is drawn
  for (const [scene, looks] of wanted) {
    const keys = [...looks.keys()]
    const drawn = await generateSyntheticAerialLooks({ ...sceneCoordinates(scene), size: SIZE, looks: [...looks.values()] })
    storing.push(
      ...drawn.map(async (img, k) => {
        const sha256 = createHash('sha256').update(img.bytes).digest('hex')
        const storageKey = aerialImageKey({ orgId, sha256, contentType: img.contentType })
        const [quality] = await Promise.all([
          assessImageQuality(img.bytes),
          putObject({ key: storageKey, bytes: img.bytes, contentType: img.contentType }),
        ])
        pool.set(`${scene}#${keys[k]}`, { bytes: img.bytes, sha256, key: storageKey, shape: img.roofShape, quality })
      }),
    )
  }
  await Promise.all(storing)
  return pool
}

/** true when every roof row of these leads exists and every image object is in storage */
async function alreadySeeded(orgId: string, leads: DemoRoofLead[]): Promise<boolean> {
  const ids = leads.map((l) => demoRoofImageId(l.id))
  const [images, assessments, unlinked] = await Promise.all([
    db.roofImage.findMany({ where: { orgId, id: { in: ids } }, select: { storageKey: true } }),
    db.roofAssessment.count({ where: { orgId, id: { in: leads.map((l) => demoRoofAssessmentId(l.id)) } } }),
    db.lead.count({ where: { orgId, id: { in: leads.map((l) => l.id) }, roofImageId: null, roofAssessmentId: null } }),
  ])
  if (images.length !== leads.length || assessments !== leads.length || unlinked > 0) return false
  const keys = [...new Set(images.map((i) => i.storageKey))]
  const found = await Promise.all(keys.map((key) => getObject({ key }).then((o) => o !== null)))
  return found.every(Boolean)
}

export async function seedDemoRoofs({ orgId, leads }: { orgId: string; leads: DemoRoofLead[] }) {
  if (!leads.length || (await alreadySeeded(orgId, leads))) return { drawn: 0, images: 0, assessments: 0, linked: 0 }
  const wanted = new Map<number, Map<string, SyntheticRoofLook>>()
  const poolIdOf = new Map<string, string>()
  const looks = leads.map((l) => demoRoofLook(l.assessment))
  const sharing = new Map<string, number>()
  for (const look of looks) sharing.set(lookKey(look), (sharing.get(lookKey(look)) ?? 0) + 1)
  for (const [i, l] of leads.entries()) {
    const look = looks[i]!
    const key = lookKey(look)
    const scene = sceneOf(l.id, key, sharing.get(key)!)
    if (!wanted.has(scene)) wanted.set(scene, new Map())
    wanted.get(scene)!.set(key, look)
    poolIdOf.set(l.id, `${scene}#${key}`)
  }
  const pool = await drawPool(orgId, wanted)

  const images: Prisma.RoofImageCreateManyInput[] = []
  const assessments: Prisma.RoofAssessmentCreateManyInput[] = []
  for (const l of leads) {
    const img = pool.get(poolIdOf.get(l.id)!)!
    const stored = demoStoredAssessment(l.assessment, img.shape)
    const imageId = demoRoofImageId(l.id)
    images.push({
      id: imageId,
      orgId,
      storageKey: img.key,
      contentType: 'image/jpeg',
      width: SIZE,
      height: SIZE,
      bytes: img.bytes.byteLength,
      sha256: img.sha256,
      provider: 'sandbox',
      zoom: MAPBOX_DEFAULT_ZOOM,
      metresPerPixel: metresPerPixel({ lat: l.lat, zoom: MAPBOX_DEFAULT_ZOOM, tileSize: MAPBOX_TILE_SIZE, scale: 1 }),
      capturedAt: null,
      sandbox: true,
      qualityOk: img.quality.ok,
      qualityReasons: img.quality.reasons,
      qualityMetrics: JSON.parse(JSON.stringify(img.quality.metrics)) as Prisma.InputJsonValue,
      createdAt: l.createdAt,
    })
    assessments.push({
      id: demoRoofAssessmentId(l.id),
      orgId,
      imageId,
      scanPropertyId: null,
      attempt: 1,
      outcome: 'assessed',
      provider: DEMO_ROOF_PROVIDER,
      model: DEMO_ROOF_MODEL,
      promptVersion: DEMO_ROOF_PROMPT_VERSION,
      result: JSON.parse(JSON.stringify(stored)) as Prisma.InputJsonValue,
      confidence: stored.confidence,
      sandbox: true,
      createdAt: l.createdAt,
    })
  }
  return db.$transaction(
    async (tx) => {
      const i = await tx.roofImage.createMany({ data: images, skipDuplicates: true })
      const a = await tx.roofAssessment.createMany({ data: assessments, skipDuplicates: true })
      // only leads with no roof data yet: a lead a real scan has imaged since keeps that scan's image and findings
      const linked = await tx.$executeRaw`
        UPDATE leads l SET roof_image_id = v.image_id, roof_assessment_id = v.assessment_id
          FROM unnest(${leads.map((x) => x.id)}::uuid[], ${images.map((x) => x.id!)}::uuid[], ${assessments.map((x) => x.id!)}::uuid[])
            AS v(lead_id, image_id, assessment_id)
         WHERE l.id = v.lead_id AND l.org_id = ${orgId}::uuid AND l.roof_image_id IS NULL AND l.roof_assessment_id IS NULL`
      return { drawn: pool.size, images: i.count, assessments: a.count, linked }
    },
    { timeout: 60_000 },
  )
}

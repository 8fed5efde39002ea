// Roof materials and their service lives, for the material-aware age curve.
// Lifespans (years) are mid-range figures from common US life-expectancy tables (InterNACHI, NRCA guidance):
// 3-tab asphalt 20–25 (we use 22: the DFW demo market has sun and hail), architectural shingle ~25–30, wood shake
// ~25–30, single-ply/flat membrane ~20, metal 40–70, tile 50–100, slate 75–150. Only the ratio age/lifespan enters
// the curve, so a 24-year-old asphalt roof is at the end of its life while a 24-year-old metal roof is mid-life.
import 'server-only'

export type MaterialClass = 'asphalt_shingle' | 'architectural_shingle' | 'wood_shake' | 'flat_membrane' | 'metal' | 'tile' | 'slate'

export const MATERIAL_LIFESPAN_YEARS: Readonly<Record<MaterialClass, number>> = Object.freeze({
  asphalt_shingle: 22,
  architectural_shingle: 27,
  wood_shake: 27,
  flat_membrane: 20,
  metal: 50,
  tile: 60,
  slate: 80,
})

export const MATERIAL_LABELS: Readonly<Record<MaterialClass, string>> = Object.freeze({
  asphalt_shingle: 'asphalt shingle',
  architectural_shingle: 'architectural shingle',
  wood_shake: 'wood shake',
  flat_membrane: 'flat membrane',
  metal: 'metal',
  tile: 'tile',
  slate: 'slate',
})

/**
 * When the material is unknown we assume asphalt shingle (most US homes have it) and say so: the reason names
 * the assumption, `missing` lists `roof_material` and the age component's confidence drops.
 */
export const ASSUMED_MATERIAL: MaterialClass = 'asphalt_shingle'

/** Vision vocabulary (asphalt_shingle) and Prisma enum (ASPHALT_SHINGLE) both map here; anything else is null. */
export function materialClassOf(material: string | null | undefined): MaterialClass | null {
  if (!material) return null
  const m = material.trim().toLowerCase()
  return m in MATERIAL_LIFESPAN_YEARS ? (m as MaterialClass) : null
}

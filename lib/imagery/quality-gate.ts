// Imagery quality gate: decides, from the pixels alone, whether an aerial image is worth sending to the vision
// model (every analysis costs money and a bad image yields a confident-sounding guess). Measured with sharp on a
// downscaled greyscale copy: exposure statistics over the whole frame, then the centre (where the geocoded
// property is) against its surroundings, plus an edge measure that tells a building's straight, perpendicular
// edges from the isotropic texture of grass, trees and water.
import 'server-only'
import sharp from 'sharp'

export type QualityReason = 'too_small' | 'blank' | 'overexposed_or_cloud' | 'too_dark_or_shadow' | 'no_building_at_centre' | 'undecodable'

export interface QualityMetrics {
  /** of the image as delivered (0 when undecodable) */
  width: number
  height: number
  /** 0–255 over the analysis copy */
  meanLuma: number
  lumaStdDev: number
  /** share of near-white pixels (cloud, haze, blown-out exposure) */
  brightFraction: number
  /** share of near-black pixels (night, deep shadow, missing tiles) */
  darkFraction: number
  /** 0–1: how different the centre's luma histogram is from the surroundings' (total variation distance).
   * Reported for review, not decisive: a clump of trees at the centre differs from a lawn as much as a roof does */
  centreContrast: number
  /** share of strong-edge pixels over the whole frame */
  edgeDensity: number
  /** share of strong-edge pixels inside the centre window */
  centreEdgeDensity: number
  /** 0–1: share of the centre's edge energy along one pair of perpendicular directions (uniform ≈ 0.17) */
  centreRectilinearity: number
}

export interface QualityAssessment {
  ok: boolean
  reasons: QualityReason[]
  metrics: QualityMetrics
}

// ---- thresholds (tuned on the synthetic sandbox scenes and the failure cases in quality-gate.test.ts)
/** Claude degrades below ~200 px edges (REFERENCE §4.5); a roof is a fraction of the frame, so ask for more */
export const MIN_EDGE_PX = 256
/** the statistics are measured on a copy no larger than this (long edge): fast, and JPEG noise averages out */
const ANALYSIS_EDGE_PX = 384
/** a luma standard deviation below this is a flat fill (missing tile, "no imagery" placeholder, solid colour) */
export const BLANK_MAX_STDDEV = 6
/** luma at or above which a pixel counts as near-white (cloud, haze) … */
const BRIGHT_LUMA = 235
/** … and the share of such pixels, or the mean luma, above which the frame is cloud/overexposure dominated */
export const MAX_BRIGHT_FRACTION = 0.4
export const MAX_MEAN_LUMA = 215
/** luma at or below which a pixel counts as near-black … */
const DARK_LUMA = 20
/** … and the share of such pixels, or the mean luma, beyond which the frame is shadow/night dominated */
export const MAX_DARK_FRACTION = 0.4
export const MIN_MEAN_LUMA = 30
/** the centre window: this share of each dimension around the middle (a house at z19–20 fills much of it) */
const CENTRE_SHARE = 0.36
/** Sobel magnitude (8-bit luma, kernel weight 4) of a strong edge: a step of ~20 luma levels */
const STRONG_EDGE = 80
/** fewer strong edges than this in the centre: nothing is there (lawn, field, water, haze) */
export const MIN_CENTRE_EDGE_DENSITY = 0.02
/** a building's outline, ridge and shingle courses line up along two perpendicular directions; grass, tree
 * crowns and water do not (uniform orientations score 6/36 ≈ 0.17; synthetic houses ≥ 0.38, tree-only ≤ 0.30) */
export const MIN_CENTRE_RECTILINEARITY = 0.34
const ORIENTATION_BINS = 36 // 5° each over 0–180°

function emptyMetrics(width = 0, height = 0): QualityMetrics {
  return {
    width,
    height,
    meanLuma: 0,
    lumaStdDev: 0,
    brightFraction: 0,
    darkFraction: 0,
    centreContrast: 0,
    edgeDensity: 0,
    centreEdgeDensity: 0,
    centreRectilinearity: 0,
  }
}

const round = (v: number, digits = 4) => Math.round(v * 10 ** digits) / 10 ** digits

async function decode(bytes: Uint8Array): Promise<{ width: number; height: number; luma: Buffer; w: number; h: number } | null> {
  try {
    // failOn 'error' (not the default 'warning' only for metadata): a truncated or corrupt body is undecodable
    const img = sharp(bytes, { failOn: 'error', limitInputPixels: 8192 * 8192 })
    const meta = await img.metadata()
    if (!meta.width || !meta.height) return null
    const { data, info } = await img
      .rotate() // honour EXIF orientation
      .removeAlpha()
      .greyscale()
      .resize({ width: ANALYSIS_EDGE_PX, height: ANALYSIS_EDGE_PX, fit: 'inside', withoutEnlargement: true })
      .raw()
      .toBuffer({ resolveWithObject: true })
    return { width: meta.width, height: meta.height, luma: data, w: info.width, h: info.height }
  } catch {
    return null
  }
}

/** Measures the image and lists every reason it should not be analysed (empty → ok). Never throws. */
export async function assessImageQuality(bytes: Uint8Array): Promise<QualityAssessment> {
  const img = await decode(bytes)
  if (!img) return { ok: false, reasons: ['undecodable'], metrics: emptyMetrics() }
  const { luma, w, h } = img
  const n = w * h

  let sum = 0
  let sumSq = 0
  let bright = 0
  let dark = 0
  for (let i = 0; i < n; i++) {
    const v = luma[i]
    sum += v
    sumSq += v * v
    if (v >= BRIGHT_LUMA) bright++
    if (v <= DARK_LUMA) dark++
  }
  const mean = sum / n
  const std = Math.sqrt(Math.max(0, sumSq / n - mean * mean))

  // centre window vs the rest: luma histograms and strong edges with their orientation
  const cx0 = Math.floor((w * (1 - CENTRE_SHARE)) / 2)
  const cx1 = Math.ceil((w * (1 + CENTRE_SHARE)) / 2)
  const cy0 = Math.floor((h * (1 - CENTRE_SHARE)) / 2)
  const cy1 = Math.ceil((h * (1 + CENTRE_SHARE)) / 2)
  const inCentre = (x: number, y: number) => x >= cx0 && x < cx1 && y >= cy0 && y < cy1
  const histC = new Float64Array(32)
  const histS = new Float64Array(32)
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) (inCentre(x, y) ? histC : histS)[luma[y * w + x] >> 3]++
  const nC = histC.reduce((a, b) => a + b, 0)
  const nS = histS.reduce((a, b) => a + b, 0)
  let tv = 0
  for (let b = 0; b < 32; b++) tv += Math.abs(histC[b] / nC - (nS ? histS[b] / nS : 0))

  let edges = 0
  let centreEdges = 0
  let centrePixels = 0
  const orient = new Float64Array(ORIENTATION_BINS)
  const at = (x: number, y: number) => luma[y * w + x]
  for (let y = 1; y < h - 1; y++)
    for (let x = 1; x < w - 1; x++) {
      const gx = at(x + 1, y - 1) + 2 * at(x + 1, y) + at(x + 1, y + 1) - at(x - 1, y - 1) - 2 * at(x - 1, y) - at(x - 1, y + 1)
      const gy = at(x - 1, y + 1) + 2 * at(x, y + 1) + at(x + 1, y + 1) - at(x - 1, y - 1) - 2 * at(x, y - 1) - at(x + 1, y - 1)
      const mag = Math.hypot(gx, gy)
      const c = inCentre(x, y)
      if (c) centrePixels++
      if (mag < STRONG_EDGE) continue
      edges++
      if (!c) continue
      centreEdges++
      const theta = (Math.atan2(gy, gx) + Math.PI) % Math.PI // edge direction modulo 180°
      orient[Math.min(ORIENTATION_BINS - 1, Math.floor((theta / Math.PI) * ORIENTATION_BINS))] += mag
    }
  // the best perpendicular pair of directions (±7.5° each) and the share of edge energy along them
  const total = orient.reduce((a, b) => a + b, 0)
  let best = 0
  const half = ORIENTATION_BINS / 2
  for (let k = 0; k < half; k++) {
    let s = 0
    for (const d of [-1, 0, 1]) {
      s += orient[(k + d + ORIENTATION_BINS) % ORIENTATION_BINS] + orient[(k + half + d + ORIENTATION_BINS) % ORIENTATION_BINS]
    }
    best = Math.max(best, s)
  }

  const metrics: QualityMetrics = {
    width: img.width,
    height: img.height,
    meanLuma: round(mean, 2),
    lumaStdDev: round(std, 2),
    brightFraction: round(bright / n),
    darkFraction: round(dark / n),
    centreContrast: round(tv / 2),
    edgeDensity: round(edges / Math.max(1, (w - 2) * (h - 2))),
    centreEdgeDensity: round(centreEdges / Math.max(1, centrePixels)),
    centreRectilinearity: round(total ? best / total : 0),
  }

  const reasons: QualityReason[] = []
  if (Math.min(img.width, img.height) < MIN_EDGE_PX) reasons.push('too_small')
  if (metrics.lumaStdDev < BLANK_MAX_STDDEV) reasons.push('blank')
  else {
    if (metrics.brightFraction > MAX_BRIGHT_FRACTION || metrics.meanLuma > MAX_MEAN_LUMA) reasons.push('overexposed_or_cloud')
    if (metrics.darkFraction > MAX_DARK_FRACTION || metrics.meanLuma < MIN_MEAN_LUMA) reasons.push('too_dark_or_shadow')
  }
  // Whether a building is at the centre is judged only on an otherwise usable image: on a tiny, flat, white or
  // black frame those measures say nothing, and the first reason already decides.
  if (reasons.length === 0) {
    const building = metrics.centreEdgeDensity >= MIN_CENTRE_EDGE_DENSITY && metrics.centreRectilinearity >= MIN_CENTRE_RECTILINEARITY
    if (!building) reasons.push('no_building_at_centre')
  }
  return { ok: reasons.length === 0, reasons, metrics }
}

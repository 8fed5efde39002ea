// Deterministic synthetic aerial photo for sandbox mode: a top-down suburban lot (grass, street, driveway, trees,
// shadows) with a house roof at the centre (shingle courses, ridge/hip lines, lit and shaded planes, sometimes
// stains or moss). Seeded only by lat/lng, so the same property always gets the same bytes, and every property
// looks different. It passes the imagery quality gate; `variant` produces the gate's failure cases for tests.
// `roof` (optional) dresses the roof to match a known condition — material, wear, streaks, a tarp, bare spots, or
// trees/shadow hiding it — for demo data whose findings are known in advance (prisma/seed-roofs.ts). Without it
// the bytes are exactly what they always were.
import 'server-only'
import { createHash } from 'node:crypto'
import sharp from 'sharp'
import { mulberry32 } from '@/lib/mulberry32'

export type SyntheticVariant = 'house' | 'blank' | 'tiny' | 'cloud' | 'shadow' | 'no_building'

export type SyntheticRoofMaterial = 'shingle' | 'metal' | 'tile' | 'flat'
export type SyntheticRoofShape = 'gable' | 'hip' | 'complex' | 'flat' | 'none'

/** How the roof at the centre should look. Every field is optional; an empty object is a clean shingle roof. */
export interface SyntheticRoofLook {
  material?: SyntheticRoofMaterial
  /** 0 = like new … 1 = failed: how blotchy (granule loss), streaked and patched the roof looks */
  wear?: number
  /** streaks on the roof: dark staining, green moss/algae, or rust (metal) */
  stain?: 'dark' | 'moss' | 'rust'
  /** a blue tarp over part of one slope */
  tarp?: boolean
  /** a few bare spots: missing shingles or tiles, exposed decking */
  bareSpots?: boolean
  /** a newer-looking repair patch */
  patch?: boolean
  /** something hides most of the roof: tree canopy or a deep shadow */
  hidden?: 'trees' | 'shadow'
}

export interface SyntheticAerialInput {
  lat: number
  lng: number
  /** edge in pixels (square); default 640. 'tiny' ignores it */
  size?: number
  variant?: SyntheticVariant
  /** dress the roof (only for the 'house' family of variants); omitted: the default look */
  roof?: SyntheticRoofLook
}

export interface SyntheticAerial {
  bytes: Buffer
  contentType: 'image/jpeg'
  width: number
  height: number
  /** the roof form drawn at the centre: one section hip or gable, an L-shaped house complex, flat on request */
  roofShape: SyntheticRoofShape
}

const DEFAULT_SIZE = 640
/** what the 'tiny' variant renders: below the quality gate's minimum edge */
const TINY_SIZE = 160
// Fixed encoder settings: libvips encodes the same pixels to the same bytes (no timestamps in a bare JPEG).
const JPEG = { quality: 84, chromaSubsampling: '4:2:0', mozjpeg: false } as const

type Rgb = [number, number, number]
type Rnd = () => number

const GROUNDS: Rgb[] = [
  [86, 112, 58], // watered lawn
  [104, 118, 66], // mixed lawn
  [128, 124, 84], // dry grass
  [120, 108, 80], // dirt and scrub
  [74, 98, 56], // dark lawn
]
const SHINGLES: Rgb[] = [
  [92, 92, 96], // charcoal asphalt
  [122, 118, 112], // weathered grey
  [110, 86, 66], // brown architectural
  [66, 68, 74], // black
  [150, 92, 70], // terracotta-ish
  [96, 104, 112], // slate blue-grey
  [140, 132, 118], // sand
]

function seedFor(lat: number, lng: number, salt: string): number {
  const h = createHash('sha256')
    .update(`${salt}:${lat.toFixed(6)},${lng.toFixed(6)}`)
    .digest()
  return h.readUInt32BE(0)
}

const pick = <T>(rnd: Rnd, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]
const range = (rnd: Rnd, lo: number, hi: number) => lo + rnd() * (hi - lo)
const smooth = (t: number) => t * t * (3 - 2 * t)

/** Value noise: a random lattice of `cells`×`cells`, bilinear with smoothstep; returns 0..1. */
function valueNoise(rnd: Rnd, cells: number): (x: number, y: number) => number {
  const n = cells + 1
  const grid = Float32Array.from({ length: n * n }, () => rnd())
  return (x, y) => {
    const gx = Math.min(cells - 1e-6, Math.max(0, x * cells))
    const gy = Math.min(cells - 1e-6, Math.max(0, y * cells))
    const x0 = Math.floor(gx)
    const y0 = Math.floor(gy)
    const tx = smooth(gx - x0)
    const ty = smooth(gy - y0)
    const a = grid[y0 * n + x0] + (grid[y0 * n + x0 + 1] - grid[y0 * n + x0]) * tx
    const b = grid[(y0 + 1) * n + x0] + (grid[(y0 + 1) * n + x0 + 1] - grid[(y0 + 1) * n + x0]) * tx
    return a + (b - a) * ty
  }
}

/** Integer hash → 0..1, for per-shingle-tab variation without storing a grid. */
function hash01(a: number, b: number, seed: number): number {
  let h = Math.imul(a, 374761393) + Math.imul(b, 668265263) + Math.imul(seed, 2246822519)
  h = Math.imul(h ^ (h >>> 13), 1274126177)
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296
}

class Canvas {
  readonly px: Float32Array
  constructor(readonly size: number) {
    this.px = new Float32Array(size * size * 3)
  }
  set(x: number, y: number, c: Rgb): void {
    const i = (y * this.size + x) * 3
    this.px[i] = c[0]
    this.px[i + 1] = c[1]
    this.px[i + 2] = c[2]
  }
  scale(x: number, y: number, f: number): void {
    const i = (y * this.size + x) * 3
    this.px[i] *= f
    this.px[i + 1] *= f
    this.px[i + 2] *= f
  }
  blend(x: number, y: number, c: Rgb, alpha: number): void {
    const i = (y * this.size + x) * 3
    for (let k = 0; k < 3; k++) this.px[i + k] += (c[k] - this.px[i + k]) * alpha
  }
  /** visits the pixels of a bounding box clipped to the canvas */
  box(x0: number, y0: number, x1: number, y1: number, fn: (x: number, y: number) => void): void {
    const xa = Math.max(0, Math.floor(x0))
    const xb = Math.min(this.size - 1, Math.ceil(x1))
    const ya = Math.max(0, Math.floor(y0))
    const yb = Math.min(this.size - 1, Math.ceil(y1))
    for (let y = ya; y <= yb; y++) for (let x = xa; x <= xb; x++) fn(x, y)
  }
  clone(): Canvas {
    const c = new Canvas(this.size)
    c.px.set(this.px)
    return c
  }
  toBuffer(): Buffer {
    const out = Buffer.alloc(this.px.length)
    for (let i = 0; i < this.px.length; i++) out[i] = Math.max(0, Math.min(255, Math.round(this.px[i])))
    return out
  }
}

/** A rectangular roof section in image coordinates: centre, half-length along the ridge, half-width, angle. */
interface Section {
  cx: number
  cy: number
  halfLen: number
  halfWid: number
  angle: number
  hip: boolean
}

function local(s: Section, x: number, y: number): { u: number; v: number } {
  const dx = x - s.cx
  const dy = y - s.cy
  const c = Math.cos(s.angle)
  const sn = Math.sin(s.angle)
  return { u: dx * c + dy * sn, v: -dx * sn + dy * c }
}

const inside = (s: Section, u: number, v: number, grow = 0) => Math.abs(u) <= s.halfLen + grow && Math.abs(v) <= s.halfWid + grow

function sectionBox(s: Section, grow: number): [number, number, number, number] {
  const r = Math.hypot(s.halfLen, s.halfWid) + grow
  return [s.cx - r, s.cy - r, s.cx + r, s.cy + r]
}

function paintGround(cv: Canvas, rnd: Rnd): void {
  const base = pick(rnd, GROUNDS).map((c) => c * range(rnd, 0.92, 1.08)) as Rgb
  const broad = valueNoise(rnd, 4)
  const mid = valueNoise(rnd, 18)
  const fine = valueNoise(rnd, 70)
  const n = cv.size
  for (let y = 0; y < n; y++)
    for (let x = 0; x < n; x++) {
      const t = 0.8 + 0.3 * broad(x / n, y / n) + 0.14 * mid(x / n, y / n) + 0.1 * fine(x / n, y / n) + (rnd() - 0.5) * 0.1
      cv.set(x, y, [base[0] * t, base[1] * t, base[2] * t])
    }
}

/** A street along one edge with a sidewalk, and a driveway from the house to it. */
function paintStreet(cv: Canvas, rnd: Rnd, house: Section): void {
  const n = cv.size
  const roadW = n * range(rnd, 0.09, 0.12)
  const roadEdge = n * range(rnd, 0.8, 0.86) // distance of the road's near edge from the top
  const asphalt = range(rnd, 62, 84)
  for (let y = Math.floor(roadEdge); y < Math.min(n, roadEdge + roadW); y++)
    for (let x = 0; x < n; x++) {
      const g = asphalt + (rnd() - 0.5) * 10
      cv.set(x, y, [g, g, g * 1.03])
    }
  const walk = n * 0.02
  const walkY = roadEdge - n * 0.03
  cv.box(0, walkY, n - 1, walkY + walk, (x, y) => cv.set(x, y, [178 + (rnd() - 0.5) * 8, 176, 170]))
  // driveway: from the front of the house down to the street, on one side of the centre
  const dwW = n * range(rnd, 0.07, 0.1)
  const dwX = house.cx + (rnd() < 0.5 ? -1 : 1) * house.halfLen * range(rnd, 0.2, 0.6)
  cv.box(dwX - dwW / 2, house.cy, dwX + dwW / 2, roadEdge, (x, y) => {
    const g = 168 + (rnd() - 0.5) * 12
    cv.set(x, y, [g, g * 0.98, g * 0.95])
  })
}

function paintTree(cv: Canvas, rnd: Rnd, tx: number, ty: number, r: number, sun: { dx: number; dy: number }): void {
  const canopy: Rgb = [range(rnd, 38, 60), range(rnd, 62, 86), range(rnd, 30, 46)]
  // a crown is a cluster of overlapping round clumps, each lit on the side facing the sun
  const clumps = Array.from({ length: 5 + Math.floor(rnd() * 5) }, (_, i) => {
    const a = range(rnd, 0, Math.PI * 2)
    const d = i === 0 ? 0 : r * range(rnd, 0.25, 0.55)
    return { x: tx + Math.cos(a) * d, y: ty + Math.sin(a) * d, r: r * (i === 0 ? 0.65 : range(rnd, 0.35, 0.55)) }
  })
  // the tree's shadow first (offset away from the sun)
  const off = r * 0.55
  cv.box(tx - r * 1.6, ty - r * 1.6, tx + r * 1.6, ty + r * 1.6, (x, y) => {
    const sx = x - sun.dx * off
    const sy = y - sun.dy * off
    if (clumps.some((c) => Math.hypot(sx - c.x, sy - c.y) <= c.r) && !clumps.some((c) => Math.hypot(x - c.x, y - c.y) <= c.r))
      cv.scale(x, y, 0.58)
  })
  for (const c of clumps)
    cv.box(c.x - c.r, c.y - c.r, c.x + c.r, c.y + c.r, (x, y) => {
      const dx = (x - c.x) / c.r
      const dy = (y - c.y) / c.r
      const d2 = dx * dx + dy * dy
      if (d2 > 1) return
      const lit = 0.75 + 0.45 * Math.max(0, -(dx * sun.dx + dy * sun.dy)) + 0.2 * Math.sqrt(1 - d2)
      const t = lit + (rnd() - 0.5) * 0.25
      cv.set(x, y, [canopy[0] * t, canopy[1] * t, canopy[2] * t])
    })
}

/** Roof plane facing (nx, ny) in local coords, shaded by how much it faces the sun. */
function roofPixel(s: Section, u: number, v: number, seed: number, sun: { dx: number; dy: number }): { shade: number; line: boolean } {
  const au = Math.abs(u)
  const av = Math.abs(v)
  // hip ends: the triangle where the distance to the end exceeds the distance to the eave
  const hipEnd = s.hip && s.halfLen - au < s.halfWid - av
  const nLocal = hipEnd ? { x: Math.sign(u), y: 0 } : { x: 0, y: Math.sign(v) || 1 }
  const c = Math.cos(s.angle)
  const sn = Math.sin(s.angle)
  const nx = nLocal.x * c - nLocal.y * sn
  const ny = nLocal.x * sn + nLocal.y * c
  const facing = -(nx * sun.dx + ny * sun.dy) // +1 facing the sun
  let shade = 1 + 0.22 * facing
  // shingle courses run parallel to the eave of each plane: rows every ~4 px, tabs staggered per row
  const along = hipEnd ? av : au
  const across = hipEnd ? s.halfLen - au : s.halfWid - av
  const row = Math.floor(across / 4)
  const tab = Math.floor((along + (row % 2) * 3) / 6)
  shade *= 0.93 + 0.12 * hash01(row, tab, seed)
  if (across % 4 < 0.9) shade *= 0.86
  const ridge = !hipEnd && av < 1.6 && au <= s.halfLen - (s.hip ? s.halfWid : 0)
  const hipLine = s.hip && Math.abs(s.halfLen - au - (s.halfWid - av)) < 1.3
  const eave = s.halfLen - au < 1.2 || s.halfWid - av < 1.2
  return { shade, line: ridge || hipLine || eave }
}

function paintHouse(cv: Canvas, rnd: Rnd, sections: Section[], sun: { dx: number; dy: number }, seed: number): void {
  const colour = pick(rnd, SHINGLES).map((c) => c * range(rnd, 0.92, 1.08)) as Rgb
  const shadowLen = cv.size * range(rnd, 0.012, 0.025)
  // cast shadow: every section shifted away from the sun darkens the ground under it
  for (const s of sections) {
    const shifted = { ...s, cx: s.cx + sun.dx * shadowLen, cy: s.cy + sun.dy * shadowLen }
    const [x0, y0, x1, y1] = sectionBox(shifted, 1)
    cv.box(x0, y0, x1, y1, (x, y) => {
      const { u, v } = local(shifted, x, y)
      if (inside(shifted, u, v)) cv.scale(x, y, 0.5)
    })
  }
  const wear = valueNoise(rnd, 6)
  const stained = rnd() < 0.45 // some roofs get streaks/moss so sandbox vision output has something to find
  const stainColour: Rgb = rnd() < 0.5 ? [52, 60, 40] : [40, 38, 36]
  sections.forEach((s, i) => {
    const [x0, y0, x1, y1] = sectionBox(s, 1)
    cv.box(x0, y0, x1, y1, (x, y) => {
      const { u, v } = local(s, x, y)
      if (!inside(s, u, v)) return
      // a later section (the wing) is drawn over the main one only outside it, so the main ridge stays whole
      if (i > 0 && sections.slice(0, i).some((p) => inside(p, local(p, x, y).u, local(p, x, y).v))) return
      const { shade, line } = roofPixel(s, u, v, seed + i, sun)
      const t = shade * (0.94 + 0.1 * wear(x / cv.size, y / cv.size)) + (rnd() - 0.5) * 0.05
      const c: Rgb = line ? [colour[0] * 1.18, colour[1] * 1.18, colour[2] * 1.18] : [colour[0] * t, colour[1] * t, colour[2] * t]
      cv.set(x, y, c)
      if (stained && !line) {
        const w = wear((x + 311) / cv.size, (y + 97) / cv.size)
        if (w > 0.72) cv.blend(x, y, stainColour, Math.min(0.55, (w - 0.72) * 3))
      }
    })
  })
}

const METALS: Rgb[] = [
  [150, 156, 160], // galvalume
  [86, 108, 92], // forest green
  [128, 64, 54], // barn red
  [80, 94, 112], // slate blue
]
const TILES: Rgb[] = [
  [172, 96, 64], // terracotta
  [150, 82, 60], // red clay
  [184, 128, 90], // sand tile
]
const MEMBRANES: Rgb[] = [
  [198, 198, 192], // white TPO
  [142, 142, 138], // grey modified bitumen
  [112, 108, 102], // gravel ballast
]
const STAINS: Record<NonNullable<SyntheticRoofLook['stain']>, Rgb> = {
  dark: [40, 38, 36],
  moss: [58, 76, 40],
  rust: [142, 72, 36],
}
const TARP: Rgb = [42, 92, 168]
const DECK: Rgb = [112, 84, 56]
const FELT: Rgb = [44, 42, 42]

/** Shading and texture of one roof pixel for a given material (shingle = roofPixel, the default look). */
function lookPixel(
  s: Section,
  u: number,
  v: number,
  seed: number,
  sun: { dx: number; dy: number },
  material: SyntheticRoofMaterial,
): { shade: number; line: boolean } {
  if (material === 'shingle') return roofPixel(s, u, v, seed, sun)
  const au = Math.abs(u)
  const av = Math.abs(v)
  const eave = s.halfLen - au < 1.2 || s.halfWid - av < 1.2
  if (material === 'flat') {
    // one plane, evenly lit; membrane seams every ~22 px and a parapet line at the edge
    let shade = 0.97 + 0.06 * hash01(Math.floor((u + s.halfLen) / 22), 0, seed)
    if ((u + s.halfLen) % 22 < 0.9) shade *= 0.9
    return { shade, line: eave }
  }
  const hipEnd = s.hip && s.halfLen - au < s.halfWid - av
  const nLocal = hipEnd ? { x: Math.sign(u), y: 0 } : { x: 0, y: Math.sign(v) || 1 }
  const c = Math.cos(s.angle)
  const sn = Math.sin(s.angle)
  const facing = -((nLocal.x * c - nLocal.y * sn) * sun.dx + (nLocal.x * sn + nLocal.y * c) * sun.dy)
  let shade = 1 + 0.22 * facing
  const along = hipEnd ? av : au
  const across = hipEnd ? s.halfLen - au : s.halfWid - av
  if (material === 'metal') {
    // standing seams run from the ridge to the eave: a thin bright/dark pair every ~7 px, smooth panels between
    const m = along % 7
    shade *= m < 0.8 ? 1.14 : m < 1.6 ? 0.82 : 0.99 + 0.02 * hash01(Math.floor(along / 7), 0, seed)
  } else {
    // tile: courses every ~6 px, each a row of rounded barrels
    const row = Math.floor(across / 6)
    const wave = Math.sin(((along + (row % 2) * 3) / 6) * Math.PI)
    shade *= 0.86 + 0.2 * wave * wave
    if (across % 6 < 1) shade *= 0.78
  }
  const ridge = !hipEnd && av < 1.6 && au <= s.halfLen - (s.hip ? s.halfWid : 0)
  const hipLine = s.hip && Math.abs(s.halfLen - au - (s.halfWid - av)) < 1.3
  return { shade, line: ridge || hipLine || eave }
}

/** An axis-aligned rectangle in a section's local coordinates (u along the ridge, v across it). */
interface LocalRect {
  u0: number
  u1: number
  v0: number
  v1: number
}
const inRect = (r: LocalRect, u: number, v: number) => u >= r.u0 && u <= r.u1 && v >= r.v0 && v <= r.v1

/** A rectangle on one slope of the main section, `len` and `wid` as fractions of the slope. */
function slopeRect(rnd: Rnd, s: Section, len: number, wid: number): LocalRect {
  const side = rnd() < 0.5 ? -1 : 1
  const l = s.halfLen * 2 * len
  const u0 = range(rnd, -s.halfLen * 0.8, s.halfLen * 0.8 - l)
  const w = s.halfWid * wid
  const v0 = range(rnd, s.halfWid * 0.12, s.halfWid * 0.92 - w)
  return side > 0 ? { u0, u1: u0 + l, v0, v1: v0 + w } : { u0, u1: u0 + l, v0: -v0 - w, v1: -v0 }
}

/** The dressed roof (see SyntheticRoofLook); `lookRnd` places its features so the lot itself stays the same. */
function paintLookedHouse(
  cv: Canvas,
  rnd: Rnd,
  sections: Section[],
  sun: { dx: number; dy: number },
  seed: number,
  look: SyntheticRoofLook,
  lookRnd: Rnd,
): void {
  const material = look.material ?? 'shingle'
  const palette = material === 'metal' ? METALS : material === 'tile' ? TILES : material === 'flat' ? MEMBRANES : SHINGLES
  const colour = pick(lookRnd, palette).map((c) => c * range(lookRnd, 0.94, 1.06)) as Rgb
  const shadowLen = cv.size * (material === 'flat' ? range(rnd, 0.008, 0.012) : range(rnd, 0.012, 0.025))
  for (const s of sections) {
    const shifted = { ...s, cx: s.cx + sun.dx * shadowLen, cy: s.cy + sun.dy * shadowLen }
    const [x0, y0, x1, y1] = sectionBox(shifted, 1)
    cv.box(x0, y0, x1, y1, (x, y) => {
      const { u, v } = local(shifted, x, y)
      if (inside(shifted, u, v)) cv.scale(x, y, 0.5)
    })
  }
  const wear = Math.max(0, Math.min(1, look.wear ?? 0))
  const blotch = valueNoise(lookRnd, 10)
  const streaks = valueNoise(lookRnd, 7)
  const stain = look.stain ? STAINS[look.stain] : wear > 0.35 ? STAINS.dark : null
  const stainFrom = 0.62 - 0.3 * wear // more of the roof streaked the more worn it is
  const main = sections[0]
  const tarp = look.tarp ? slopeRect(lookRnd, main, range(lookRnd, 0.3, 0.45), range(lookRnd, 0.55, 0.8)) : null
  const patch = look.patch ? slopeRect(lookRnd, main, range(lookRnd, 0.12, 0.2), range(lookRnd, 0.3, 0.5)) : null
  const patchColour = (material === 'shingle' ? pick(lookRnd, SHINGLES) : colour.map((c) => c * 1.15)) as Rgb
  const spot = Math.max(2, cv.size / 160)
  const spots = look.bareSpots
    ? Array.from({ length: 4 + Math.round(wear * 6) }, () => {
        const r = slopeRect(lookRnd, main, 0.04, 0.12)
        return { u0: r.u0, u1: r.u0 + spot * range(lookRnd, 1.5, 2.8), v0: r.v0, v1: r.v0 + spot * range(lookRnd, 1, 1.8) }
      })
    : []
  const deck = lookRnd() < 0.5
  sections.forEach((s, i) => {
    const [x0, y0, x1, y1] = sectionBox(s, 1)
    cv.box(x0, y0, x1, y1, (x, y) => {
      const { u, v } = local(s, x, y)
      if (!inside(s, u, v)) return
      if (i > 0 && sections.slice(0, i).some((p) => inside(p, local(p, x, y).u, local(p, x, y).v))) return
      const { shade, line } = lookPixel(s, u, v, seed + i, sun, material)
      const b = blotch(x / cv.size, y / cv.size)
      const t = shade * (0.94 + (0.1 + 0.3 * wear) * (b - 0.5) + 0.05) + (rnd() - 0.5) * (0.05 + 0.06 * wear)
      const lineShade = material === 'flat' ? 0.8 : 1.18
      cv.set(
        x,
        y,
        line ? [colour[0] * lineShade, colour[1] * lineShade, colour[2] * lineShade] : [colour[0] * t, colour[1] * t, colour[2] * t],
      )
      if (line) return
      if (stain) {
        // streaks run down the slope: the noise is stretched across the ridge direction
        const w = streaks((u + s.halfLen) / (cv.size * 0.3), (v + s.halfWid) / (cv.size * 0.9))
        if (w > stainFrom) cv.blend(x, y, stain, Math.min(0.45 + 0.35 * wear, (w - stainFrom) * 5))
      }
      if (i !== 0) return
      if (patch && inRect(patch, u, v)) cv.set(x, y, [patchColour[0] * shade, patchColour[1] * shade, patchColour[2] * shade])
      for (const r of spots) if (inRect(r, u, v)) cv.set(x, y, deck ? DECK : FELT)
      if (tarp && inRect(tarp, u, v)) {
        const fold = 0.88 + 0.2 * blotch((u + 977) / cv.size, (v + 31) / cv.size) + (rnd() - 0.5) * 0.04
        const edge = Math.min(u - tarp.u0, tarp.u1 - u, v - tarp.v0, tarp.v1 - v) < 1.5 ? 1.15 : 1
        cv.set(x, y, [TARP[0] * fold * edge, TARP[1] * fold * edge, TARP[2] * fold * edge])
      }
    })
  })
}

/** What hides the roof when it cannot be judged: a big tree over the house, or a deep shadow across it. */
function hideRoof(cv: Canvas, rnd: Rnd, sections: Section[], how: 'trees' | 'shadow', sun: { dx: number; dy: number }): void {
  const main = sections[0]
  const r = Math.hypot(main.halfLen, main.halfWid)
  if (how === 'trees') {
    for (let k = 0; k < 3; k++)
      paintTree(cv, rnd, main.cx + range(rnd, -0.5, 0.5) * r, main.cy + range(rnd, -0.5, 0.5) * r, r * range(rnd, 0.55, 0.75), sun)
    return
  }
  // a tall tree on the sunny side: its long, soft-edged shadow lies across the whole roof
  const tx = main.cx - sun.dx * r * 1.5
  const ty = main.cy - sun.dy * r * 1.5
  cv.box(main.cx - r * 2.2, main.cy - r * 2.2, main.cx + r * 2.2, main.cy + r * 2.2, (x, y) => {
    const along = (x - tx) * sun.dx + (y - ty) * sun.dy
    const across = -(x - tx) * sun.dy + (y - ty) * sun.dx
    const d = Math.hypot((along - r * 1.6) / (r * 1.9), across / (r * 1.15))
    if (d < 1) cv.scale(x, y, 0.3 + 0.55 * smooth(Math.max(0, d - 0.7) / 0.3))
  })
  paintTree(cv, rnd, tx, ty, r * 0.8, sun)
}

function houseSections(rnd: Rnd, n: number, cx: number, cy: number): Section[] {
  const angle = (rnd() < 0.5 ? 0 : Math.PI / 2) + range(rnd, -0.35, 0.35)
  const halfLen = n * range(rnd, 0.1, 0.15)
  const halfWid = halfLen * range(rnd, 0.55, 0.75)
  const main: Section = { cx, cy, halfLen, halfWid, angle, hip: rnd() < 0.5 }
  if (rnd() < 0.5) return [main]
  // an L wing (garage or addition) perpendicular to the main ridge, at one end
  const side = rnd() < 0.5 ? -1 : 1
  const wingHalfLen = halfWid * range(rnd, 0.9, 1.3)
  const wingHalfWid = halfWid * range(rnd, 0.55, 0.75)
  const along = side * (halfLen - wingHalfWid)
  const out = halfWid + wingHalfLen * 0.7
  const c = Math.cos(angle)
  const s = Math.sin(angle)
  return [
    main,
    {
      cx: cx + along * c - out * s,
      cy: cy + along * s + out * c,
      halfLen: wingHalfLen,
      halfWid: wingHalfWid,
      angle: angle + Math.PI / 2,
      hip: main.hip,
    },
  ]
}

function paintCloud(cv: Canvas, rnd: Rnd): void {
  const puff = valueNoise(rnd, 5)
  const detail = valueNoise(rnd, 20)
  const n = cv.size
  for (let y = 0; y < n; y++)
    for (let x = 0; x < n; x++) {
      const d = 0.75 * puff(x / n, y / n) + 0.25 * detail(x / n, y / n)
      const alpha = Math.min(1, Math.max(0, (d - 0.12) * 4))
      const white = 246 + (rnd() - 0.5) * 6
      cv.blend(x, y, [white, white, white], alpha)
    }
}

/** Deep shadow (a tall neighbour, low sun) over most of the frame; one lit side keeps the texture. */
function paintShadow(cv: Canvas, rnd: Rnd): void {
  const a = range(rnd, 0, Math.PI * 2)
  const n = cv.size
  for (let y = 0; y < n; y++)
    for (let x = 0; x < n; x++) {
      const p = ((x - n / 2) * Math.cos(a) + (y - n / 2) * Math.sin(a)) / n // -0.71…0.71 across the frame
      cv.scale(x, y, p > 0.22 ? 1 : 0.06)
    }
}

interface Rendered {
  cv: Canvas
  shape: SyntheticRoofShape
}

/**
 * Draws the lot; without `looks` the default roof (the original scene, byte for byte), else one canvas per look:
 * the lot (ground, street, trees) is drawn once and each dressed roof is painted on a copy of it, with its own
 * random streams, so a look's picture is the same whether it is drawn alone or in a batch.
 */
function render(
  size: number,
  variant: SyntheticVariant,
  lat: number,
  lng: number,
  looks?: readonly SyntheticRoofLook[],
): Iterable<Rendered> {
  const rnd = mulberry32(seedFor(lat, lng, 'aerial'))
  const cv = new Canvas(size)
  if (variant === 'blank') {
    const g = pick(rnd, GROUNDS)
    for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) cv.set(x, y, g)
    return (looks ?? [undefined]).map(() => ({ cv, shape: 'none' as const }))
  }
  const sunAngle = range(rnd, 0, Math.PI * 2)
  const sun = { dx: Math.cos(sunAngle), dy: Math.sin(sunAngle) } // direction shadows fall
  const centre = size / 2
  const sections = houseSections(rnd, size, centre + range(rnd, -0.02, 0.02) * size, centre + range(rnd, -0.02, 0.02) * size)
  paintGround(cv, rnd)
  if (variant !== 'no_building') paintStreet(cv, rnd, sections[0])
  // trees around the lot, kept off the roof so the house stays visible
  const reach = Math.max(...sections.map((s) => Math.hypot(s.cx - centre, s.cy - centre) + Math.hypot(s.halfLen, s.halfWid)))
  const trees = variant === 'no_building' ? 10 + Math.floor(rnd() * 6) : Math.floor(rnd() * 7)
  for (let t = 0; t < trees; t++) {
    const r = size * range(rnd, 0.025, 0.07)
    const a = range(rnd, 0, Math.PI * 2)
    const minDist = variant === 'no_building' ? 0 : reach + r * 0.8
    const d = range(rnd, minDist, Math.max(minDist + 1, size * 0.48))
    paintTree(cv, rnd, centre + Math.cos(a) * d, centre + Math.sin(a) * d, r, sun)
  }
  const shapeFor = (look?: SyntheticRoofLook): SyntheticRoofShape =>
    variant === 'no_building'
      ? 'none'
      : look?.material === 'flat'
        ? 'flat'
        : sections.length > 1
          ? 'complex'
          : sections[0].hip
            ? 'hip'
            : 'gable'
  if (!looks) {
    if (variant !== 'no_building') paintHouse(cv, rnd, sections, sun, seedFor(lat, lng, 'shingles'))
    if (variant === 'cloud') paintCloud(cv, rnd)
    if (variant === 'shadow') paintShadow(cv, rnd)
    return [{ cv, shape: shapeFor() }]
  }
  // lazily, one copy of the lot at a time (a 640-px canvas is ~5 MB of floats)
  return (function* () {
    for (const look of looks) yield dress(look)
  })()

  function dress(look: SyntheticRoofLook): Rendered {
    const out = cv.clone()
    const houseRnd = mulberry32(seedFor(lat, lng, 'house'))
    if (variant !== 'no_building') {
      paintLookedHouse(out, houseRnd, sections, sun, seedFor(lat, lng, 'shingles'), look, mulberry32(seedFor(lat, lng, 'look')))
      if (look.hidden) hideRoof(out, houseRnd, sections, look.hidden, sun)
    }
    if (variant === 'cloud') paintCloud(out, houseRnd)
    if (variant === 'shadow') paintShadow(out, houseRnd)
    return { cv: out, shape: shapeFor(look) }
  }
}

function checkedSize(input: { size?: number; variant?: SyntheticVariant }): number {
  const size = input.variant === 'tiny' ? TINY_SIZE : Math.round(input.size ?? DEFAULT_SIZE)
  if (!Number.isFinite(size) || size < 16 || size > 2048) throw new RangeError(`synthetic aerial size out of range: ${size}`)
  return size
}

async function encode(r: Rendered, size: number, lat: number, lng: number): Promise<SyntheticAerial> {
  // the street can be on any side: the whole lot is turned by a multiple of 90° (square, so the size stays)
  const turn = (seedFor(lat, lng, 'turn') % 4) * 90
  const raw = r.cv.toBuffer() // synchronously: the float canvas can go before the encoder runs
  const bytes = await sharp(raw, { raw: { width: size, height: size, channels: 3 } })
    .rotate(turn)
    .jpeg(JPEG)
    .toBuffer()
  return { bytes, contentType: 'image/jpeg', width: size, height: size, roofShape: r.shape }
}

/** Same lat/lng (to 6 decimals) and options → the same JPEG bytes. */
export async function generateSyntheticAerial(input: SyntheticAerialInput): Promise<SyntheticAerial> {
  const variant = input.variant ?? 'house'
  const size = checkedSize(input)
  const [r] = [...render(size, variant, input.lat, input.lng, input.roof ? [input.roof] : undefined)]
  return encode(r, size, input.lat, input.lng)
}

/**
 * One lot with several dressed roofs (in the order of `looks`), each the same bytes `generateSyntheticAerial` gives
 * for that look: the lot is drawn once (~85 ms), each roof costs ~15 ms more. For demo data with many looks.
 */
export async function generateSyntheticAerialLooks(
  input: Omit<SyntheticAerialInput, 'roof'> & { looks: readonly SyntheticRoofLook[] },
): Promise<SyntheticAerial[]> {
  const variant = input.variant ?? 'house'
  const size = checkedSize(input)
  // each roof is encoded in sharp's thread pool while the next one is painted
  const out: Promise<SyntheticAerial>[] = []
  for (const r of render(size, variant, input.lat, input.lng, input.looks)) out.push(encode(r, size, input.lat, input.lng))
  return Promise.all(out)
}

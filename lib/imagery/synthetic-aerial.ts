// Deterministic synthetic aerial photo for sandbox mode: a top-down suburban lot (grass, street, driveway, trees,
// shadows) with a house roof at the centre (shingle courses, ridge/hip lines, lit and shaded planes, sometimes
// stains or moss). Seeded only by lat/lng, so the same property always gets the same bytes, and every property
// looks different. It passes the imagery quality gate; `variant` produces the gate's failure cases for tests.
import 'server-only'
import { createHash } from 'node:crypto'
import sharp from 'sharp'
import { mulberry32 } from '@/lib/mulberry32'

export type SyntheticVariant = 'house' | 'blank' | 'tiny' | 'cloud' | 'shadow' | 'no_building'

export interface SyntheticAerialInput {
  lat: number
  lng: number
  /** edge in pixels (square); default 640. 'tiny' ignores it */
  size?: number
  variant?: SyntheticVariant
}

export interface SyntheticAerial {
  bytes: Buffer
  contentType: 'image/jpeg'
  width: number
  height: number
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

function render(size: number, variant: SyntheticVariant, lat: number, lng: number): Canvas {
  const rnd = mulberry32(seedFor(lat, lng, 'aerial'))
  const cv = new Canvas(size)
  if (variant === 'blank') {
    const g = pick(rnd, GROUNDS)
    for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) cv.set(x, y, g)
    return cv
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
  if (variant !== 'no_building') paintHouse(cv, rnd, sections, sun, seedFor(lat, lng, 'shingles'))
  if (variant === 'cloud') paintCloud(cv, rnd)
  if (variant === 'shadow') paintShadow(cv, rnd)
  return cv
}

/** Same lat/lng (to 6 decimals) and options → the same JPEG bytes. */
export async function generateSyntheticAerial(input: SyntheticAerialInput): Promise<SyntheticAerial> {
  const variant = input.variant ?? 'house'
  const size = variant === 'tiny' ? TINY_SIZE : Math.round(input.size ?? DEFAULT_SIZE)
  if (!Number.isFinite(size) || size < 16 || size > 2048) throw new RangeError(`synthetic aerial size out of range: ${size}`)
  const cv = render(size, variant, input.lat, input.lng)
  // the street can be on any side: the whole lot is turned by a multiple of 90° (square, so the size stays)
  const turn = (seedFor(input.lat, input.lng, 'turn') % 4) * 90
  const bytes = await sharp(cv.toBuffer(), { raw: { width: size, height: size, channels: 3 } })
    .rotate(turn)
    .jpeg(JPEG)
    .toBuffer()
  return { bytes, contentType: 'image/jpeg', width: size, height: size }
}

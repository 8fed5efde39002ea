// Polygon scan areas (a shape drawn on the map): area, self-intersection, size limits, point-in-polygon and the
// bounding circle the discovery sources query. Pure and isomorphic: the scan form checks a shape as it is drawn
// with the same functions the server refuses it with (lib/geo/area.ts resolveArea). Unit-tested in polygon.test.ts.
//
// Geometry: areas use the spherical-excess approximation of a polygon with great-circle-ish edges on a sphere of
// mean radius 6,371,008.8 m (Chamberlain & Duquette 2007; under 1 % off the ellipsoid for areas this size);
// crossing tests and the centroid use a local equirectangular projection around the shape (x = R·Δλ·cos φ₀,
// y = R·Δφ), exact enough for a shape at most 100 miles across.
import { AppError } from '@/lib/errors'

export interface LatLng {
  lat: number
  lng: number
}

const EARTH_RADIUS_METERS = 6_371_008.8
const METERS_PER_MILE = 1_609.344
const SQ_METERS_PER_SQ_MILE = METERS_PER_MILE * METERS_PER_MILE

/** A drawn area holds 3–200 corners (the database CHECK says the same). */
export const POLYGON_MIN_VERTICES = 3
export const POLYGON_MAX_VERTICES = 200
/** The largest scan circle (50 mi radius) is the largest area a drawn shape may cover: π·50² ≈ 7,854 sq mi. */
export const POLYGON_MAX_RADIUS_MILES = 50
export const POLYGON_MAX_SQ_MILES = Math.PI * POLYGON_MAX_RADIUS_MILES ** 2
/** Below this a shape is a line or a dot, not an area (0.01 sq mi ≈ 6.4 acres, about one city block). */
export const POLYGON_MIN_SQ_MILES = 0.01

export type PolygonProblemCode = 'too_few_vertices' | 'too_many_vertices' | 'self_intersection' | 'degenerate_area' | 'area_too_large'

export const POLYGON_MESSAGES: Record<PolygonProblemCode, string> = {
  too_few_vertices: `Draw at least ${POLYGON_MIN_VERTICES} corners`,
  too_many_vertices: `Draw at most ${POLYGON_MAX_VERTICES} corners`,
  self_intersection: "The area's edges cross each other; draw it without crossing lines",
  degenerate_area: 'The area is too small or has no width: draw a shape around at least a block',
  area_too_large: `The area is too large: it must fit within ${POLYGON_MAX_RADIUS_MILES} miles of its centre and cover at most ${Math.round(POLYGON_MAX_SQ_MILES).toLocaleString('en-US')} sq mi`,
}

const rad = (deg: number) => (deg * Math.PI) / 180

function haversineMeters(a: LatLng, b: LatLng): number {
  const dLat = rad(b.lat - a.lat)
  const dLng = rad(b.lng - a.lng)
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2
  return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(h)))
}

/**
 * The vertices as a simple ring: a closing vertex equal to the first is dropped, and so are consecutive
 * duplicates (a double click adds the same point twice).
 */
export function normalizeRing(vertices: readonly LatLng[]): LatLng[] {
  const out: LatLng[] = []
  for (const v of vertices) {
    const last = out.at(-1)
    if (!last || last.lat !== v.lat || last.lng !== v.lng) out.push({ lat: v.lat, lng: v.lng })
  }
  while (out.length > 1 && out[0].lat === out.at(-1)!.lat && out[0].lng === out.at(-1)!.lng) out.pop()
  return out
}

/** Area in square miles on the sphere (absolute: clockwise and anticlockwise rings are the same area). */
export function polygonAreaSqMiles(vertices: readonly LatLng[]): number {
  const n = vertices.length
  if (n < 3) return 0
  let sum = 0
  for (let i = 0; i < n; i++) {
    const a = vertices[i]
    const b = vertices[(i + 1) % n]
    let dLng = b.lng - a.lng
    if (dLng > 180) dLng -= 360
    else if (dLng < -180) dLng += 360
    sum += rad(dLng) * (2 + Math.sin(rad(a.lat)) + Math.sin(rad(b.lat)))
  }
  return Math.abs((sum * EARTH_RADIUS_METERS * EARTH_RADIUS_METERS) / 2) / SQ_METERS_PER_SQ_MILE
}

interface XY {
  x: number
  y: number
}

/** Local equirectangular projection (metres) around the shape's mean point, longitudes unwrapped near it. */
function projector(vertices: readonly LatLng[]): (p: LatLng) => XY {
  const lat0 = vertices.reduce((s, v) => s + v.lat, 0) / Math.max(1, vertices.length)
  const lng0 = vertices[0]?.lng ?? 0
  const k = Math.cos(rad(lat0))
  return (p) => {
    let dLng = p.lng - lng0
    if (dLng > 180) dLng -= 360
    else if (dLng < -180) dLng += 360
    return { x: EARTH_RADIUS_METERS * rad(dLng) * k, y: EARTH_RADIUS_METERS * rad(p.lat - lat0) }
  }
}

const cross = (o: XY, a: XY, b: XY) => (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x)

function onSegment(p: XY, a: XY, b: XY): boolean {
  return Math.min(a.x, b.x) <= p.x && p.x <= Math.max(a.x, b.x) && Math.min(a.y, b.y) <= p.y && p.y <= Math.max(a.y, b.y)
}

/** Whether segments ab and cd share any point (crossing, touching or overlapping). Tolerance: `eps` m². */
function segmentsTouch(a: XY, b: XY, c: XY, d: XY, eps: number): boolean {
  const d1 = cross(c, d, a)
  const d2 = cross(c, d, b)
  const d3 = cross(a, b, c)
  const d4 = cross(a, b, d)
  const s = (v: number) => (Math.abs(v) <= eps ? 0 : Math.sign(v))
  const [s1, s2, s3, s4] = [s(d1), s(d2), s(d3), s(d4)]
  if (s1 * s2 < 0 && s3 * s4 < 0) return true
  if (s1 === 0 && onSegment(a, c, d)) return true
  if (s2 === 0 && onSegment(b, c, d)) return true
  if (s3 === 0 && onSegment(c, a, b)) return true
  if (s4 === 0 && onSegment(d, a, b)) return true
  return false
}

/**
 * The first pair of edges that cross (edge i runs from vertex i to i+1), or null for a simple ring. Any two
 * non-adjacent edges sharing a point count (a figure eight touching at a corner too); two adjacent edges count
 * when they fold back over each other (a spike of zero width).
 */
export function findSelfIntersection(vertices: readonly LatLng[]): [number, number] | null {
  const n = vertices.length
  if (n < 3) return null
  const xy = vertices.map(projector(vertices))
  for (let i = 0; i < n; i++) {
    const a = xy[i]
    const b = xy[(i + 1) % n]
    const c = xy[(i + 2) % n]
    // adjacent edges i and i+1 share vertex i+1: they overlap only when collinear and turning back
    const lenAB = Math.hypot(b.x - a.x, b.y - a.y)
    const lenBC = Math.hypot(c.x - b.x, c.y - b.y)
    const eps1 = 1e-9 * lenAB * lenBC
    const dot = (a.x - b.x) * (c.x - b.x) + (a.y - b.y) * (c.y - b.y)
    if (Math.abs(cross(b, a, c)) <= eps1 && dot > 0) return [i, (i + 1) % n]
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue // the closing edge is adjacent to the first
      const c2 = xy[j]
      const d2 = xy[(j + 1) % n]
      const scale = Math.max(lenAB, Math.hypot(d2.x - c2.x, d2.y - c2.y))
      if (segmentsTouch(a, b, c2, d2, 1e-9 * scale * scale)) return [i, j]
    }
  }
  return null
}

/** Whether a point lies inside the ring (even–odd ray casting in latitude/longitude; boundary points may go either way). */
export function pointInPolygon(point: LatLng, vertices: readonly LatLng[]): boolean {
  let inside = false
  const n = vertices.length
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const a = vertices[i]
    const b = vertices[j]
    if (a.lat > point.lat !== b.lat > point.lat) {
      const lngAt = ((b.lng - a.lng) * (point.lat - a.lat)) / (b.lat - a.lat) + a.lng
      if (point.lng < lngAt) inside = !inside
    }
  }
  return inside
}

/**
 * The ring cut into triangles (ear clipping, in the latitude/longitude plane, where the local projection is linear):
 * index triples into `vertices`. For a simple ring (checkPolygon passed) the triangles tile it exactly.
 */
export function triangulate(vertices: readonly LatLng[]): Array<[number, number, number]> {
  const P = vertices.map((v) => ({ x: v.lng, y: v.lat }))
  let signed = 0
  for (let i = 0; i < P.length; i++) signed += P[i].x * P[(i + 1) % P.length].y - P[(i + 1) % P.length].x * P[i].y
  const idx = P.map((_, i) => i)
  if (signed < 0) idx.reverse() // anticlockwise from here on: an ear turns left
  const out: Array<[number, number, number]> = []
  const inTriangle = (p: XY, a: XY, b: XY, c: XY) => cross(a, b, p) >= 0 && cross(b, c, p) >= 0 && cross(c, a, p) >= 0
  while (idx.length > 3) {
    const m = idx.length
    let cut = -1
    for (let i = 0; i < m && cut < 0; i++) {
      const [ia, ib, ic] = [idx[(i - 1 + m) % m], idx[i], idx[(i + 1) % m]]
      const turn = cross(P[ia], P[ib], P[ic])
      if (turn === 0) {
        cut = i // a corner on a straight line adds no area: drop it
        continue
      }
      if (turn < 0) continue // a reflex corner is no ear
      if (idx.some((j) => j !== ia && j !== ib && j !== ic && inTriangle(P[j], P[ia], P[ib], P[ic]))) continue
      out.push([ia, ib, ic])
      cut = i
    }
    if (cut < 0) break // not a simple ring: keep what was cut
    idx.splice(cut, 1)
  }
  if (idx.length === 3 && cross(P[idx[0]], P[idx[1]], P[idx[2]]) !== 0) out.push([idx[0], idx[1], idx[2]])
  return out
}

/**
 * A sampler of points uniformly distributed inside the ring: a triangle picked by its area, then a uniform point in
 * it. `rnd` returns [0, 1) (a seeded generator gives the same points every time).
 */
export function polygonSampler(vertices: readonly LatLng[]): (rnd: () => number) => LatLng {
  const tris = triangulate(vertices)
  if (!tris.length) throw new Error('polygonSampler: the ring has no area')
  const v = vertices
  const areas = tris.map(([a, b, c]) =>
    Math.abs((v[b].lng - v[a].lng) * (v[c].lat - v[a].lat) - (v[c].lng - v[a].lng) * (v[b].lat - v[a].lat)),
  )
  const total = areas.reduce((s, a) => s + a, 0)
  const cumulative: number[] = []
  areas.reduce((s, a, i) => (cumulative[i] = s + a / total), 0)
  return (rnd) => {
    const u = rnd()
    const t = tris[Math.min(tris.length - 1, cumulative.findIndex((c) => u < c) >>> 0)]
    let r1 = rnd()
    let r2 = rnd()
    if (r1 + r2 > 1) {
      r1 = 1 - r1
      r2 = 1 - r2
    }
    const [a, b, c] = [v[t[0]], v[t[1]], v[t[2]]]
    return { lat: a.lat + r1 * (b.lat - a.lat) + r2 * (c.lat - a.lat), lng: a.lng + r1 * (b.lng - a.lng) + r2 * (c.lng - a.lng) }
  }
}

/** The area's centroid (centre of mass of the projected ring; the vertex mean for a ring with no area). */
export function polygonCentroid(vertices: readonly LatLng[]): LatLng {
  const n = vertices.length
  const meanLat = vertices.reduce((s, v) => s + v.lat, 0) / n
  const lat0 = meanLat
  const lng0 = vertices[0].lng
  const unwrap = (lng: number) => {
    const d = lng - lng0
    return d > 180 ? d - 360 : d < -180 ? d + 360 : d
  }
  const k = Math.cos(rad(lat0))
  let a2 = 0
  let cx = 0
  let cy = 0
  for (let i = 0; i < n; i++) {
    const p = { x: unwrap(vertices[i].lng) * k, y: vertices[i].lat - lat0 }
    const q = { x: unwrap(vertices[(i + 1) % n].lng) * k, y: vertices[(i + 1) % n].lat - lat0 }
    const c = p.x * q.y - q.x * p.y
    a2 += c
    cx += (p.x + q.x) * c
    cy += (p.y + q.y) * c
  }
  if (Math.abs(a2) < 1e-12) return { lat: meanLat, lng: lng0 + vertices.reduce((s, v) => s + unwrap(v.lng), 0) / n }
  const lng = lng0 + cx / (3 * a2) / k
  return { lat: lat0 + cy / (3 * a2), lng: ((((lng + 180) % 360) + 360) % 360) - 180 }
}

/** The circle the discovery sources query: the centroid and the distance to the farthest corner (metres, rounded up). */
export function boundingCircle(vertices: readonly LatLng[]): { centre: LatLng; radiusMeters: number } {
  const centre = polygonCentroid(vertices)
  const radiusMeters = Math.max(1, Math.ceil(Math.max(...vertices.map((v) => haversineMeters(centre, v)))))
  return { centre, radiusMeters }
}

export type PolygonCheck =
  | { ok: true; vertices: LatLng[]; areaSqMiles: number; centre: LatLng; radiusMeters: number }
  | { ok: false; code: PolygonProblemCode; message: string; areaSqMiles: number }

/**
 * Everything that makes a drawn shape scannable: 3–200 corners, no crossing edges, a real area
 * (≥ 0.01 sq mi), and no larger than the largest scan circle (≤ 7,854 sq mi and every corner within 50 mi
 * of the centroid).
 */
export function checkPolygon(input: readonly LatLng[]): PolygonCheck {
  const vertices = normalizeRing(input)
  const fail = (code: PolygonProblemCode, areaSqMiles = 0): PolygonCheck => ({
    ok: false,
    code,
    message: POLYGON_MESSAGES[code],
    areaSqMiles,
  })
  if (vertices.length < POLYGON_MIN_VERTICES) return fail('too_few_vertices')
  if (vertices.length > POLYGON_MAX_VERTICES) return fail('too_many_vertices')
  const areaSqMiles = polygonAreaSqMiles(vertices)
  if (findSelfIntersection(vertices)) return fail('self_intersection', areaSqMiles)
  if (!(areaSqMiles >= POLYGON_MIN_SQ_MILES)) return fail('degenerate_area', areaSqMiles)
  const { centre, radiusMeters } = boundingCircle(vertices)
  if (areaSqMiles > POLYGON_MAX_SQ_MILES || radiusMeters > POLYGON_MAX_RADIUS_MILES * METERS_PER_MILE)
    return fail('area_too_large', areaSqMiles)
  return { ok: true, vertices, areaSqMiles, centre, radiusMeters }
}

/** checkPolygon, or VALIDATION_FAILED at `area.vertices` with the reason (the scan form shows it on the map). */
export function assertValidPolygon(vertices: readonly LatLng[]): Extract<PolygonCheck, { ok: true }> {
  const r = checkPolygon(vertices)
  if (r.ok) return r
  throw new AppError('VALIDATION_FAILED', r.message, {
    details: { issues: [{ path: 'area.vertices', message: r.message, code: r.code }] },
  })
}

/** "3.2 sq mi", "0.45 sq mi", "1,250 sq mi" */
export function formatSqMiles(sqMiles: number): string {
  const v = sqMiles >= 100 ? Math.round(sqMiles) : sqMiles >= 1 ? Math.round(sqMiles * 10) / 10 : Math.round(sqMiles * 100) / 100
  return `${v.toLocaleString('en-US')} sq mi`
}

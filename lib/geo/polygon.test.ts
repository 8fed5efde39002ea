import { describe, expect, it } from 'vitest'
import { AppError } from '@/lib/errors'
import { destination, haversineMeters, milesToMeters } from '@/lib/geo/distance'
import { estimatePropertiesInArea, resolveArea, withinArea } from '@/lib/geo/area'
import {
  assertValidPolygon,
  boundingCircle,
  checkPolygon,
  findSelfIntersection,
  formatSqMiles,
  normalizeRing,
  pointInPolygon,
  polygonAreaSqMiles,
  polygonCentroid,
  polygonSampler,
  POLYGON_MAX_SQ_MILES,
  triangulate,
  type LatLng,
} from '@/lib/geo/polygon'
import { polygonAreaSchema, scanAreaSchema } from '@/lib/geo/schemas'
import { sandboxProperties } from '@/lib/geo/sandbox-properties'
import { mulberry32 } from '@/lib/mulberry32'

const DALLAS = { lat: 32.7767, lng: -96.797 }
/** A square `miles` on a side centred on `c`, corners from north-west clockwise (great-circle offsets). */
function square(c: LatLng, miles: number): LatLng[] {
  const h = milesToMeters(miles / 2)
  const n = destination(c, h, 0).lat
  const s = destination(c, h, Math.PI).lat
  const e = destination(c, h, Math.PI / 2).lng
  const w = destination(c, h, -Math.PI / 2).lng
  return [
    { lat: n, lng: w },
    { lat: n, lng: e },
    { lat: s, lng: e },
    { lat: s, lng: w },
  ]
}
const sq = square(DALLAS, 2)
/** The same corners in bow-tie order: the 2nd and 4th edges cross in the middle. */
const bowTie = [sq[0], sq[1], sq[3], sq[2]]

describe('polygon area', () => {
  it('a 2 mi × 2 mi square is 4 sq mi within 2 %', () => {
    expect(polygonAreaSqMiles(sq)).toBeGreaterThan(4 * 0.98)
    expect(polygonAreaSqMiles(sq)).toBeLessThan(4 * 1.02)
  })

  it('a 1° × 1° cell at the equator is ≈ 4,774 sq mi (spherical: R²·Δλ·(sin φ₂ − sin φ₁)) within 2 %, either winding', () => {
    const cell = [
      { lat: 0, lng: 0 },
      { lat: 0, lng: 1 },
      { lat: 1, lng: 1 },
      { lat: 1, lng: 0 },
    ]
    const exact = ((6_371_008.8 ** 2 * (Math.PI / 180) * Math.sin(Math.PI / 180)) / 1_609.344 ** 2) as number
    expect(Math.abs(polygonAreaSqMiles(cell) - exact) / exact).toBeLessThan(0.02)
    expect(polygonAreaSqMiles([...cell].reverse())).toBeCloseTo(polygonAreaSqMiles(cell), 6)
  })

  it('an L-shape (concave) is 3 of its 4 squares', () => {
    const big = square(DALLAS, 2)
    const mid = DALLAS
    const l = [big[0], { lat: big[0].lat, lng: mid.lng }, mid, { lat: mid.lat, lng: big[1].lng }, big[2], big[3]]
    expect(polygonAreaSqMiles(l) / polygonAreaSqMiles(big)).toBeCloseTo(0.75, 2)
    expect(findSelfIntersection(l)).toBeNull()
    expect(checkPolygon(l).ok).toBe(true)
  })
})

describe('checkPolygon', () => {
  it('accepts a square: its area, and a bounding circle holding every corner', () => {
    const r = checkPolygon(sq)
    if (!r.ok) throw new Error(r.message)
    expect(r.areaSqMiles).toBeCloseTo(4, 1)
    expect(haversineMeters(r.centre, DALLAS)).toBeLessThan(5)
    for (const v of sq) expect(haversineMeters(r.centre, v)).toBeLessThanOrEqual(r.radiusMeters)
    // half the diagonal of a 2-mile square: √2 mi
    expect(r.radiusMeters).toBeGreaterThan(milesToMeters(Math.SQRT2) * 0.99)
    expect(r.radiusMeters).toBeLessThan(milesToMeters(Math.SQRT2) * 1.01)
  })

  it('refuses a bow-tie with the message the form shows', () => {
    expect(findSelfIntersection(bowTie)).not.toBeNull()
    expect(checkPolygon(bowTie)).toMatchObject({
      ok: false,
      code: 'self_intersection',
      message: "The area's edges cross each other; draw it without crossing lines",
    })
  })

  it('refuses shapes whose edges touch: a figure eight through one corner, a spike folding back', () => {
    const b = square(DALLAS, 2)
    const eight = [b[0], b[1], DALLAS, b[2], b[3], DALLAS]
    expect(checkPolygon(eight)).toMatchObject({ ok: false, code: 'self_intersection' })
    const spike = [
      b[0],
      b[1],
      b[2],
      b[3],
      { lat: DALLAS.lat, lng: b[3].lng },
      { lat: DALLAS.lat, lng: DALLAS.lng },
      { lat: DALLAS.lat, lng: b[3].lng - 0.01 },
    ]
    expect(checkPolygon(spike)).toMatchObject({ ok: false, code: 'self_intersection' })
  })

  it('refuses no area: three corners on one line, or a sliver', () => {
    const line = [DALLAS, { lat: DALLAS.lat + 0.01, lng: DALLAS.lng }, { lat: DALLAS.lat + 0.02, lng: DALLAS.lng }]
    expect(checkPolygon(line)).toMatchObject({ ok: false })
    expect(['degenerate_area', 'self_intersection']).toContain((checkPolygon(line) as { code: string }).code)
    const tiny = square(DALLAS, 0.05) // 0.0025 sq mi
    expect(checkPolygon(tiny)).toMatchObject({ ok: false, code: 'degenerate_area' })
  })

  it('refuses fewer than 3 corners once duplicates are dropped', () => {
    expect(checkPolygon([DALLAS, DALLAS, sq[1], sq[1]])).toMatchObject({ ok: false, code: 'too_few_vertices' })
  })

  it('refuses an area larger than the largest circle, or reaching more than 50 mi from its centre', () => {
    const huge = square(DALLAS, 95) // 9,025 sq mi
    expect(checkPolygon(huge)).toMatchObject({ ok: false, code: 'area_too_large' })
    // 80 × 80 mi = 6,400 sq mi < 7,854, but its corners are 56.6 mi from the centre
    expect(polygonAreaSqMiles(square(DALLAS, 80))).toBeLessThan(POLYGON_MAX_SQ_MILES)
    expect(checkPolygon(square(DALLAS, 80))).toMatchObject({ ok: false, code: 'area_too_large' })
    // a long thin strip: small area, 120 miles long
    const strip = [
      { lat: DALLAS.lat, lng: DALLAS.lng - 1 },
      { lat: DALLAS.lat, lng: DALLAS.lng + 1 },
      { lat: DALLAS.lat + 0.01, lng: DALLAS.lng + 1 },
      { lat: DALLAS.lat + 0.01, lng: DALLAS.lng - 1 },
    ]
    expect(checkPolygon(strip)).toMatchObject({ ok: false, code: 'area_too_large' })
    expect(checkPolygon(square(DALLAS, 70)).ok).toBe(true) // corners 49.5 mi out, 4,900 sq mi
  })

  it('assertValidPolygon throws VALIDATION_FAILED at area.vertices with the reason code', () => {
    try {
      assertValidPolygon(bowTie)
      throw new Error('expected a refusal')
    } catch (e) {
      expect(e).toBeInstanceOf(AppError)
      expect(e).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: { issues: [{ path: 'area.vertices', code: 'self_intersection', message: expect.stringContaining('cross') }] },
      })
    }
  })
})

describe('point in polygon, centroid, triangulation', () => {
  it('inside, outside and the notch of an L', () => {
    const big = square(DALLAS, 2)
    const l = [big[0], { lat: big[0].lat, lng: DALLAS.lng }, DALLAS, { lat: DALLAS.lat, lng: big[1].lng }, big[2], big[3]]
    const nw = { lat: (big[0].lat + DALLAS.lat) / 2, lng: (big[0].lng + DALLAS.lng) / 2 }
    const ne = { lat: (big[0].lat + DALLAS.lat) / 2, lng: (big[1].lng + DALLAS.lng) / 2 }
    expect(pointInPolygon(nw, l)).toBe(true)
    expect(pointInPolygon(ne, l)).toBe(false) // the notch
    expect(pointInPolygon({ lat: DALLAS.lat + 1, lng: DALLAS.lng }, l)).toBe(false)
    expect(pointInPolygon(DALLAS, sq)).toBe(true)
  })

  it('centroid of a square is its middle; triangles tile the ring', () => {
    expect(haversineMeters(polygonCentroid(sq), DALLAS)).toBeLessThan(5)
    const big = square(DALLAS, 2)
    const l = [big[0], { lat: big[0].lat, lng: DALLAS.lng }, DALLAS, { lat: DALLAS.lat, lng: big[1].lng }, big[2], big[3]]
    const tris = triangulate(l)
    expect(tris).toHaveLength(l.length - 2)
    const sum = tris.reduce((s, t) => s + polygonAreaSqMiles(t.map((i) => l[i])), 0)
    expect(sum / polygonAreaSqMiles(l)).toBeCloseTo(1, 3)
  })

  it('the sampler only yields points inside the shape, over all of it', () => {
    const big = square(DALLAS, 2)
    const l = [big[0], { lat: big[0].lat, lng: DALLAS.lng }, DALLAS, { lat: DALLAS.lat, lng: big[1].lng }, big[2], big[3]]
    const sample = polygonSampler(l)
    const rnd = mulberry32(42)
    const pts = Array.from({ length: 600 }, () => sample(rnd))
    expect(pts.every((p) => pointInPolygon(p, l))).toBe(true)
    // the south half is 2/3 of the L's area
    const south = pts.filter((p) => p.lat < DALLAS.lat).length / pts.length
    expect(south).toBeGreaterThan(0.6)
    expect(south).toBeLessThan(0.73)
  })

  it('bounding circle: centroid + farthest corner, rounded up', () => {
    const { centre, radiusMeters } = boundingCircle(sq)
    expect(Math.max(...sq.map((v) => haversineMeters(centre, v)))).toBeLessThanOrEqual(radiusMeters)
  })
})

describe('polygonAreaSchema', () => {
  const issues = (v: unknown) => {
    const r = scanAreaSchema.safeParse(v)
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
  }

  it('drops a closing corner equal to the first and consecutive duplicates', () => {
    const parsed = polygonAreaSchema.parse({ kind: 'polygon', vertices: [sq[0], sq[0], sq[1], sq[2], sq[2], sq[3], sq[0]] })
    expect(parsed.vertices).toEqual(sq)
    expect(normalizeRing([sq[0], sq[1], sq[2], sq[0]])).toEqual([sq[0], sq[1], sq[2]])
  })

  it('refuses 2 corners, more than 200, NaN, out-of-range coordinates and a missing list', () => {
    expect(issues({ kind: 'polygon', vertices: [sq[0], sq[1]] })).toEqual(['vertices: Draw at least 3 corners'])
    expect(issues({ kind: 'polygon', vertices: [sq[0], sq[1], sq[1], sq[0]] })).toEqual(['vertices: Draw at least 3 corners'])
    const many = Array.from({ length: 201 }, (_, i) => destination(DALLAS, 1000, (2 * Math.PI * i) / 201))
    expect(issues({ kind: 'polygon', vertices: many })).toEqual(['vertices: Draw at most 200 corners'])
    expect(issues({ kind: 'polygon', vertices: [sq[0], sq[1], { lat: NaN, lng: 0 }] })[0]).toMatch(/^vertices\.2\.lat: /)
    expect(issues({ kind: 'polygon', vertices: [sq[0], sq[1], { lat: 91, lng: 0 }] })).toEqual([
      'vertices.2.lat: Latitude must be between -90 and 90',
    ])
    expect(issues({ kind: 'polygon', vertices: [sq[0], sq[1], { lat: 1, lng: '2' }] })[0]).toMatch(/^vertices\.2\.lng: /)
    expect(issues({ kind: 'polygon' })).toEqual(['vertices: Draw the area on the map'])
  })
})

describe('resolveArea(polygon) and the sandbox source', () => {
  const area = resolveArea(scanAreaSchema.parse({ kind: 'polygon', vertices: sq }))

  it('resolves to its bounding circle, keeps the shape and labels it with its area', () => {
    expect(area).toMatchObject({ kind: 'polygon', label: 'Drawn area (4 sq mi)', polygon: sq })
    expect(area.areaSqMiles).toBeCloseTo(4, 1)
    expect(formatSqMiles(3.21)).toBe('3.2 sq mi')
    expect(formatSqMiles(0.456)).toBe('0.46 sq mi')
  })

  it('refuses a bow-tie or a huge area with VALIDATION_FAILED at area.vertices', () => {
    for (const vertices of [bowTie, square(DALLAS, 95)]) {
      expect(() => resolveArea(scanAreaSchema.parse({ kind: 'polygon', vertices }))).toThrowError(
        expect.objectContaining({ code: 'VALIDATION_FAILED', details: { issues: [expect.objectContaining({ path: 'area.vertices' })] } }),
      )
    }
  })

  it("estimates homes from the shape's own area, not its bounding circle's", () => {
    const circle = resolveArea({ kind: 'radius', lat: area.centre.lat, lng: area.centre.lng, radiusMiles: area.radiusMeters / 1_609.344 })
    const e = estimatePropertiesInArea(area)
    const c = estimatePropertiesInArea(circle)
    expect(e.densityPerSqMi).toBe(c.densityPerSqMi)
    // square / circumscribed circle = 2/π
    expect(e.inArea / c.inArea).toBeCloseTo(2 / Math.PI, 1)
  })

  it('withinArea: inside the circle AND the shape', () => {
    expect(withinArea(DALLAS, area)).toBe(true)
    // inside the bounding circle, outside the square (past its east edge, on the centre's parallel)
    const east = destination(DALLAS, milesToMeters(1.2), Math.PI / 2)
    expect(haversineMeters(east, area.centre)).toBeLessThan(area.radiusMeters)
    expect(withinArea(east, area)).toBe(false)
  })

  it('sandbox properties all lie inside the shape, deterministically', () => {
    const big = square(DALLAS, 2)
    const l = [big[0], { lat: big[0].lat, lng: DALLAS.lng }, DALLAS, { lat: DALLAS.lat, lng: big[1].lng }, big[2], big[3]]
    const lArea = resolveArea(scanAreaSchema.parse({ kind: 'polygon', vertices: l }))
    const a = sandboxProperties(lArea, 150)
    expect(a).toHaveLength(150)
    expect(a.every((p) => pointInPolygon(p, l))).toBe(true)
    expect(sandboxProperties(lArea, 150)).toEqual(a)
    expect(sandboxProperties(lArea, 60)).toEqual(a.slice(0, 60))
  })
})

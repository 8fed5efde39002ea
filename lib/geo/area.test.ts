import { describe, expect, it } from 'vitest'
import { AppError } from '@/lib/errors'
import {
  boundingBoxOfCircle,
  destination,
  estimatePropertiesInArea,
  haversineMeters,
  haversineMiles,
  metersToMiles,
  milesToMeters,
  pointInCircle,
  resolveArea,
  scanAreaSchema,
  ZIP_RADIUS_MILES,
  type ScanArea,
} from '@/lib/geo/area'

const issues = (v: unknown) => {
  const r = scanAreaSchema.safeParse(v)
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
}

describe('scanAreaSchema', () => {
  it('accepts a ZIP, a city + state and a centre + radius', () => {
    expect(scanAreaSchema.parse({ kind: 'zip', zip: ' 78701 ' })).toEqual({ kind: 'zip', zip: '78701' })
    expect(scanAreaSchema.parse({ kind: 'city', city: 'Austin', state: 'tx' })).toEqual({ kind: 'city', city: 'Austin', state: 'TX' })
    expect(scanAreaSchema.parse({ kind: 'radius', lat: 30.27, lng: -97.74, radiusMiles: 0.5 })).toMatchObject({ radiusMiles: 0.5 })
    expect(scanAreaSchema.parse({ kind: 'radius', lat: 30.27, lng: -97.74, radiusMiles: 50 })).toMatchObject({ radiusMiles: 50 })
  })

  it('refuses a radius of 0 or 500 miles, naming the field', () => {
    expect(issues({ kind: 'radius', lat: 30, lng: -97, radiusMiles: 0 })).toEqual(['radiusMiles: Radius must be between 0.5 and 50 miles'])
    expect(issues({ kind: 'radius', lat: 30, lng: -97, radiusMiles: 500 })).toEqual([
      'radiusMiles: Radius must be between 0.5 and 50 miles',
    ])
    expect(issues({ kind: 'radius', lat: 30, lng: -97, radiusMiles: 0.49 })).toHaveLength(1)
  })

  it('refuses latitudes and longitudes out of range, and non-numbers', () => {
    expect(issues({ kind: 'radius', lat: 91, lng: 0, radiusMiles: 1 })).toEqual(['lat: Latitude must be between -90 and 90'])
    expect(issues({ kind: 'radius', lat: 0, lng: -180.5, radiusMiles: 1 })).toEqual(['lng: Longitude must be between -180 and 180'])
    expect(issues({ kind: 'radius', lat: '30', lng: Number.NaN, radiusMiles: 1 })).toHaveLength(2)
  })

  it('refuses a ZIP that is not 5 digits, a bad state and an unknown kind', () => {
    for (const zip of ['1234', '123456', '7870A', '78701-1234', ''])
      expect(issues({ kind: 'zip', zip })).toEqual(['zip: ZIP must be 5 digits'])
    expect(issues({ kind: 'city', city: 'Austin', state: 'Texas' })).toEqual(['state: State must be a 2-letter code, e.g. TX'])
    expect(issues({ kind: 'city', city: ' ', state: 'TX' })).toEqual(['city: Enter a city'])
    expect(issues({ kind: 'hexagon' })).toEqual(['kind: Choose a ZIP, a city, a point and radius, or an area drawn on the map'])
  })
})

describe('distance helpers', () => {
  const austin = { lat: 30.2672, lng: -97.7431 }
  const dallas = { lat: 32.7767, lng: -96.797 }

  it('converts miles and metres', () => {
    expect(milesToMeters(1)).toBeCloseTo(1609.344, 6)
    expect(metersToMiles(milesToMeters(12.5))).toBeCloseTo(12.5, 9)
  })

  it('measures great-circle distance (Austin–Dallas ≈ 182 mi; 1° of latitude ≈ 111.2 km)', () => {
    expect(haversineMiles(austin, dallas)).toBeGreaterThan(180)
    expect(haversineMiles(austin, dallas)).toBeLessThan(184)
    expect(haversineMeters({ lat: 0, lng: 0 }, { lat: 1, lng: 0 })).toBeCloseTo(111_195, -1)
    expect(haversineMeters(austin, austin)).toBe(0)
    expect(haversineMeters(austin, dallas)).toBeCloseTo(haversineMeters(dallas, austin), 6)
  })

  it('tells a point inside a circle from one outside', () => {
    const r = milesToMeters(2)
    expect(pointInCircle(destination(austin, r * 0.99, 1), austin, r)).toBe(true)
    expect(pointInCircle(destination(austin, r * 1.01, 1), austin, r)).toBe(false)
  })

  it('walks a distance along a bearing and back', () => {
    for (const bearing of [0, Math.PI / 3, Math.PI, 5]) {
      const p = destination(austin, 10_000, bearing)
      expect(haversineMeters(austin, p)).toBeCloseTo(10_000, 3)
    }
    expect(destination({ lat: 0, lng: 179.99 }, 10_000, Math.PI / 2).lng).toBeLessThan(-179) // wraps the antimeridian
  })

  it('boxes a circle: every rim point inside the box, the box tight at the compass points', () => {
    const r = milesToMeters(50)
    const box = boundingBoxOfCircle(dallas, r)
    for (let b = 0; b < 2 * Math.PI; b += Math.PI / 36) {
      const p = destination(dallas, r, b)
      expect(p.lat).toBeGreaterThanOrEqual(box.south - 1e-9)
      expect(p.lat).toBeLessThanOrEqual(box.north + 1e-9)
      expect(p.lng).toBeGreaterThanOrEqual(box.west - 1e-9)
      expect(p.lng).toBeLessThanOrEqual(box.east + 1e-9)
    }
    expect(destination(dallas, r, 0).lat).toBeCloseTo(box.north, 9)
    expect(boundingBoxOfCircle({ lat: 89.9, lng: 10 }, milesToMeters(50))).toMatchObject({ north: 90, west: -180, east: 180 })
  })
})

describe('resolveArea', () => {
  it('resolves a ZIP offline to its centroid with the documented radius', () => {
    const r = resolveArea({ kind: 'zip', zip: '78701' })
    expect(r).toMatchObject({ kind: 'zip', zip: '78701', city: 'Austin', state: 'TX', label: 'ZIP 78701 (Austin, TX)' })
    expect(haversineMiles(r.centre, { lat: 30.27, lng: -97.74 })).toBeLessThan(1)
    expect(r.radiusMeters).toBeCloseTo(milesToMeters(ZIP_RADIUS_MILES), 6)
  })

  it('resolves a city to a circle covering its ZIPs, capped at 50 mi, ignoring a misplaced ZIP', () => {
    const austin = resolveArea({ kind: 'city', city: 'austin', state: 'TX' })
    expect(austin).toMatchObject({ kind: 'city', city: 'Austin', state: 'TX', label: 'Austin, TX' })
    expect(haversineMiles(austin.centre, { lat: 30.27, lng: -97.74 })).toBeLessThan(10)
    expect(metersToMiles(austin.radiusMeters)).toBeGreaterThan(ZIP_RADIUS_MILES)
    expect(metersToMiles(austin.radiusMeters)).toBeLessThanOrEqual(50)
    // one New York, NY ZIP in the table has its longitude's sign flipped (it would sit in Asia)
    const ny = resolveArea({ kind: 'city', city: 'New York', state: 'NY' })
    expect(haversineMiles(ny.centre, { lat: 40.75, lng: -73.98 })).toBeLessThan(5)
    expect(metersToMiles(ny.radiusMeters)).toBeLessThan(15)
  })

  it('passes a centre + radius through', () => {
    expect(resolveArea({ kind: 'radius', lat: 30.2672, lng: -97.7431, radiusMiles: 2 })).toEqual({
      kind: 'radius',
      centre: { lat: 30.2672, lng: -97.7431 },
      radiusMeters: milesToMeters(2),
      label: '2 mi around 30.26720, -97.74310',
    })
  })

  it('an unknown ZIP or city is VALIDATION_FAILED with the field path (never a 500)', () => {
    const fail = (area: ScanArea) => {
      try {
        resolveArea(area)
      } catch (e) {
        return e as AppError
      }
      throw new Error('expected a failure')
    }
    const zip = fail({ kind: 'zip', zip: '00000' })
    expect(zip).toBeInstanceOf(AppError)
    expect(zip.code).toBe('VALIDATION_FAILED')
    expect(zip.status).toBe(422)
    expect(zip.details).toMatchObject({ issues: [{ path: 'zip', message: expect.stringContaining('00000') }] })
    const city = fail({ kind: 'city', city: 'Atlantis', state: 'TX' })
    expect(city.details).toMatchObject({ issues: [{ path: 'city' }] })
  })
})

describe('estimatePropertiesInArea', () => {
  const at = (lat: number, lng: number, radiusMiles: number) => resolveArea({ kind: 'radius', lat, lng, radiusMiles })

  it('grows with the area and is denser in a city than in the countryside', () => {
    const small = estimatePropertiesInArea(at(30.2672, -97.7431, 1))
    const large = estimatePropertiesInArea(at(30.2672, -97.7431, 3))
    expect(small.inArea).toBeGreaterThan(500)
    expect(large.inArea).toBeGreaterThan(small.inArea * 5)
    const rural = estimatePropertiesInArea(at(44.5, -103.5, 1))
    expect(rural.densityPerSqMi).toBeLessThan(small.densityPerSqMi)
    expect(small.densityPerSqMi).toBeLessThanOrEqual(2_500)
    expect(rural.densityPerSqMi).toBeGreaterThanOrEqual(10)
  })

  it('is capped by the scan cap, and says so', () => {
    const e = estimatePropertiesInArea(at(30.2672, -97.7431, 5), { cap: 250 })
    expect(e).toMatchObject({ expected: 250, capped: true })
    expect(e.inArea).toBeGreaterThan(250)
    const uncapped = estimatePropertiesInArea(at(44.5, -103.5, 0.5), { cap: 1_000 })
    expect(uncapped.capped).toBe(false)
    expect(uncapped.expected).toBe(uncapped.inArea)
  })

  it('finds no homes in the open sea', () => {
    expect(estimatePropertiesInArea(at(0, -150, 10), { cap: 100 })).toMatchObject({ inArea: 0, expected: 0, densityPerSqMi: 0 })
  })
})

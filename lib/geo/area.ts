// Scan areas (PRODUCT.md §5.1): validation (the zod schema lives in ./schemas.ts so the form can share it),
// resolution of a ZIP / city / centre+radius to one circle, offline with the `zipcodes` package, and the
// residential-density heuristic behind the scan estimate. Pure apart from reading the bundled ZIP table.
import 'server-only'
import { AppError } from '@/lib/errors'
import { circleAreaSqMiles, haversineMeters, milesToMeters, type LatLng } from '@/lib/geo/distance'
import { assertValidPolygon, formatSqMiles, pointInPolygon } from '@/lib/geo/polygon'
import type { ScanArea } from '@/lib/geo/schemas'
import type { ResolvedArea } from '@/lib/geo/types'
import { lookupZip, zipsNear, zipsOfCity } from '@/lib/geo/zip-index'

export * from '@/lib/geo/distance'
export { polygonAreaSchema, scanAreaSchema, RADIUS_MAX_MILES, RADIUS_MIN_MILES, type ScanArea, type ScanAreaInput } from '@/lib/geo/schemas'
export type { DiscoveredProperty, PropertySource, ResolvedArea } from '@/lib/geo/types'

/**
 * Radius given to a ZIP area around its centroid: 2.5 mi (≈ 20 sq mi, the size of a typical suburban ZIP).
 * Urban ZIPs are smaller (the circle spills into neighbours), rural ones larger (it covers the ZIP's core,
 * where its homes are); the property cap bounds the scan either way.
 */
export const ZIP_RADIUS_MILES = 2.5
/**
 * A city area is the centroid of its ZIP centroids, with a radius reaching its 90th-percentile ZIP plus one ZIP
 * radius (an outlying PO-box ZIP does not blow the circle up), at least one ZIP radius, at most 50 mi.
 */
export const CITY_MAX_RADIUS_MILES = 50

function unknownArea(path: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', message, { details: { issues: [{ path, message, code: 'unknown_area' }] } })
}

function medianOf(values: number[]): number {
  const v = [...values].sort((a, b) => a - b)
  const mid = Math.floor(v.length / 2)
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2
}

const fmt = (n: number) => n.toFixed(5)
const trimNum = (n: number) => String(Math.round(n * 100) / 100)

/** A validated scan area → its circle. An unknown ZIP or city is VALIDATION_FAILED with the field's path. */
export function resolveArea(area: ScanArea): ResolvedArea {
  switch (area.kind) {
    case 'zip': {
      const z = lookupZip(area.zip)
      if (!z) throw unknownArea('zip', `We don't know the ZIP code ${area.zip}`)
      return {
        kind: 'zip',
        centre: { lat: z.lat, lng: z.lng },
        radiusMeters: milesToMeters(ZIP_RADIUS_MILES),
        label: `ZIP ${z.zip} (${z.city}, ${z.state})`,
        zip: z.zip,
        city: z.city,
        state: z.state,
      }
    }
    case 'city': {
      const zips = zipsOfCity(area.city, area.state)
      if (!zips.length) throw unknownArea('city', `We don't know the city ${area.city}, ${area.state}`)
      // the table has a few misplaced centroids (a ZIP of New York, NY sits in Asia): ZIPs farther than 75 mi from
      // the median point are left out, then the centre is the mean of the rest
      const median = { lat: medianOf(zips.map((z) => z.lat)), lng: medianOf(zips.map((z) => z.lng)) }
      const kept = zips.filter((z) => haversineMeters(median, z) <= milesToMeters(75))
      const centre: LatLng = {
        lat: kept.reduce((s, z) => s + z.lat, 0) / kept.length,
        lng: kept.reduce((s, z) => s + z.lng, 0) / kept.length,
      }
      const distances = kept.map((z) => haversineMeters(centre, z)).sort((a, b) => a - b)
      const p90 = distances[Math.min(distances.length - 1, Math.floor(distances.length * 0.9))]
      const radiusMeters = Math.min(milesToMeters(CITY_MAX_RADIUS_MILES), p90 + milesToMeters(ZIP_RADIUS_MILES))
      return { kind: 'city', centre, radiusMeters, label: `${zips[0].city}, ${zips[0].state}`, city: zips[0].city, state: zips[0].state }
    }
    case 'radius':
      return {
        kind: 'radius',
        centre: { lat: area.lat, lng: area.lng },
        radiusMeters: milesToMeters(area.radiusMiles),
        label: `${trimNum(area.radiusMiles)} mi around ${fmt(area.lat)}, ${fmt(area.lng)}`,
      }
    case 'polygon': {
      // crossing edges, no area, or larger than the largest circle → VALIDATION_FAILED at area.vertices
      const p = assertValidPolygon(area.vertices)
      return {
        kind: 'polygon',
        centre: p.centre,
        radiusMeters: p.radiusMeters,
        label: `Drawn area (${formatSqMiles(p.areaSqMiles)})`,
        polygon: p.vertices,
        areaSqMiles: p.areaSqMiles,
      }
    }
  }
}

/**
 * Whether a point belongs to the area: inside its circle (plus `toleranceMeters`, for sources whose search matches
 * a parcel's boundary rather than its centroid) and, for a drawn area, inside the shape. THE filter every
 * discovery source applies, so a polygon scan keeps only the properties inside the polygon.
 */
export function withinArea(point: LatLng, area: ResolvedArea, toleranceMeters = 0): boolean {
  if (haversineMeters(point, area.centre) > area.radiusMeters + toleranceMeters) return false
  return !area.polygon || pointInPolygon(point, area.polygon)
}

/** The area's ground surface in square miles: a drawn shape's own area, else its circle's. */
export function areaSqMilesOf(area: ResolvedArea): number {
  return area.areaSqMiles ?? circleAreaSqMiles(area.radiusMeters)
}

/**
 * Single-family homes per US ZIP, on average: ≈ 82 M detached single-family homes (ACS 2022) over the ≈ 41,500
 * ZIPs of the bundled table (PO-box ZIPs included, as they are in the count of ZIPs below).
 */
export const HOMES_PER_ZIP = 1_950
/** Density bounds, homes per sq mi: rural floor, and a ceiling near the densest single-family suburbs. */
export const MIN_DENSITY = 10
export const MAX_DENSITY = 2_500
/** ZIP density is sampled over at least this radius, so a small circle still sees its neighbourhood. */
export const DENSITY_SAMPLE_MILES = 5

export interface AreaEstimate {
  /** estimated residential properties in the whole circle */
  inArea: number
  /** what a scan would cover: min(inArea, cap) */
  expected: number
  /** homes per square mile used */
  densityPerSqMi: number
  capped: boolean
}

/**
 * How many residential properties the area holds, by a documented heuristic: the local density of ZIP
 * centroids (ZIPs are drawn to hold similar numbers of delivery points, so dense ZIPs mean dense homes) within
 * max(radius, 5 mi) of the centre, × HOMES_PER_ZIP, clamped to [10, 2,500] homes per sq mi, × the area (a drawn
 * shape's own area, not its bounding circle's);
 * 0 when no ZIP lies within 25 mi of the sample circle (sea, outside the US).
 * An order of magnitude, not a count: the estimate page says "about". `cap` (the scan's property cap) bounds
 * `expected`.
 */
export function estimatePropertiesInArea(resolved: ResolvedArea, opts: { cap?: number } = {}): AreaEstimate {
  const sampleMeters = Math.max(resolved.radiusMeters, milesToMeters(DENSITY_SAMPLE_MILES))
  const zipCount = zipsNear(resolved.centre, sampleMeters).length
  // no ZIP within the sample nor 25 mi beyond it: open sea, or outside the US (which the ZIP table covers)
  const inhabited = zipCount > 0 || zipsNear(resolved.centre, sampleMeters + milesToMeters(25)).length > 0
  const raw = (zipCount * HOMES_PER_ZIP) / circleAreaSqMiles(sampleMeters)
  const densityPerSqMi = inhabited ? Math.round(Math.min(MAX_DENSITY, Math.max(MIN_DENSITY, raw))) : 0
  const inArea = Math.round(densityPerSqMi * areaSqMilesOf(resolved))
  const cap = opts.cap !== undefined ? Math.max(0, Math.floor(opts.cap)) : undefined
  const expected = cap === undefined ? inArea : Math.min(inArea, cap)
  return { inArea, expected, densityPerSqMi, capped: cap !== undefined && inArea > cap }
}

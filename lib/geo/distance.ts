// Spherical geometry for scan areas: great-circle distance, miles↔metres, a circle's bounding box, a point's
// membership of a circle and the point at a distance and bearing. Pure; unit-tested in area.test.ts.
// The Earth is a sphere of mean radius 6,371,008.8 m (IUGG): under 0.5 % off the ellipsoid, plenty for areas
// of 0.5–50 miles.
import 'server-only'

export interface LatLng {
  lat: number
  lng: number
}

export interface BoundingBox {
  south: number
  west: number
  north: number
  east: number
}

export const EARTH_RADIUS_METERS = 6_371_008.8
export const METERS_PER_MILE = 1_609.344

export const milesToMeters = (miles: number) => miles * METERS_PER_MILE
export const metersToMiles = (meters: number) => meters / METERS_PER_MILE

const rad = (deg: number) => (deg * Math.PI) / 180
const deg = (r: number) => (r * 180) / Math.PI

/** Great-circle (haversine) distance in metres. */
export function haversineMeters(a: LatLng, b: LatLng): number {
  const dLat = rad(b.lat - a.lat)
  const dLng = rad(b.lng - a.lng)
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2
  return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(h)))
}

export const haversineMiles = (a: LatLng, b: LatLng) => metersToMiles(haversineMeters(a, b))

/** Whether a point lies inside (or on) the circle. */
export function pointInCircle(point: LatLng, centre: LatLng, radiusMeters: number): boolean {
  return haversineMeters(point, centre) <= radiusMeters
}

/** Longitude wrapped into [-180, 180). */
export const wrapLng = (lng: number) => ((((lng + 180) % 360) + 360) % 360) - 180

/** The point `distanceMeters` from `from` along the initial bearing `bearingRad` (0 = north, clockwise). */
export function destination(from: LatLng, distanceMeters: number, bearingRad: number): LatLng {
  const δ = distanceMeters / EARTH_RADIUS_METERS
  const φ1 = rad(from.lat)
  const λ1 = rad(from.lng)
  const φ2 = Math.asin(Math.sin(φ1) * Math.cos(δ) + Math.cos(φ1) * Math.sin(δ) * Math.cos(bearingRad))
  const λ2 = λ1 + Math.atan2(Math.sin(bearingRad) * Math.sin(δ) * Math.cos(φ1), Math.cos(δ) - Math.sin(φ1) * Math.sin(φ2))
  return { lat: deg(φ2), lng: wrapLng(deg(λ2)) }
}

/**
 * The smallest latitude/longitude box containing the circle. Near a pole (the circle reaches it) the box spans
 * every longitude. A box crossing the antimeridian has west > east.
 */
export function boundingBoxOfCircle(centre: LatLng, radiusMeters: number): BoundingBox {
  const δ = radiusMeters / EARTH_RADIUS_METERS
  const south = centre.lat - deg(δ)
  const north = centre.lat + deg(δ)
  if (south <= -90 || north >= 90) return { south: Math.max(-90, south), west: -180, north: Math.min(90, north), east: 180 }
  // the widest longitude offset of a circle on the sphere: asin(sin δ / cos φ)
  const dLng = deg(Math.asin(Math.min(1, Math.sin(δ) / Math.cos(rad(centre.lat)))))
  return { south, west: wrapLng(centre.lng - dLng), north, east: wrapLng(centre.lng + dLng) }
}

/** Area of a circle on the ground, in square miles (planar: under 0.1 % off for a 50-mile radius). */
export function circleAreaSqMiles(radiusMeters: number): number {
  const r = metersToMiles(radiusMeters)
  return Math.PI * r * r
}

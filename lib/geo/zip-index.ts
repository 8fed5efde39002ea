// Offline US ZIP centroids from the `zipcodes` package (~42,500 US ZIPs with a centroid, no network). Used to
// resolve a ZIP or a city to a circle, to label sandbox properties, and to fill the city/ZIP of an OSM building
// that has only a street address. Centroids are the package's (USPS ZIP points, not ZCTA polygons).
import 'server-only'
import zipcodes from 'zipcodes'
import { haversineMeters, type LatLng } from '@/lib/geo/distance'

export interface ZipPoint {
  zip: string
  city: string
  state: string
  lat: number
  lng: number
}

let index: ZipPoint[] | undefined
/** Every US ZIP that has a centroid (the package also carries Canadian postcodes and a few ZIPs without one). */
export function usZips(): ZipPoint[] {
  index ??= Object.values(zipcodes.codes)
    .filter((c) => c.country === 'US' && /^\d{5}$/.test(c.zip) && Number.isFinite(c.latitude) && Number.isFinite(c.longitude))
    .filter((c) => c.latitude !== 0 || c.longitude !== 0)
    .map((c) => ({ zip: c.zip, city: c.city, state: c.state, lat: c.latitude, lng: c.longitude }))
  return index
}

let byZip: Map<string, ZipPoint> | undefined
export function lookupZip(zip: string): ZipPoint | null {
  byZip ??= new Map(usZips().map((z) => [z.zip, z]))
  return byZip.get(zip.trim()) ?? null
}

/** The ZIPs of a city (exact name, case-insensitive; state as a 2-letter code). */
export function zipsOfCity(city: string, state: string): ZipPoint[] {
  const c = city.trim().toUpperCase()
  const s = state.trim().toUpperCase()
  return usZips().filter((z) => z.state === s && z.city.toUpperCase() === c)
}

/** ZIP centroids within `meters` of a point (a coarse latitude prefilter, then the exact distance). */
export function zipsNear(point: LatLng, meters: number): ZipPoint[] {
  const dLat = meters / 111_000 + 0.01
  return usZips().filter((z) => Math.abs(z.lat - point.lat) <= dLat && haversineMeters(point, z) <= meters)
}

/** The nearest ZIP centroid to a point, searched among `candidates` (default: every US ZIP). */
export function nearestZip(point: LatLng, candidates: ZipPoint[] = usZips()): ZipPoint | null {
  let best: ZipPoint | null = null
  let bestD = Infinity
  for (const z of candidates) {
    const d = haversineMeters(point, z)
    if (d < bestD) {
      bestD = d
      best = z
    }
  }
  return best
}

/**
 * A nearest-ZIP finder for many points in one area: the candidates are the ZIPs within the area plus a margin
 * (falls back to every US ZIP when none is near, e.g. a circle drawn over the sea).
 */
export function nearestZipFinder(centre: LatLng, radiusMeters: number): (p: LatLng) => ZipPoint | null {
  const near = zipsNear(centre, radiusMeters + 40_000)
  const candidates = near.length ? near : usZips()
  return (p) => nearestZip(p, candidates)
}

// The sandbox discovery source (PRODUCT.md §6): plausible residential properties inside the requested circle
// (or the shape drawn on the map, sampled uniformly inside it),
// derived only from the area (same area → same properties, in the same order, in every process; a larger
// count extends the list, it never reshuffles it). Streets and owners are invented; city/state/ZIP come from
// the bundled ZIP table (the area's own ZIP, the nearest ZIP of the city, or the nearest ZIP to the point).
// Nobody real is named on purpose: the owner names are generic first + last names.
import 'server-only'
import { createHash } from 'node:crypto'
import { estimatePropertiesInArea, withinArea } from '@/lib/geo/area'
import { destination, type LatLng } from '@/lib/geo/distance'
import { polygonSampler } from '@/lib/geo/polygon'
import type { DiscoveredProperty, ResolvedArea } from '@/lib/geo/types'
import { lookupZip, nearestZip, nearestZipFinder, zipsOfCity, type ZipPoint } from '@/lib/geo/zip-index'
import { mulberry32 } from '@/lib/mulberry32'

const STREET_NAMES = [
  'Oak', 'Maple', 'Cedar', 'Pine', 'Elm', 'Willow', 'Birch', 'Hickory', 'Magnolia', 'Sycamore', 'Walnut', 'Chestnut',
  'Aspen', 'Juniper', 'Dogwood', 'Laurel', 'Park', 'Lake', 'Hill', 'Ridge', 'Meadow', 'Sunset', 'Highland', 'Forest',
  'River', 'Spring', 'Valley', 'Cherry', 'Lincoln', 'Washington', 'Jefferson', 'Madison', 'Franklin', 'Jackson',
  'Adams', 'Church', 'Mill', 'Prairie', 'Bluebonnet', 'Cypress', 'Live Oak', 'Pecan', 'Redbud', 'Briarwood',
  'Fox Run', 'Quail Creek', 'Stone Gate', 'Windmill', 'Harvest', 'Orchard',
] // prettier-ignore
const STREET_SUFFIXES = ['St', 'Ave', 'Dr', 'Ln', 'Ct', 'Way', 'Rd', 'Pl', 'Cir', 'Trl', 'Blvd', 'Pkwy']
const FIRST_NAMES = [
  'James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth', 'William',
  'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Karen', 'Carlos', 'Maria', 'Daniel', 'Nancy',
  'Anthony', 'Lisa', 'Mark', 'Sandra', 'Steven', 'Ashley', 'Kevin', 'Emily', 'Brian', 'Angela', 'Luis', 'Rosa',
] // prettier-ignore
const LAST_NAMES = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez',
  'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee',
  'Perez', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson', 'Walker', 'Young',
  'Allen', 'King', 'Wright', 'Scott', 'Nguyen', 'Hill', 'Flores', 'Green',
] // prettier-ignore

/** Streets of one sandbox neighbourhood: a fixed number per area, so the list never depends on the count. */
const STREETS_PER_AREA = 24
/** Properties stay this far inside the rim, so rounding never pushes one out of the circle. */
const RIM = 0.97

function seedOf(area: ResolvedArea): string {
  const key = ['sandbox.properties.v1', area.centre.lat.toFixed(6), area.centre.lng.toFixed(6), Math.round(area.radiusMeters)]
  // a drawn shape is its corners (two shapes can share a bounding circle)
  if (area.polygon) key.push(area.polygon.map((v) => `${v.lat.toFixed(6)},${v.lng.toFixed(6)}`).join(' '))
  return createHash('sha256').update(JSON.stringify(key)).digest('hex')
}

/** A uniform random point of the area: inside the disc, or inside the drawn shape. */
function pointSampler(area: ResolvedArea): (rnd: () => number) => LatLng {
  if (area.polygon) return polygonSampler(area.polygon)
  // uniform over the disc: distance ∝ √u
  return (rnd) => destination(area.centre, RIM * area.radiusMeters * Math.sqrt(rnd()), 2 * Math.PI * rnd())
}

const pick = <T>(rnd: () => number, list: readonly T[]): T => list[Math.floor(rnd() * list.length)]

function zipResolver(area: ResolvedArea): (p: LatLng) => ZipPoint | null {
  if (area.kind === 'zip' && area.zip) {
    const z = lookupZip(area.zip)
    if (z) return () => z
  }
  if (area.kind === 'city' && area.city && area.state) {
    const zips = zipsOfCity(area.city, area.state)
    if (zips.length) return (p) => nearestZip(p, zips)
  }
  return nearestZipFinder(area.centre, area.radiusMeters)
}

/**
 * `count` deterministic residential properties inside the area (the caller bounds `count` by the area's
 * estimate and the scan's cap). Addresses are distinct by (house number, street, ZIP).
 */
export function sandboxProperties(area: ResolvedArea, count: number): DiscoveredProperty[] {
  const seed = seedOf(area)
  const rnd = mulberry32(parseInt(seed.slice(0, 8), 16))
  const streets = Array.from({ length: STREETS_PER_AREA }, () => `${pick(rnd, STREET_NAMES)} ${pick(rnd, STREET_SUFFIXES)}`)
  const zipOf = zipResolver(area)
  const sample = pointSampler(area)
  const seen = new Set<string>()
  const out: DiscoveredProperty[] = []
  const n = Math.max(0, Math.floor(count))
  for (let i = 0; out.length < n && i < n * 20; i++) {
    const point = sample(rnd)
    const street = pick(rnd, streets)
    const number = 100 + Math.floor(rnd() * 9_800)
    const yearBuilt = 1960 + Math.floor(rnd() * 63) // 1960–2022
    // older and smaller homes are assessed lower: $110k–$850k, rounded to $100
    const dollars = Math.round((110_000 + rnd() * 540_000 + (yearBuilt - 1960) * 3_200) / 100) * 100
    const ownerName = `${pick(rnd, FIRST_NAMES)} ${pick(rnd, LAST_NAMES)}`
    const zip = zipOf(point)
    const key = `${number} ${street}|${zip?.zip ?? ''}`
    if (seen.has(key)) continue
    const at = { lat: Math.round(point.lat * 1e6) / 1e6, lng: Math.round(point.lng * 1e6) / 1e6 }
    // rounding can move a point on a drawn shape's edge just outside it
    if (area.polygon && !withinArea(at, area)) continue
    seen.add(key)
    const id = createHash('sha256').update(`${seed}:${key}`).digest('hex')
    out.push({
      sourceId: `sandbox:${id.slice(0, 24)}`,
      source: 'sandbox',
      addressLine1: `${number} ${street}`,
      city: zip?.city ?? area.city ?? 'Springfield',
      state: zip?.state ?? area.state ?? 'IL',
      zip: zip?.zip ?? area.zip ?? '62701',
      lat: at.lat,
      lng: at.lng,
      ownerName,
      yearBuilt,
      assessedValueCents: dollars * 100,
      parcelId: `SBX-${id.slice(24, 34).toUpperCase()}`,
    })
  }
  return out
}

/** The sandbox source's answer for a scan: as many properties as asked, up to what the area is estimated to hold. */
export function sandboxDiscovery(area: ResolvedArea, limit: number): DiscoveredProperty[] {
  return sandboxProperties(area, estimatePropertiesInArea(area, { cap: limit }).expected)
}

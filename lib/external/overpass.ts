// OpenStreetMap Overpass API (keyless, REFERENCE.md §4.1): residential buildings with a street address inside
// the area, one POSTed Overpass QL query per scan area, answered with each way's centre. The public instance
// asks for fair use (≤ ~10,000 requests and ~1 GB a day, 2 concurrent slots per IP, server timeout 180 s by
// default): we send one request per area, at most 2 at a time from this process, ask for a 25 s server-side
// timeout and identify ourselves with a User-Agent. OVERPASS_ENABLED=0 (or FM_SANDBOX=1) switches it off;
// tests reach only a fake (lib/external/config.ts). Sandbox: the deterministic sandbox source.
import 'server-only'
import { BulkheadRejectedError, bulkhead } from 'cockatiel'
import { AppError } from '@/lib/errors'
import { callService } from '@/lib/external/call-service'
import { isLive, OVERPASS_PUBLIC_URL, providerEnv } from '@/lib/external/config'
import { ProviderHttpError, requestJson } from '@/lib/external/http'
import { addressKeyOf } from '@/lib/geo/dedupe'
import { withinArea } from '@/lib/geo/area'
import { sandboxDiscovery } from '@/lib/geo/sandbox-properties'
import type { DiscoveredProperty, ResolvedArea } from '@/lib/geo/types'
import { lookupZip, nearestZipFinder } from '@/lib/geo/zip-index'
import { normalizeState } from '@/lib/leads/normalize-address'

/** Server-side limit asked of Overpass; the client waits a little longer for the answer to arrive. */
export const OVERPASS_QUERY_TIMEOUT_S = 25
const TIMEOUT_MS = (OVERPASS_QUERY_TIMEOUT_S + 10) * 1000
/** The public instance gives an IP 2 slots: never more than 2 queries in flight from one process. */
export const OVERPASS_MAX_CONCURRENT = 2
export const isOverpassLive = () => isLive('overpass')

const g = globalThis as unknown as { fmOverpassSlots?: ReturnType<typeof bulkhead> }
const slots = (g.fmOverpassSlots ??= bulkhead(OVERPASS_MAX_CONCURRENT, 50))

/** `building=*` values that are not homes (OSM wiki Key:building); everything else with an address is kept. */
const NOT_HOMES = [
  'commercial', 'industrial', 'retail', 'warehouse', 'office', 'supermarket', 'kiosk', 'hotel', 'school', 'university',
  'college', 'kindergarten', 'hospital', 'church', 'cathedral', 'chapel', 'mosque', 'temple', 'synagogue', 'religious',
  'public', 'civic', 'government', 'fire_station', 'train_station', 'transportation', 'parking', 'garage', 'garages',
  'carport', 'shed', 'barn', 'farm_auxiliary', 'greenhouse', 'hangar', 'stadium', 'sports_hall', 'service', 'roof',
  'construction', 'ruins', 'toilets', 'bunker', 'water_tower', 'storage_tank', 'silo',
] // prettier-ignore

/**
 * The Overpass QL for an area: addressed, non-excluded building ways around the centre (a drawn area: inside its
 * shape, with the `poly:"lat lon lat lon …"` filter), as centres with tags.
 */
export function overpassQuery(area: ResolvedArea, max: number): string {
  const { lat, lng } = area.centre
  const filter = area.polygon
    ? `(poly:"${area.polygon.map((v) => `${v.lat.toFixed(6)} ${v.lng.toFixed(6)}`).join(' ')}")`
    : `(around:${Math.round(area.radiusMeters)},${lat.toFixed(6)},${lng.toFixed(6)})`
  return [
    `[out:json][timeout:${OVERPASS_QUERY_TIMEOUT_S}];`,
    `way["building"]["addr:housenumber"]["addr:street"]["building"!~"^(${NOT_HOMES.join('|')})$"]${filter};`,
    `out tags center ${Math.max(1, Math.floor(max))};`,
  ].join('\n')
}

export interface OverpassElement {
  type: 'node' | 'way' | 'relation'
  id: number
  center?: { lat: number; lon: number }
  lat?: number
  lon?: number
  tags?: Record<string, string>
}
export interface OverpassBody {
  elements?: OverpassElement[]
  /** set when the query failed at run time ("runtime error: Query timed out…") — the answer is then partial */
  remark?: string
}

export type OverpassSkipReason = 'no_address' | 'no_location' | 'outside_area' | 'duplicate_address'

export interface BuildingSearch {
  properties: DiscoveredProperty[]
  skipped: Partial<Record<OverpassSkipReason, number>>
  sandbox: boolean
}

const tag = (t: Record<string, string> | undefined, k: string) => (t?.[k] ?? '').replace(/\s+/g, ' ').trim()

/**
 * An OSM building → a property, or why it was skipped. City, state or ZIP missing from the tags (common in US
 * OSM data) come from the nearest ZIP centroid.
 */
export function mapOverpassElement(
  el: OverpassElement,
  area: ResolvedArea,
  nearest: ReturnType<typeof nearestZipFinder>,
): DiscoveredProperty | OverpassSkipReason {
  const number = tag(el.tags, 'addr:housenumber')
  const street = tag(el.tags, 'addr:street')
  if (!/^\d/.test(number) || !street) return 'no_address'
  const lat = el.center?.lat ?? el.lat
  const lng = el.center?.lon ?? el.lon
  if (typeof lat !== 'number' || typeof lng !== 'number') return 'no_location'
  // around / poly match a way any of whose nodes is in range; its centre can sit just outside (the circle or the shape)
  if (!withinArea({ lat, lng }, area)) return 'outside_area'
  const postcode = tag(el.tags, 'addr:postcode').slice(0, 5)
  const zipTagged = /^\d{5}$/.test(postcode) ? lookupZip(postcode) : null
  const near = zipTagged ?? nearest({ lat, lng })
  const state = normalizeState(tag(el.tags, 'addr:state')) || near?.state || ''
  const zip = zipTagged?.zip ?? near?.zip ?? ''
  const city = tag(el.tags, 'addr:city') || near?.city || ''
  if (!city || !/^[A-Z]{2}$/.test(state) || !/^\d{5}$/.test(zip)) return 'no_address'
  const unit = tag(el.tags, 'addr:unit')
  const year = Number(tag(el.tags, 'start_date').slice(0, 4))
  return {
    sourceId: `osm:${el.type}/${el.id}`,
    source: 'overpass',
    addressLine1: `${number} ${street}${unit ? ` Unit ${unit}` : ''}`,
    city,
    state,
    zip,
    lat: Math.round(lat * 1e7) / 1e7,
    lng: Math.round(lng * 1e7) / 1e7,
    ...(Number.isInteger(year) && year >= 1700 && year <= new Date().getUTCFullYear() ? { yearBuilt: year } : {}),
  }
}

/** Buildings with an address inside the area, at most `limit`. */
export async function searchBuildings(input: { area: ResolvedArea; limit: number }): Promise<BuildingSearch> {
  const limit = Math.max(0, Math.floor(input.limit))
  if (!isOverpassLive()) return { properties: sandboxDiscovery(input.area, limit), skipped: {}, sandbox: true }
  const e = providerEnv()
  const url = e.OVERPASS_URL ?? OVERPASS_PUBLIC_URL
  // ask for more than needed: some centres fall outside the circle, some addresses repeat (one per unit)
  const form = new URLSearchParams({ data: overpassQuery(input.area, Math.ceil(limit * 1.5) + 10) })
  const headers = { 'user-agent': `FishMouth/1.0 (+${process.env.APP_URL ?? 'http://localhost:3000'})` }
  const body = await slots
    .execute(() =>
      callService(
        { provider: 'overpass', operation: 'interpreter.buildings', idempotent: true, timeoutMs: TIMEOUT_MS },
        async (signal: AbortSignal) => {
          const r = await requestJson<OverpassBody>({ url, method: 'POST', form, headers, signal })
          // a query that ran out of time or memory answers 200 with a remark and partial elements: an overload
          if (r.body?.remark && /runtime error/i.test(r.body.remark))
            throw new ProviderHttpError(504, r.headers, { error: { message: r.body.remark } }, `overpass: ${r.body.remark}`)
          return r.body
        },
      ),
    )
    .catch((err: unknown) => {
      if (err instanceof BulkheadRejectedError)
        throw new AppError('UPSTREAM_UNAVAILABLE', 'overpass is busy, try again shortly', {
          details: { provider: 'overpass', operation: 'interpreter.buildings', reason: 'bulkhead_full' },
          cause: err,
        })
      throw err
    })
  const nearest = nearestZipFinder(input.area.centre, input.area.radiusMeters)
  const properties: DiscoveredProperty[] = []
  const skipped: BuildingSearch['skipped'] = {}
  const seen = new Set<string>()
  for (const el of body?.elements ?? []) {
    if (properties.length >= limit) break
    const mapped = mapOverpassElement(el, input.area, nearest)
    if (typeof mapped === 'string') {
      skipped[mapped] = (skipped[mapped] ?? 0) + 1
      continue
    }
    // one address tagged on several ways (a house and its annex, or one per unit)
    const key = addressKeyOf(mapped)
    if (seen.has(key)) {
      skipped.duplicate_address = (skipped.duplicate_address ?? 0) + 1
      continue
    }
    seen.add(key)
    properties.push(mapped)
  }
  return { properties, skipped, sandbox: false }
}

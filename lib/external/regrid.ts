// Regrid parcels API v2 (REST, REFERENCE.md §4.1): residential parcels around a point, with the county's
// situs address, owner, year built, value and APN. `GET /api/v2/parcels/point?lat&lon&radius&limit&token`
// (token in the query; radius ≤ 32,000 m; limit ≤ 1,000; pages by `offset_id` = the last feature's root `id`,
// starting from offset_id=0, which also asks for ID order). Read-only → retried by callService.
// A drawn area (polygon) is searched by its bounding circle and parcels outside the shape are dropped (withinArea).
// Sandbox (no token): the deterministic sandbox source.
import 'server-only'
import { AppError } from '@/lib/errors'
import { callService } from '@/lib/external/call-service'
import { isLive, providerEnv } from '@/lib/external/config'
import { joinUrl, requestJson } from '@/lib/external/http'
import { addressKeyOf } from '@/lib/geo/dedupe'
import { withinArea } from '@/lib/geo/area'
import { circleAreaSqMiles } from '@/lib/geo/distance'
import { sandboxDiscovery } from '@/lib/geo/sandbox-properties'
import type { DiscoveredProperty, ResolvedArea } from '@/lib/geo/types'
import { lookupZip } from '@/lib/geo/zip-index'
import { normalizeState } from '@/lib/leads/normalize-address'

const TIMEOUT_MS = 20_000
export const REGRID_DEFAULT_BASE_URL = 'https://app.regrid.com'
/** Regrid's largest radius; a wider scan area is searched within its central 32 km (≈ 19.9 mi). */
export const REGRID_MAX_RADIUS_METERS = 32_000
export const REGRID_MAX_PAGE = 1_000
/** Pages per search at most (each page is a billed request): parcels without an address are skipped. */
export const REGRID_MAX_PAGES = 4
export const isRegridLive = () => isLive('regrid')

/** The fields we read (Regrid's standard parcel schema; numbers sometimes arrive as strings). */
export interface RegridFields {
  ll_uuid?: string
  parcelnumb?: string | null
  address?: string | null
  sunit?: string | null
  scity?: string | null
  state2?: string | null
  szip?: string | null
  szip5?: string | null
  lat?: string | number | null
  lon?: string | number | null
  owner?: string | null
  yearbuilt?: number | string | null
  parval?: number | string | null
  improvval?: number | string | null
  landval?: number | string | null
  lbcs_activity?: number | string | null
}
export interface RegridFeature {
  type: 'Feature'
  id?: number
  properties?: { headline?: string; path?: string; ll_uuid?: string; fields?: RegridFields }
}
export interface RegridPointBody {
  parcels?: { type: 'FeatureCollection'; features?: RegridFeature[] }
}

export type SkipReason = 'no_address' | 'no_location' | 'outside_area' | 'not_residential' | 'duplicate_address'

export interface ParcelSearch {
  properties: DiscoveredProperty[]
  skipped: Partial<Record<SkipReason, number>>
  /** requests made (billed pages) */
  pages: number
  sandbox: boolean
}

const num = (v: unknown): number | null => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN
  return Number.isFinite(n) ? n : null
}
const text = (v: unknown): string => (typeof v === 'string' ? v.replace(/\s+/g, ' ').trim() : '')
/** "SMITH JOHN & MARY" stays as the county wrote it, only title-cased for display. */
const titleCase = (s: string) => s.toLowerCase().replace(/(^|[\s'-])(\p{L})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase())

/** A parcel → a property, or why it was skipped. Exported for the contract test and the fakes' fixtures. */
export function mapRegridFeature(f: RegridFeature, area: ResolvedArea): DiscoveredProperty | SkipReason {
  const p = f.properties?.fields ?? {}
  const activity = num(p.lbcs_activity)
  // LBCS activity 1000–1999 = residence; other known uses (shops, offices, farms) are not a roofer's homeowner
  if (activity !== null && (activity < 1000 || activity >= 2000)) return 'not_residential'
  const street = text(p.address)
  // a usable situs address starts with a house number and names a street
  if (!/^\d+[A-Za-z]?(-\d+)?\s+\S+/.test(street)) return 'no_address'
  const zip = (text(p.szip5) || text(p.szip)).slice(0, 5)
  const state = normalizeState(text(p.state2))
  if (!/^\d{5}$/.test(zip) || !/^[A-Z]{2}$/.test(state)) return 'no_address'
  const city = text(p.scity) || lookupZip(zip)?.city || ''
  if (!city) return 'no_address'
  const lat = num(p.lat)
  const lng = num(p.lon)
  if (lat === null || lng === null || Math.abs(lat) > 90 || Math.abs(lng) > 180) return 'no_location'
  // Regrid's radius is capped at 32 km: a larger circle's parcels are all inside; a tolerance of 50 m covers
  // parcels whose boundary (not centroid) is what matched. A drawn area is searched by its bounding circle and
  // only parcels whose point lies inside the shape are kept.
  if (!withinArea({ lat, lng }, area, 50)) return 'outside_area'
  const unit = text(p.sunit)
  const yearBuilt = num(p.yearbuilt)
  const value = num(p.parval) ?? ((num(p.improvval) ?? 0) + (num(p.landval) ?? 0) || null)
  const owner = text(p.owner)
  const uuid = text(p.ll_uuid) || text(f.properties?.ll_uuid)
  return {
    sourceId: `regrid:${uuid || f.id}`,
    source: 'regrid',
    addressLine1: titleCase(unit && !street.toUpperCase().includes(unit.toUpperCase()) ? `${street} ${unit}` : street),
    city: titleCase(city),
    state,
    zip,
    lat,
    lng,
    ...(owner ? { ownerName: titleCase(owner) } : {}),
    ...(yearBuilt !== null && yearBuilt >= 1700 && yearBuilt <= new Date().getUTCFullYear() + 1
      ? { yearBuilt: Math.round(yearBuilt) }
      : {}),
    ...(value !== null && value > 0 ? { assessedValueCents: Math.round(value * 100) } : {}),
    ...(text(p.parcelnumb) ? { parcelId: text(p.parcelnumb) } : {}),
  }
}

function pointUrl(base: string, token: string, q: { lat: number; lon: number; radius: number; limit: number; offsetId: number }): string {
  const params = new URLSearchParams({
    lat: q.lat.toFixed(6),
    lon: q.lon.toFixed(6),
    radius: String(Math.round(q.radius)),
    limit: String(q.limit),
    offset_id: String(q.offsetId),
    // field data only: no parcel polygons, no building/address/zoning add-ons (smaller, cheaper answers)
    return_geometry: 'false',
    return_stacked: 'false',
    return_matched_buildings: 'false',
    return_matched_addresses: 'false',
    return_zoning: 'false',
    token,
  })
  return `${joinUrl(base, '/api/v2/parcels/point')}?${params}`
}

/** Regrid refusing the token is a configuration problem (doctor shows it), not an outage. */
function rethrow(err: unknown): never {
  const status = err instanceof AppError ? (err.details?.status as number | undefined) : undefined
  if (err instanceof AppError && (status === 401 || status === 403))
    throw new AppError('UPSTREAM_FAILED', 'Regrid refused the token: check REGRID_TOKEN', {
      details: { ...err.details, reason: 'not_configured' },
      cause: err,
    })
  throw err
}

/**
 * Residential parcels with a usable address inside the area, at most `limit` (≤ 1,000), nearest pages first as
 * Regrid returns them. Parcels without a street address, a location, or with a non-residential use are skipped
 * and counted.
 */
export async function searchParcels(input: { area: ResolvedArea; limit: number }): Promise<ParcelSearch> {
  const limit = Math.max(0, Math.min(REGRID_MAX_PAGE, Math.floor(input.limit)))
  if (!isRegridLive()) return { properties: sandboxDiscovery(input.area, limit), skipped: {}, pages: 0, sandbox: true }
  const e = providerEnv()
  const base = e.REGRID_BASE_URL ?? REGRID_DEFAULT_BASE_URL
  // ask for a quarter more than needed: some parcels have no situs address (vacant land, common areas); a drawn
  // area is searched by its bounding circle, so ask for more in proportion to the circle's share outside the shape
  const outside = input.area.areaSqMiles ? Math.min(4, circleAreaSqMiles(input.area.radiusMeters) / input.area.areaSqMiles) : 1
  const pageSize = Math.min(REGRID_MAX_PAGE, Math.max(20, Math.ceil(limit * 1.25 * outside)))
  const properties: DiscoveredProperty[] = []
  const skipped: ParcelSearch['skipped'] = {}
  const seen = new Set<string>()
  let offsetId = 0
  let pages = 0
  while (properties.length < limit && pages < REGRID_MAX_PAGES) {
    const url = pointUrl(base, e.REGRID_TOKEN ?? '', {
      lat: input.area.centre.lat,
      lon: input.area.centre.lng,
      radius: Math.min(REGRID_MAX_RADIUS_METERS, input.area.radiusMeters),
      limit: pageSize,
      offsetId,
    })
    const body = await callService(
      { provider: 'regrid', operation: 'parcels.point', idempotent: true, timeoutMs: TIMEOUT_MS },
      async (signal: AbortSignal) => (await requestJson<RegridPointBody>({ url, signal })).body,
    ).catch(rethrow)
    pages++
    const features = body?.parcels?.features ?? []
    for (const f of features) {
      if (properties.length >= limit) break
      const mapped = mapRegridFeature(f, input.area)
      if (typeof mapped === 'string') {
        skipped[mapped] = (skipped[mapped] ?? 0) + 1
        continue
      }
      // a parcel seen on an earlier page, or a second parcel at the same address (stacked condos, split lots)
      const key = addressKeyOf(mapped)
      if (seen.has(mapped.sourceId) || seen.has(key)) {
        skipped.duplicate_address = (skipped.duplicate_address ?? 0) + 1
        continue
      }
      seen.add(mapped.sourceId).add(key)
      properties.push(mapped)
    }
    const lastId = features.at(-1)?.id
    if (features.length < pageSize || typeof lastId !== 'number' || lastId <= offsetId) break
    offsetId = lastId
  }
  return { properties, skipped, pages, sandbox: false }
}

// Google Geocoding API (REST). Google answers quota/denial problems with HTTP 200 and a `status` field: those are
// mapped to the HTTP shapes classify-error.ts understands (OVER_QUERY_LIMIT → 429, REQUEST_DENIED → 403, …).
import 'server-only'
import { callService } from '@/lib/external/call-service'
import { isLive, providerEnv } from '@/lib/external/config'
import { joinUrl, ProviderHttpError, requestBytes, requestJson } from '@/lib/external/http'
import { seededRandom } from '@/lib/external/sandbox'
import { lookupZip } from '@/lib/geo/zip-index'
import { generateSyntheticAerial } from '@/lib/imagery/synthetic-aerial'

const TIMEOUT_MS = 10_000
const STATIC_TIMEOUT_MS = 15_000
export const isGoogleMapsLive = () => isLive('google_maps')

export interface GeocodeResult {
  formattedAddress: string
  lat: number
  lng: number
  placeId: string
  zip: string | null
  sandbox: boolean
}
interface GeocodeBody {
  status: string
  error_message?: string
  results: Array<{
    formatted_address: string
    place_id: string
    geometry: { location: { lat: number; lng: number } }
    address_components: Array<{ short_name: string; types: string[] }>
  }>
}

const STATUS_HTTP: Record<string, number> = {
  OVER_QUERY_LIMIT: 429,
  OVER_DAILY_LIMIT: 429,
  REQUEST_DENIED: 403,
  INVALID_REQUEST: 400,
  UNKNOWN_ERROR: 500,
}

export async function geocode(input: { address: string }): Promise<GeocodeResult | null> {
  if (!isGoogleMapsLive()) return sandboxGeocode(input.address)
  const e = providerEnv()
  const url = `${joinUrl(e.GOOGLE_MAPS_BASE_URL ?? 'https://maps.googleapis.com', '/maps/api/geocode/json')}?address=${encodeURIComponent(input.address)}&region=us&key=${encodeURIComponent(e.GOOGLE_MAPS_API_KEY!)}`
  const body = await callService(
    { provider: 'google_maps', operation: 'geocode', idempotent: true, timeoutMs: TIMEOUT_MS, cost: () => 0.5 },
    async (signal: AbortSignal) => {
      const r = await requestJson<GeocodeBody>({ url, signal })
      const http = STATUS_HTTP[r.body.status]
      if (http)
        throw new ProviderHttpError(http, r.headers, { error: { code: r.body.status, message: r.body.error_message ?? r.body.status } })
      return r.body
    },
  )
  const first = body.results[0]
  if (body.status === 'ZERO_RESULTS' || !first) return null
  return {
    formattedAddress: first.formatted_address,
    lat: first.geometry.location.lat,
    lng: first.geometry.location.lng,
    placeId: first.place_id,
    zip: first.address_components.find((c) => c.types.includes('postal_code'))?.short_name ?? null,
    sandbox: false,
  }
}

/** How far from its ZIP's centroid a sandbox point may fall: well inside the ~2.5 mi a ZIP scan covers. */
export const SANDBOX_GEOCODE_RADIUS_METERS = 1500

/**
 * Sandbox: a deterministic point seeded by the address, inside its ZIP's area (within 1.5 km of the centroid
 * from the offline ZIP index). The last 5-digit group is the ZIP ("… TX 75201"). No ZIP, or one that does not
 * exist, is not found (null), as Google answers ZERO_RESULTS for an address it cannot place.
 */
function sandboxGeocode(address: string): GeocodeResult | null {
  const zips = [...address.matchAll(/\b(\d{5})(?:-\d{4})?\b/g)]
  const zip = zips.length ? zips[zips.length - 1]![1]! : null
  const area = zip ? lookupZip(zip) : null
  if (!zip || !area) return null
  const oneLine = address.trim().replace(/\s+/g, ' ')
  const rnd = seededRandom('geocode', oneLine.toLowerCase())
  // uniform in a disc: r = R·√u, θ = 2πv; metres → degrees at the ZIP's latitude
  const r = SANDBOX_GEOCODE_RADIUS_METERS * Math.sqrt(rnd())
  const theta = 2 * Math.PI * rnd()
  const lat = area.lat + (r * Math.cos(theta)) / 111_320
  const lng = area.lng + (r * Math.sin(theta)) / (111_320 * Math.cos((area.lat * Math.PI) / 180))
  return {
    formattedAddress: `${oneLine}, USA`,
    lat: Math.round(lat * 1e7) / 1e7,
    lng: Math.round(lng * 1e7) / 1e7,
    placeId: `sandbox_${Math.floor(rnd() * 1e9)}`,
    zip,
    sandbox: true,
  }
}

// ---- Maps Static API, satellite: the alternative to Mapbox for roof imagery. Plain HTTP status codes here (no
// 200-with-status like Geocoding): 403 for a bad key or a disabled API, 4xx for bad parameters.
// size ≤ 640×640 on the standard plan; scale=2 doubles the pixels (1280×1280) over the same ground. Google tiles
// are 256 px, so zoom 20 here shows the same ground per pixel as Mapbox zoom 19.
export const GOOGLE_STATIC_TILE_SIZE = 256
export const GOOGLE_STATIC_DEFAULT_ZOOM = 20
const GOOGLE_STATIC_MAX_SIZE = 640

export interface SatelliteImageInput {
  lat: number
  lng: number
  /** 0–21; default 20 */
  zoom?: number
  /** square edge in logical pixels, ≤ 640; default 640 */
  size?: number
  /** 1 or 2 (default 2: 1280×1280 pixels for size 640) */
  scale?: 1 | 2
}

function staticParams(i: SatelliteImageInput) {
  return {
    zoom: Math.max(0, Math.min(21, Math.round(i.zoom ?? GOOGLE_STATIC_DEFAULT_ZOOM))),
    size: Math.max(1, Math.min(GOOGLE_STATIC_MAX_SIZE, Math.round(i.size ?? GOOGLE_STATIC_MAX_SIZE))),
    scale: i.scale ?? 2,
  }
}

/** The request URL (the API key is in the query, as the Static API requires); null in sandbox. Server-side only. */
export function staticSatelliteUrl(i: SatelliteImageInput): string | null {
  const e = providerEnv()
  if (!isGoogleMapsLive() || !e.GOOGLE_MAPS_API_KEY) return null
  const p = staticParams(i)
  const q = new URLSearchParams({
    center: `${i.lat.toFixed(6)},${i.lng.toFixed(6)}`,
    zoom: String(p.zoom),
    size: `${p.size}x${p.size}`,
    scale: String(p.scale),
    maptype: 'satellite',
    format: 'jpg',
    key: e.GOOGLE_MAPS_API_KEY,
  })
  return `${joinUrl(e.GOOGLE_MAPS_BASE_URL ?? 'https://maps.googleapis.com', '/maps/api/staticmap')}?${q}`
}

/** Sandbox: the same deterministic synthetic aerial photo as Mapbox's sandbox (same property → same house). */
export async function fetchStaticSatelliteImage(i: SatelliteImageInput): Promise<{ bytes: Buffer; contentType: string; sandbox: boolean }> {
  if (!isGoogleMapsLive()) {
    const img = await generateSyntheticAerial({ lat: i.lat, lng: i.lng })
    return { bytes: img.bytes, contentType: img.contentType, sandbox: true }
  }
  const url = staticSatelliteUrl(i) ?? ''
  const r = await callService(
    // Static Maps is $2 per 1,000 requests (0.2 ¢) on the standard SKU
    { provider: 'google_maps', operation: 'static.satellite', idempotent: true, timeoutMs: STATIC_TIMEOUT_MS, cost: () => 0.2 },
    (signal: AbortSignal) => requestBytes({ url, signal, headers: { accept: 'image/*' } }),
  )
  return { ...r, sandbox: false }
}

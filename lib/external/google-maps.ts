// Google Geocoding API (REST). Google answers quota/denial problems with HTTP 200 and a `status` field: those are
// mapped to the HTTP shapes classify-error.ts understands (OVER_QUERY_LIMIT → 429, REQUEST_DENIED → 403, …).
import 'server-only'
import { callService } from '@/lib/external/call-service'
import { isLive, providerEnv } from '@/lib/external/config'
import { joinUrl, ProviderHttpError, requestJson } from '@/lib/external/http'
import { seededRandom } from '@/lib/external/sandbox'

const TIMEOUT_MS = 10_000
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
  if (!isGoogleMapsLive()) {
    // deterministic point inside the continental US, seeded by the address
    const rnd = seededRandom('geocode', input.address.trim().toLowerCase())
    const zip = input.address.match(/\b(\d{5})(?:-\d{4})?\b/)?.[1] ?? null
    return {
      formattedAddress: input.address.trim(),
      lat: 30 + rnd() * 15,
      lng: -120 + rnd() * 40,
      placeId: `sandbox_${Math.floor(rnd() * 1e9)}`,
      zip,
      sandbox: true,
    }
  }
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

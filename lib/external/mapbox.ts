// Mapbox Static Images API (satellite-v9) for roof imagery. The URL builder never calls anyone; the bytes
// fetch goes through callService. Sandbox returns a tiny deterministic PNG.
import 'server-only'
import { callService } from '@/lib/external/call-service'
import { isLive, providerEnv } from '@/lib/external/config'
import { joinUrl, requestBytes } from '@/lib/external/http'

const TIMEOUT_MS = 15_000
export const isMapboxLive = () => isLive('mapbox')

export interface StaticImageInput {
  lat: number
  lng: number
  zoom?: number
  width?: number
  height?: number
  retina?: boolean
}

function path(i: StaticImageInput): string {
  const zoom = i.zoom ?? 19
  const w = Math.min(1280, i.width ?? 640)
  const h = Math.min(1280, i.height ?? 640)
  return `/styles/v1/mapbox/satellite-v9/static/${i.lng.toFixed(6)},${i.lat.toFixed(6)},${zoom},0/${w}x${h}${i.retina === false ? '' : '@2x'}`
}

/** Public image URL for <img>; contains the (public, URL-restricted) pk. token. Null in sandbox. */
export function staticImageUrl(i: StaticImageInput): string | null {
  const e = providerEnv()
  if (!isMapboxLive() || !e.MAPBOX_TOKEN) return null
  return `${joinUrl(e.MAPBOX_BASE_URL ?? 'https://api.mapbox.com', path(i))}?access_token=${encodeURIComponent(e.MAPBOX_TOKEN!)}&attribution=false&logo=false`
}

// A valid 1×1 grey PNG: the same bytes for every sandbox request (deterministic, nothing fetched).
const SANDBOX_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABc3UBGAAAAABJRU5ErkJggg=='

export async function fetchStaticImage(i: StaticImageInput): Promise<{ bytes: Buffer; contentType: string; sandbox: boolean }> {
  if (!isMapboxLive()) return { bytes: Buffer.from(SANDBOX_PNG, 'base64'), contentType: 'image/png', sandbox: true }
  const url = staticImageUrl(i) ?? ''
  const r = await callService(
    { provider: 'mapbox', operation: 'static.image', idempotent: true, timeoutMs: TIMEOUT_MS, cost: () => 0.1 },
    (signal: AbortSignal) => requestBytes({ url, signal, headers: { accept: 'image/*' } }),
  )
  return { ...r, sandbox: false }
}

// Mapbox Static Images API (satellite-v9) for roof imagery. The URL builder never calls anyone; the bytes
// fetch goes through callService. Sandbox returns a deterministic synthetic aerial JPEG of a house.
// Mapbox GL styles render 512-px tiles (zoom z here ≈ Google z+1); w,h 1–1280, zoom 0–20, @2x doubles pixels.
import 'server-only'
import { callService } from '@/lib/external/call-service'
import { isLive, providerEnv } from '@/lib/external/config'
import { joinUrl, requestBytes } from '@/lib/external/http'
import { generateSyntheticAerial } from '@/lib/imagery/synthetic-aerial'

const TIMEOUT_MS = 15_000
export const MAPBOX_TILE_SIZE = 512
export const MAPBOX_DEFAULT_ZOOM = 19
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
  const zoom = Math.max(0, Math.min(20, i.zoom ?? MAPBOX_DEFAULT_ZOOM))
  const w = Math.max(1, Math.min(1280, i.width ?? 640))
  const h = Math.max(1, Math.min(1280, i.height ?? 640))
  return `/styles/v1/mapbox/satellite-v9/static/${i.lng.toFixed(6)},${i.lat.toFixed(6)},${zoom},0/${w}x${h}${i.retina === false ? '' : '@2x'}`
}

/** Public image URL for <img>; contains the (public, URL-restricted) pk. token. Null in sandbox. */
export function staticImageUrl(i: StaticImageInput): string | null {
  const e = providerEnv()
  if (!isMapboxLive() || !e.MAPBOX_TOKEN) return null
  return `${joinUrl(e.MAPBOX_BASE_URL ?? 'https://api.mapbox.com', path(i))}?access_token=${encodeURIComponent(e.MAPBOX_TOKEN!)}&attribution=false&logo=false`
}

/** Sandbox: a deterministic synthetic aerial photo of a house (lib/imagery/synthetic-aerial.ts), 640×640 JPEG. */
export async function fetchStaticImage(i: StaticImageInput): Promise<{ bytes: Buffer; contentType: string; sandbox: boolean }> {
  if (!isMapboxLive()) {
    const img = await generateSyntheticAerial({ lat: i.lat, lng: i.lng })
    return { bytes: img.bytes, contentType: img.contentType, sandbox: true }
  }
  const url = staticImageUrl(i) ?? ''
  const r = await callService(
    { provider: 'mapbox', operation: 'static.image', idempotent: true, timeoutMs: TIMEOUT_MS, cost: () => 0.1 },
    (signal: AbortSignal) => requestBytes({ url, signal, headers: { accept: 'image/*' } }),
  )
  return { ...r, sandbox: false }
}

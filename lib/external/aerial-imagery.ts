// The aerial photo of one property, with its capture metadata: Mapbox satellite first, Google Static Maps
// (satellite) when Mapbox has no key, or is down (outage, timeout, circuit open, kill switch) and Google is set up.
// Both default to the same ground: Mapbox z19 @2x (512-px tiles) = Google z20 scale=2 (256-px tiles), 1280×1280 px,
// ~80 m across at lat 33°. With neither key: the deterministic synthetic sandbox photo.
// capturedAt is always null: the Static Images / Static Maps APIs give no capture date for their mosaics
// (REFERENCE §4.2); a dated source (Nearmap, Google Solar's imagery_date) would fill it.
import 'server-only'
import { createHash } from 'node:crypto'
import sharp from 'sharp'
import { AppError } from '@/lib/errors'
import { log } from '@/lib/logger'
import { providerState } from '@/lib/external/config'
import { fetchStaticSatelliteImage, GOOGLE_STATIC_DEFAULT_ZOOM, GOOGLE_STATIC_TILE_SIZE } from '@/lib/external/google-maps'
import { fetchStaticImage, MAPBOX_DEFAULT_ZOOM, MAPBOX_TILE_SIZE } from '@/lib/external/mapbox'
import { metresPerPixel } from '@/lib/imagery/web-mercator'

export type AerialProvider = 'mapbox' | 'google_maps' | 'sandbox'

export interface AerialImage {
  bytes: Buffer
  contentType: string
  /** decoded from the bytes; null when they are not an image the gate can read (it then says 'undecodable') */
  width: number | null
  height: number | null
  provider: AerialProvider
  zoom: number
  /** ground size of one pixel at the image centre (Web Mercator, REFERENCE §4.2) */
  metresPerPixel: number
  /** hex sha256 of the bytes: the storage key (lib/storage aerialImageKey) and the vision call's image hash */
  sha256: string
  sandbox: boolean
  /** the Static APIs give no capture date */
  capturedAt: null
}

/** Logical size requested from either provider; both deliver 2× (1280×1280). */
const LOGICAL_SIZE = 640
const SCALE = 2

/** Failures that mean "Mapbox is unavailable right now" (try Google) rather than "our request is wrong". */
const FALLBACK_REASONS = new Set(['server_error', 'overloaded', 'connection_lost', 'connection_refused', 'malformed_response'])
function mapboxUnavailable(err: unknown): boolean {
  if (!(err instanceof AppError)) return false
  if (err.code === 'UPSTREAM_UNAVAILABLE' || err.code === 'UPSTREAM_TIMEOUT') return true
  return err.code === 'UPSTREAM_FAILED' && FALLBACK_REASONS.has(String(err.details?.reason))
}

async function describe(
  r: { bytes: Buffer; contentType: string; sandbox: boolean },
  meta: { provider: AerialProvider; zoom: number; lat: number; tileSize: 256 | 512; scale: 1 | 2 },
): Promise<AerialImage> {
  const size = await sharp(r.bytes)
    .metadata()
    .then((m) => ({ width: m.width ?? null, height: m.height ?? null }))
    .catch(() => ({ width: null, height: null }))
  return {
    bytes: r.bytes,
    contentType: r.contentType.split(';')[0].trim(),
    ...size,
    provider: meta.provider,
    zoom: meta.zoom,
    metresPerPixel: metresPerPixel({ lat: meta.lat, zoom: meta.zoom, tileSize: meta.tileSize, scale: meta.scale }),
    sha256: createHash('sha256').update(r.bytes).digest('hex'),
    sandbox: r.sandbox,
    capturedAt: null,
  }
}

async function fromMapbox(lat: number, lng: number): Promise<AerialImage> {
  const zoom = MAPBOX_DEFAULT_ZOOM
  const r = await fetchStaticImage({ lat, lng, zoom, width: LOGICAL_SIZE, height: LOGICAL_SIZE, retina: true })
  return describe(r, { provider: 'mapbox', zoom, lat, tileSize: MAPBOX_TILE_SIZE, scale: SCALE })
}

async function fromGoogle(lat: number, lng: number): Promise<AerialImage> {
  const zoom = GOOGLE_STATIC_DEFAULT_ZOOM
  const r = await fetchStaticSatelliteImage({ lat, lng, zoom, size: LOGICAL_SIZE, scale: SCALE })
  return describe(r, { provider: 'google_maps', zoom, lat, tileSize: GOOGLE_STATIC_TILE_SIZE, scale: SCALE })
}

/** The sandbox photo is 640×640 and drawn at the scale of Mapbox z19 without @2x (a house ≈ 15–25 m long). */
async function fromSandbox(lat: number, lng: number): Promise<AerialImage> {
  const r = await fetchStaticImage({ lat, lng, zoom: MAPBOX_DEFAULT_ZOOM })
  return describe(r, { provider: 'sandbox', zoom: MAPBOX_DEFAULT_ZOOM, lat, tileSize: MAPBOX_TILE_SIZE, scale: 1 })
}

export async function fetchAerialImage({ lat, lng }: { lat: number; lng: number }): Promise<AerialImage> {
  if (!Number.isFinite(lat) || !Number.isFinite(lng) || Math.abs(lat) > 85 || Math.abs(lng) > 180)
    throw new AppError('BAD_REQUEST', 'Coordinates are out of range', { details: { reason: 'INVALID' } })
  const mapbox = providerState('mapbox').status
  const google = providerState('google_maps').status
  // a misconfigured provider is still called (it fails loudly); a disabled one is never the alternative
  const googleUsable = google === 'live' || google === 'misconfigured'
  if (mapbox !== 'sandbox') {
    try {
      return await fromMapbox(lat, lng)
    } catch (err) {
      if (!googleUsable || !mapboxUnavailable(err)) throw err
      log().warn(
        { provider: 'mapbox', fallback: 'google_maps', details: (err as AppError).details },
        'aerial image: Mapbox unavailable, using Google',
      )
      return fromGoogle(lat, lng)
    }
  }
  if (googleUsable) return fromGoogle(lat, lng)
  return fromSandbox(lat, lng)
}

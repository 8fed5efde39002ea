// Ground resolution of a Web-Mercator static map (REFERENCE §4.2): 156543.034·cos(lat)/2^z metres per pixel for
// 256-px tiles (Google). Mapbox GL styles use 512-px tiles, so the same zoom shows twice the ground per pixel
// (Mapbox z ≈ Google z+1); @2x / scale=2 doubles the pixels over the same ground and halves the metres per pixel.
import 'server-only'

/** equatorial circumference (WGS84, 40 075 016.686 m) / 256 px */
const METRES_PER_PIXEL_Z0_256 = 156543.03392

export interface GroundResolutionInput {
  lat: number
  zoom: number
  /** the provider's tile size: Google Static Maps 256, Mapbox Static Images (GL styles) 512 */
  tileSize: 256 | 512
  /** device pixel ratio of the image: Mapbox @2x and Google scale=2 → 2 */
  scale: 1 | 2
}

export function metresPerPixel({ lat, zoom, tileSize, scale }: GroundResolutionInput): number {
  const latRad = (Math.max(-85.05112878, Math.min(85.05112878, lat)) * Math.PI) / 180
  return (METRES_PER_PIXEL_Z0_256 * Math.cos(latRad) * (256 / tileSize)) / (2 ** zoom * scale)
}

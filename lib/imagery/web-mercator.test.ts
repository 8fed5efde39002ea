import { describe, expect, it } from 'vitest'
import { metresPerPixel } from '@/lib/imagery/web-mercator'

describe('metresPerPixel (Web Mercator)', () => {
  it('matches REFERENCE §4.2: Google z20 at lat 33° ≈ 0.125 m/px', () => {
    expect(metresPerPixel({ lat: 33, zoom: 20, tileSize: 256, scale: 1 })).toBeCloseTo(0.1252, 4)
  })
  it('is 156543 m/px at the equator, z0, 256-px tiles', () => {
    expect(metresPerPixel({ lat: 0, zoom: 0, tileSize: 256, scale: 1 })).toBeCloseTo(156543.034, 2)
  })
  it('Mapbox 512-px tiles at z equal Google at z+1; @2x / scale=2 halves it', () => {
    const google21 = metresPerPixel({ lat: 40, zoom: 21, tileSize: 256, scale: 1 })
    expect(metresPerPixel({ lat: 40, zoom: 20, tileSize: 512, scale: 1 })).toBeCloseTo(google21, 10)
    expect(metresPerPixel({ lat: 40, zoom: 20, tileSize: 256, scale: 2 })).toBeCloseTo(google21, 10)
  })
  it('shrinks with latitude (cos)', () => {
    const eq = metresPerPixel({ lat: 0, zoom: 19, tileSize: 512, scale: 2 })
    expect(metresPerPixel({ lat: 60, zoom: 19, tileSize: 512, scale: 2 })).toBeCloseTo(eq / 2, 10)
  })
})

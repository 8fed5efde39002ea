// fetchAerialImage against Mapbox Static Images and Google Static Maps fakes that answer real JPEGs: request
// shape, capture metadata (zoom, metres per pixel, size, sha256), Mapbox → Google fallback rules, faults, and
// the deterministic sandbox photo that passes the quality gate.
import { createHash } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { fetchAerialImage } from '@/lib/external/aerial-imagery'
import { staticSatelliteUrl } from '@/lib/external/google-maps'
import { assessImageQuality } from '@/lib/imagery/quality-gate'
import { generateSyntheticAerial } from '@/lib/imagery/synthetic-aerial'
import { metresPerPixel } from '@/lib/imagery/web-mercator'
import { startFake, type FakeServer } from '@/tests/fakes/fake-server'
import { clearProviderEnv, expectAppError, fastPolicies, setEnv } from './helpers'

const AUSTIN = { lat: 30.2672, lng: -97.7431 }
const GARBAGE_AT = { lat: 1, lng: 1 } // both fakes answer 200 with bytes that are not an image here
let mapboxJpeg: Buffer
let googleJpeg: Buffer
let mapbox: FakeServer
let google: FakeServer

beforeAll(async () => {
  // what the providers send for 640×640 @2x / scale=2: a 1280×1280 JPEG (distinct bytes per provider)
  mapboxJpeg = (await generateSyntheticAerial({ ...AUSTIN, size: 1280 })).bytes
  googleJpeg = (await generateSyntheticAerial({ lat: AUSTIN.lat + 0.0001, lng: AUSTIN.lng, size: 1280 })).bytes
  mapbox = await startFake({
    errorBody: (status) => ({ message: `fake ${status}` }),
    routes: [
      {
        method: 'GET',
        path: /^\/styles\/v1\/mapbox\/satellite-v9\/static\//,
        handle: (r) => {
          if (r.query.get('access_token') !== 'pk.good') return { status: 401, body: { message: 'Not Authorized - Invalid Token' } }
          if (r.path.includes('1.000000,1.000000')) return { status: 200, headers: { 'content-type': 'image/jpeg' }, raw: 'not a jpeg' }
          return { status: 200, headers: { 'content-type': 'image/jpeg' }, raw: mapboxJpeg }
        },
      },
    ],
  })
  google = await startFake({
    routes: [
      {
        method: 'GET',
        path: /^\/maps\/api\/staticmap$/,
        handle: (r) => {
          if (!r.query.get('key')?.startsWith('AIza'))
            return { status: 403, headers: { 'content-type': 'text/plain' }, raw: 'The Google Maps Platform server rejected your request.' }
          return { status: 200, headers: { 'content-type': 'image/jpeg' }, raw: googleJpeg }
        },
      },
    ],
  })
})
afterAll(async () => {
  await Promise.all([mapbox.close(), google.close()])
})
beforeEach(() => {
  clearProviderEnv()
  fastPolicies()
  mapbox.reset()
  google.reset()
})

const GOOGLE_KEY = 'AIzaSyFakeFakeFakeFakeFakeFake12345'
const useMapbox = () => setEnv({ MAPBOX_TOKEN: 'pk.good', MAPBOX_BASE_URL: mapbox.url })
const useGoogle = () => setEnv({ GOOGLE_MAPS_API_KEY: GOOGLE_KEY, GOOGLE_MAPS_BASE_URL: google.url })
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex')

describe('fetchAerialImage: Mapbox first', () => {
  it('asks Mapbox for 640×640@2x at z19 and describes the 1280-px JPEG it gets', async () => {
    useMapbox()
    useGoogle()
    const img = await fetchAerialImage(AUSTIN)
    expect(img).toMatchObject({
      provider: 'mapbox',
      contentType: 'image/jpeg',
      width: 1280,
      height: 1280,
      zoom: 19,
      sandbox: false,
      capturedAt: null,
      sha256: sha(mapboxJpeg),
    })
    expect(img.bytes.equals(mapboxJpeg)).toBe(true)
    expect(img.metresPerPixel).toBeCloseTo(metresPerPixel({ lat: AUSTIN.lat, zoom: 19, tileSize: 512, scale: 2 }), 12)
    expect(img.metresPerPixel).toBeCloseTo(0.0645, 4) // 1280 px ≈ 83 m across at Austin's latitude
    expect(mapbox.requests).toHaveLength(1)
    expect(mapbox.requests[0].path).toBe('/styles/v1/mapbox/satellite-v9/static/-97.743100,30.267200,19,0/640x640@2x')
    expect(mapbox.requests[0].query.get('access_token')).toBe('pk.good')
    expect(google.requests).toHaveLength(0)
    expect((await assessImageQuality(img.bytes)).ok).toBe(true)
  })

  it('retries a Mapbox 5xx and stays on Mapbox', async () => {
    useMapbox()
    useGoogle()
    mapbox.script({ kind: 'status', status: 502 })
    await expect(fetchAerialImage(AUSTIN)).resolves.toMatchObject({ provider: 'mapbox' })
    expect(mapbox.requests).toHaveLength(2)
    expect(google.requests).toHaveLength(0)
  })

  it('a bad Mapbox token fails loudly: no retry, no fallback', async () => {
    setEnv({ MAPBOX_TOKEN: 'pk.revoked', MAPBOX_BASE_URL: mapbox.url })
    useGoogle()
    const e = await expectAppError(fetchAerialImage(AUSTIN))
    expect(e).toMatchObject({ code: 'UPSTREAM_FAILED', details: { provider: 'mapbox', reason: 'client_error', status: 401 } })
    expect(mapbox.requests).toHaveLength(1)
    expect(google.requests).toHaveLength(0)
  })

  it('bytes that are not an image come back with no size; the gate calls them undecodable', async () => {
    useMapbox()
    const img = await fetchAerialImage(GARBAGE_AT)
    expect(img).toMatchObject({ provider: 'mapbox', width: null, height: null })
    expect((await assessImageQuality(img.bytes)).reasons).toEqual(['undecodable'])
  })

  it('refuses coordinates out of range before calling anyone', async () => {
    useMapbox()
    for (const c of [
      { lat: 91, lng: 0 },
      { lat: 0, lng: 181 },
      { lat: Number.NaN, lng: 0 },
    ])
      expect(await expectAppError(fetchAerialImage(c))).toMatchObject({ code: 'BAD_REQUEST' })
    expect(mapbox.requests).toHaveLength(0)
  })
})

describe('fetchAerialImage: Google Static Maps as the alternative', () => {
  it('is used when Mapbox has no key: satellite, 640×640, scale=2, z20, key in the query', async () => {
    useGoogle()
    const img = await fetchAerialImage(AUSTIN)
    expect(img).toMatchObject({ provider: 'google_maps', width: 1280, height: 1280, zoom: 20, sandbox: false, sha256: sha(googleJpeg) })
    // Google z20 (256-px tiles) covers the same ground per pixel as Mapbox z19 (512-px tiles)
    expect(img.metresPerPixel).toBeCloseTo(metresPerPixel({ lat: AUSTIN.lat, zoom: 19, tileSize: 512, scale: 2 }), 12)
    const q = google.requests[0].query
    expect(Object.fromEntries(q)).toEqual({
      center: '30.267200,-97.743100',
      zoom: '20',
      size: '640x640',
      scale: '2',
      maptype: 'satellite',
      format: 'jpg',
      key: GOOGLE_KEY,
    })
  })

  it('clamps the requested size to 640 (the standard plan maximum)', () => {
    useGoogle()
    expect(staticSatelliteUrl({ ...AUSTIN, size: 2000 })).toContain('size=640x640')
  })

  it('takes over when Mapbox is down (5xx on every attempt)', async () => {
    useMapbox()
    useGoogle()
    mapbox.script(...Array(3).fill({ kind: 'status', status: 503 }))
    await expect(fetchAerialImage(AUSTIN)).resolves.toMatchObject({ provider: 'google_maps', sha256: sha(googleJpeg) })
    expect(mapbox.requests).toHaveLength(3)
    expect(google.requests).toHaveLength(1)
  })

  it('takes over when Mapbox times out', async () => {
    useMapbox()
    useGoogle()
    mapbox.script({ kind: 'hang' }, { kind: 'hang' }, { kind: 'hang' })
    await expect(fetchAerialImage(AUSTIN)).resolves.toMatchObject({ provider: 'google_maps' })
    expect(mapbox.requests).toHaveLength(3)
  })

  it('takes over when Mapbox is switched off, without calling it', async () => {
    useMapbox()
    useGoogle()
    setEnv({ FM_DISABLE_MAPBOX: '1' })
    await expect(fetchAerialImage(AUSTIN)).resolves.toMatchObject({ provider: 'google_maps' })
    expect(mapbox.requests).toHaveLength(0)
  })

  it('without Google configured, a Mapbox outage is an error, never a sandbox picture', async () => {
    useMapbox()
    mapbox.script(...Array(3).fill({ kind: 'status', status: 500 }))
    const e = await expectAppError(fetchAerialImage(AUSTIN))
    expect(e).toMatchObject({ code: 'UPSTREAM_FAILED', details: { provider: 'mapbox', reason: 'server_error' } })
  })

  it('a Google 403 (bad key, API not enabled) is not retried', async () => {
    // a malformed key makes Google "misconfigured": still called (it fails loudly, never a sandbox picture)
    setEnv({ GOOGLE_MAPS_API_KEY: 'xIzaSyFakeFakeFakeFakeFakeFake12345', GOOGLE_MAPS_BASE_URL: google.url })
    const e = await expectAppError(fetchAerialImage(AUSTIN))
    expect(e).toMatchObject({ code: 'UPSTREAM_FAILED', details: { provider: 'google_maps', status: 403 } })
    expect(google.requests).toHaveLength(1)
  })
})

describe('fetchAerialImage: sandbox', () => {
  it('without keys: a deterministic synthetic photo, offline, that passes the quality gate', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch')
    const a = await fetchAerialImage(AUSTIN)
    const b = await fetchAerialImage(AUSTIN)
    expect(a).toMatchObject({ provider: 'sandbox', sandbox: true, width: 640, height: 640, zoom: 19, capturedAt: null })
    expect(a.sha256).toBe(b.sha256)
    expect(a.bytes.equals(b.bytes)).toBe(true)
    expect(a.metresPerPixel).toBeCloseTo(metresPerPixel({ lat: AUSTIN.lat, zoom: 19, tileSize: 512, scale: 1 }), 12)
    expect(fetchSpy).not.toHaveBeenCalled()
    fetchSpy.mockRestore()
    expect(await assessImageQuality(a.bytes)).toMatchObject({ ok: true, reasons: [] })
    const other = await fetchAerialImage({ lat: 40.7128, lng: -74.006 })
    expect(other.sha256).not.toBe(a.sha256)
  })

  it('Mapbox in sandbox and Google switched off: still the sandbox photo', async () => {
    useGoogle()
    setEnv({ FM_DISABLE_GOOGLE_MAPS: '1' })
    await expect(fetchAerialImage(AUSTIN)).resolves.toMatchObject({ provider: 'sandbox', sandbox: true })
    expect(google.requests).toHaveLength(0)
  })
})

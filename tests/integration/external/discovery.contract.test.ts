// Property discovery against its fakes: Regrid parcels (token in the query, mapping, skipping, paging, failure
// classification), Overpass (one POSTed query, mapping, 2 slots), the sandbox source and the chooser.
// Nothing here reaches a real provider: Overpass is live only with OVERPASS_URL pointing at the fake.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { providerEnv, providerState } from '@/lib/external/config'
import { searchBuildings } from '@/lib/external/overpass'
import { discoverProperties, discoverySource } from '@/lib/external/property-sources'
import { searchParcels } from '@/lib/external/regrid'
import { destination, milesToMeters, pointInCircle, resolveArea } from '@/lib/geo/area'
import { listIntegrationHealth } from '@/lib/ops/integration-health'
import { osmHouse, startOverpassFake, type OverpassFake } from '@/tests/fakes/overpass-fake'
import { regridParcel, startRegridFake, type RegridFake } from '@/tests/fakes/regrid-fake'
import { clearProviderEnv, expectAppError, fastPolicies, setEnv } from './helpers'

const centre = { lat: 30.2672, lng: -97.7431 }
const area = resolveArea({ kind: 'radius', lat: centre.lat, lng: centre.lng, radiusMiles: 1 })
/** A point `miles` from the centre, on bearing `i` (radians): spreads fixtures around the circle. */
const at = (miles: number, i: number) => destination(centre, milesToMeters(miles), i)
const TOKEN = 'rg_fake_token_0123456789'

let rg: RegridFake
let op: OverpassFake
beforeAll(async () => {
  rg = await startRegridFake()
  op = await startOverpassFake()
})
afterAll(async () => {
  await Promise.all([rg.close(), op.close()])
})
beforeEach(() => {
  clearProviderEnv()
  fastPolicies()
  rg.reset()
  op.reset()
})

function seedParcels(n: number, from = 1) {
  for (let i = from; i < from + n; i++) {
    const p = at(0.1 + (i % 9) * 0.1, i)
    rg.parcels.push(regridParcel(i, p.lat, p.lng))
  }
}

describe('regrid parcels', () => {
  beforeEach(() => setEnv({ REGRID_TOKEN: TOKEN, REGRID_BASE_URL: rg.url }))

  it('sends the token and the point in the query and maps parcels to properties', async () => {
    const p = at(0.3, 1)
    rg.parcels.push(
      regridParcel(7, p.lat, p.lng, {
        address: '1204 W 6TH ST',
        sunit: 'UNIT B',
        owner: 'GARCIA MARIA & LUIS',
        yearbuilt: '1978',
        parval: '412500.5',
        parcelnumb: '0110040113',
      }),
    )
    const r = await searchParcels({ area, limit: 10 })
    expect(r).toMatchObject({ sandbox: false, pages: 1, skipped: {} })
    expect(r.properties).toEqual([
      {
        sourceId: 'regrid:00000000-0000-4000-8000-000000000007',
        source: 'regrid',
        addressLine1: '1204 W 6th St Unit B',
        city: 'Austin',
        state: 'TX',
        zip: '78701',
        lat: Number(p.lat.toFixed(6)),
        lng: Number(p.lng.toFixed(6)),
        ownerName: 'Garcia Maria & Luis',
        yearBuilt: 1978,
        assessedValueCents: 41_250_050,
        parcelId: '0110040113',
      },
    ])
    const q = rg.requests[0].query
    expect(rg.requests[0].method).toBe('GET')
    expect(rg.requests[0].path).toBe('/api/v2/parcels/point')
    expect(q.get('token')).toBe(TOKEN)
    expect(Number(q.get('lat'))).toBeCloseTo(centre.lat, 5)
    expect(Number(q.get('lon'))).toBeCloseTo(centre.lng, 5)
    expect(Number(q.get('radius'))).toBe(Math.round(milesToMeters(1)))
    expect(q.get('offset_id')).toBe('0')
    expect(q.get('return_geometry')).toBe('false')
  })

  it('skips parcels without a usable address, non-residential ones and those outside the circle', async () => {
    const p = (i: number) => at(0.2, i)
    rg.parcels.push(
      regridParcel(1, p(1).lat, p(1).lng),
      regridParcel(2, p(2).lat, p(2).lng, { address: null }), // vacant land
      regridParcel(3, p(3).lat, p(3).lng, { address: 'OAK ST' }), // no house number
      regridParcel(4, p(4).lat, p(4).lng, { szip5: null, szip: null }),
      regridParcel(5, p(5).lat, p(5).lng, { lbcs_activity: 2100 }), // shops
      regridParcel(6, p(6).lat, p(6).lng, { lat: null, lon: null }),
      regridParcel(7, p(7).lat, p(7).lng, { scity: null, szip5: '78704' }), // city from the ZIP table
      regridParcel(8, p(8).lat, p(8).lng, { address: '101 OAK ST' }), // same address as parcel 1 (stacked)
    )
    const r = await searchParcels({ area, limit: 50 })
    expect(r.properties.map((x) => x.sourceId.slice(-1))).toEqual(['1', '7'])
    expect(r.properties[1]).toMatchObject({ city: 'Austin', zip: '78704' })
    expect(r.skipped).toEqual({ no_address: 3, not_residential: 1, no_location: 1, duplicate_address: 1 })
  })

  it('respects the limit, and pages with offset_id when addressless parcels eat the first page', async () => {
    seedParcels(100)
    const few = await searchParcels({ area, limit: 7 })
    expect(few.properties).toHaveLength(7)
    expect(rg.requests).toHaveLength(1)
    expect(rg.requests[0].query.get('limit')).toBe('20')

    rg.requests.length = 0
    for (const parcel of rg.parcels.slice(0, 30)) parcel.fields.address = null
    const r = await searchParcels({ area, limit: 20 })
    expect(r.properties).toHaveLength(20)
    expect(r.properties[0].sourceId).toMatch(/0031$/)
    expect(rg.requests.map((x) => x.query.get('offset_id'))).toEqual(['0', '25'])
    expect(r.pages).toBe(2)
  })

  it('retries a 429 after its Retry-After', async () => {
    seedParcels(3)
    rg.script({ kind: 'status', status: 429, headers: { 'retry-after': '1' } })
    const started = Date.now()
    const r = await searchParcels({ area, limit: 10 })
    expect(r.properties).toHaveLength(3)
    expect(rg.requests).toHaveLength(2)
    expect(rg.requests[1].at - rg.requests[0].at).toBeGreaterThanOrEqual(950)
    expect(Date.now() - started).toBeLessThan(5_000)
  })

  it('retries 5xx, then fails as UPSTREAM_FAILED', async () => {
    rg.script(...Array.from({ length: 3 }, () => ({ kind: 'status' as const, status: 503 })))
    const err = await expectAppError(searchParcels({ area, limit: 10 }))
    expect(err).toMatchObject({ code: 'UPSTREAM_FAILED', details: { provider: 'regrid', reason: 'server_error', attempts: 3 } })
    expect(rg.requests).toHaveLength(3)
  })

  it('a refused token is not retried and reads as misconfiguration', async () => {
    setEnv({ REGRID_TOKEN: 'bad_token_0123456789abcdef' })
    const err = await expectAppError(searchParcels({ area, limit: 10 }))
    expect(err).toMatchObject({ code: 'UPSTREAM_FAILED', details: { provider: 'regrid', reason: 'not_configured', status: 401 } })
    expect(rg.requests).toHaveLength(1)
  })

  it('times out a hanging request (per attempt) and reports UPSTREAM_TIMEOUT', async () => {
    fastPolicies({ timeoutCapMs: 150, maxAttempts: 2 })
    rg.script({ kind: 'hang' }, { kind: 'hang' })
    const err = await expectAppError(searchParcels({ area, limit: 10 }))
    expect(err).toMatchObject({ code: 'UPSTREAM_TIMEOUT', details: { provider: 'regrid', reason: 'timeout' } })
    expect(rg.requests).toHaveLength(2)
  })

  it('searches at most Regrid’s 32 km around the centre of a wider area', async () => {
    const wide = resolveArea({ kind: 'radius', lat: centre.lat, lng: centre.lng, radiusMiles: 40 })
    await searchParcels({ area: wide, limit: 5 })
    expect(rg.requests[0].query.get('radius')).toBe('32000')
  })
})

describe('overpass buildings', () => {
  beforeEach(() => setEnv({ OVERPASS_URL: `${op.url}/api/interpreter` }))

  it('POSTs one Overpass QL query for the circle and maps buildings to properties', async () => {
    const p = at(0.4, 2)
    op.elements.push(
      osmHouse(11, p.lat, p.lng, { 'addr:housenumber': '1603', 'addr:street': 'Enfield Road', 'addr:unit': '2', start_date: '1939' }),
    )
    const r = await searchBuildings({ area, limit: 10 })
    expect(r).toMatchObject({ sandbox: false, skipped: {} })
    expect(r.properties).toEqual([
      {
        sourceId: 'osm:way/11',
        source: 'overpass',
        addressLine1: '1603 Enfield Road Unit 2',
        city: 'Austin',
        state: 'TX',
        zip: '78701',
        lat: Number(p.lat.toFixed(7)),
        lng: Number(p.lng.toFixed(7)),
        yearBuilt: 1939,
      },
    ])
    expect(op.requests).toHaveLength(1)
    expect(op.requests[0].method).toBe('POST')
    expect(String(op.requests[0].headers['content-type'])).toContain('application/x-www-form-urlencoded')
    expect(String(op.requests[0].headers['user-agent'])).toMatch(/^FishMouth\//)
    const q = op.queries[0]
    expect(q).toContain('[out:json][timeout:25]')
    expect(q).toContain('way["building"]["addr:housenumber"]["addr:street"]')
    expect(q).toContain(`(around:${Math.round(area.radiusMeters)},30.267200,-97.743100)`)
    expect(q).toMatch(/out tags center \d+;/)
  })

  it('fills a missing city/state/ZIP from the nearest ZIP, skips unusable ones, duplicates and centres outside', async () => {
    const p = (i: number) => at(0.3, i)
    // a way matched by one of its nodes while its centre is 20 m outside the circle
    const rim = destination(centre, area.radiusMeters + 20, 3)
    op.elements.push(
      osmHouse(1, p(1).lat, p(1).lng, { 'addr:city': undefined, 'addr:state': undefined, 'addr:postcode': undefined }),
      osmHouse(2, p(2).lat, p(2).lng, { 'addr:housenumber': 'rear' }),
      osmHouse(5, p(5).lat, p(5).lng, { 'addr:state': 'Texas' }),
      osmHouse(3, p(3).lat, p(3).lng, { 'addr:housenumber': '205', 'addr:street': 'Maple Ave' }), // = way 5's address
      osmHouse(4, rim.lat, rim.lng),
    )
    const r = await searchBuildings({ area, limit: 10 })
    expect(r.properties.map((x) => x.sourceId)).toEqual(['osm:way/1', 'osm:way/5'])
    expect(r.properties[0]).toMatchObject({
      addressLine1: '201 Maple Avenue',
      city: 'Austin',
      state: 'TX',
      zip: expect.stringMatching(/^787\d\d$/),
    })
    expect(r.properties[1]).toMatchObject({ addressLine1: '205 Maple Avenue', state: 'TX', zip: '78701' })
    expect(r.skipped).toEqual({ no_address: 1, duplicate_address: 1, outside_area: 1 })
  })

  it('respects the limit', async () => {
    for (let i = 1; i <= 40; i++) {
      const p = at(0.05 + (i % 8) * 0.1, i)
      op.elements.push(osmHouse(i, p.lat, p.lng))
    }
    const r = await searchBuildings({ area, limit: 12 })
    expect(r.properties).toHaveLength(12)
    expect(op.requests).toHaveLength(1)
  })

  it('retries a 429 and a 504, and a "runtime error" remark counts as an overload', async () => {
    const p = at(0.2, 1)
    op.elements.push(osmHouse(1, p.lat, p.lng))
    op.script({ kind: 'status', status: 429, body: { remark: 'rate_limited' } }, { kind: 'status', status: 504 })
    await expect(searchBuildings({ area, limit: 5 })).resolves.toMatchObject({ properties: [{ sourceId: 'osm:way/1' }] })
    expect(op.requests).toHaveLength(3)

    op.requests.length = 0
    const remark = { remark: 'runtime error: Query timed out in "query" at line 2 after 26 seconds.', elements: [] }
    op.script(...Array.from({ length: 3 }, () => ({ kind: 'status' as const, status: 200, body: remark })))
    const err = await expectAppError(searchBuildings({ area, limit: 5 }))
    expect(err).toMatchObject({ code: 'UPSTREAM_FAILED', details: { provider: 'overpass', reason: 'server_error', attempts: 3 } })
  })

  it('keeps at most 2 queries in flight (the public instance gives an IP 2 slots)', async () => {
    op.latency(150)
    const areas = [0, 1, 2, 3, 4].map((i) => resolveArea({ kind: 'radius', lat: centre.lat + i * 0.1, lng: centre.lng, radiusMiles: 1 }))
    await Promise.all(areas.map((a) => searchBuildings({ area: a, limit: 5 })))
    expect(op.requests).toHaveLength(5)
    expect(op.maxInFlight).toBe(2)
  })

  it('times out a hanging query and reports UPSTREAM_TIMEOUT', async () => {
    fastPolicies({ timeoutCapMs: 150, maxAttempts: 1 })
    op.script({ kind: 'hang' })
    const err = await expectAppError(searchBuildings({ area, limit: 5 }))
    expect(err).toMatchObject({ code: 'UPSTREAM_TIMEOUT', details: { provider: 'overpass' } })
  })
})

describe('sandbox source', () => {
  it('is deterministic, inside the circle and exactly as many as asked', async () => {
    const a = await discoverProperties({ area, limit: 150 })
    const b = await discoverProperties({ area, limit: 150 })
    expect(a).toMatchObject({ source: 'sandbox', sandbox: true })
    expect(a.properties).toHaveLength(150)
    expect(b.properties).toEqual(a.properties)
    for (const p of a.properties) expect(pointInCircle(p, area.centre, area.radiusMeters)).toBe(true)
    expect(rg.requests).toHaveLength(0)
    expect(op.requests).toHaveLength(0)
  })
})

describe('choosing the source', () => {
  const seedBoth = () => {
    seedParcels(5)
    const p = at(0.2, 1)
    op.elements.push(osmHouse(1, p.lat, p.lng))
  }

  it('Regrid when its token is set', async () => {
    seedBoth()
    setEnv({ REGRID_TOKEN: TOKEN, REGRID_BASE_URL: rg.url, OVERPASS_URL: `${op.url}/api/interpreter` })
    const r = await discoverProperties({ area, limit: 10 })
    expect(r).toMatchObject({ source: 'regrid', sandbox: false })
    expect(r.properties).toHaveLength(5)
    expect(op.requests).toHaveLength(0)
  })

  it('Overpass without a token; the sandbox when Overpass is switched off or not pointed at a fake in tests', async () => {
    seedBoth()
    setEnv({ OVERPASS_URL: `${op.url}/api/interpreter` })
    await expect(discoverProperties({ area, limit: 10 })).resolves.toMatchObject({ source: 'overpass', sandbox: false })
    expect(op.requests).toHaveLength(1)

    setEnv({ OVERPASS_ENABLED: '0' })
    await expect(discoverProperties({ area, limit: 10 })).resolves.toMatchObject({ source: 'sandbox', sandbox: true })
    setEnv({ OVERPASS_ENABLED: undefined, OVERPASS_URL: undefined })
    expect(providerState('overpass')).toMatchObject({ status: 'sandbox', reason: expect.stringContaining('NODE_ENV=test') })
    await expect(discoverProperties({ area, limit: 10 })).resolves.toMatchObject({ source: 'sandbox' })
    expect(op.requests).toHaveLength(1)
    expect(rg.requests).toHaveLength(0)
  })

  it('FM_SANDBOX=1 forces the sandbox even with a token', async () => {
    seedBoth()
    setEnv({ FM_SANDBOX: '1', REGRID_TOKEN: TOKEN, REGRID_BASE_URL: rg.url, OVERPASS_URL: `${op.url}/api/interpreter` })
    await expect(discoverProperties({ area, limit: 10 })).resolves.toMatchObject({ source: 'sandbox', sandbox: true })
    expect(providerState('regrid').reason).toContain('FM_SANDBOX=1')
    expect(rg.requests).toHaveLength(0)
    expect(op.requests).toHaveLength(0)
  })

  it('Regrid switched off falls back to Overpass; everything switched off is UPSTREAM_UNAVAILABLE, never fake data', async () => {
    seedBoth()
    setEnv({ REGRID_TOKEN: TOKEN, REGRID_BASE_URL: rg.url, OVERPASS_URL: `${op.url}/api/interpreter`, FM_DISABLE_REGRID: '1' })
    await expect(discoverProperties({ area, limit: 10 })).resolves.toMatchObject({ source: 'overpass' })
    setEnv({ FM_DISABLE_OVERPASS: '1' })
    const err = await expectAppError(discoverProperties({ area, limit: 10 }))
    expect(err).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', details: { reason: 'kill_switch' } })
    expect(rg.requests).toHaveLength(0)
  })

  it('a malformed token is misconfigured: doctor says so and discovery still tries Regrid (loudly)', async () => {
    setEnv({ REGRID_TOKEN: 'short', REGRID_BASE_URL: rg.url })
    expect(discoverySource(providerEnv())).toMatchObject({ source: 'regrid' })
    const rows = await listIntegrationHealth()
    expect(rows.find((r) => r.key === 'regrid')).toMatchObject({ status: 'misconfigured', reason: 'REGRID_TOKEN looks too short' })
    expect(rows.find((r) => r.key === 'overpass')).toMatchObject({ status: 'sandbox' })
    await expect(expectAppError(discoverProperties({ area, limit: 10 }))).resolves.toMatchObject({ details: { reason: 'not_configured' } })
  })
})

// Scans of an area drawn on the map (a polygon), against real PostgreSQL and pg-boss (private schema): created
// through the domain in sandbox mode, every discovered property lies inside the shape; bad shapes (bow-tie, huge,
// 2 corners, NaN) → VALIDATION_FAILED with nothing stored; the REST route refuses a bow-tie with the envelope;
// Overpass (against its fake) is asked with a poly: filter and only buildings inside the shape are kept.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { toAppError } from '@/lib/errors'
import { systemActor } from '@/lib/auth/actor'
import { createApiKey } from '@/lib/api-keys/create-api-key'
import { apiScanSchema } from '@/lib/api/scan-dto'
import { searchBuildings } from '@/lib/external/overpass'
import { destination, milesToMeters, resolveArea, type LatLng } from '@/lib/geo/area'
import { pointInPolygon } from '@/lib/geo/polygon'
import { stopBoss } from '@/lib/jobs/boss'
import { prepareQueues } from '@/lib/jobs/enqueue'
import { closeLimiters, resetLimiters } from '@/lib/rate-limit/limiter'
import { createScan } from '@/lib/scans/create-scan'
import { getScanOrThrow } from '@/lib/scans/get-scan'
import { previewScan } from '@/lib/scans/preview-scan'
import { runScanDiscovery } from '@/lib/scans/run-scan-discovery'
import { newScanSchema } from '@/lib/scans/schemas'
import { POST as createRoute } from '@/app/api/v1/scans/route'
import { GET as getRoute } from '@/app/api/v1/scans/[id]/route'
import { GET as openapiRoute } from '@/app/api/v1/openapi.json/route'
import { createOrgWithRoles } from '@/tests/factories'
import { osmHouse, startOverpassFake, type OverpassFake } from '@/tests/fakes/overpass-fake'
import { clearProviderEnv, fastPolicies, setEnv } from '@/tests/integration/external/helpers'
import { actorsOf } from '@/tests/integration/leads/helpers'
import { usePrivateBossSchema } from '@/tests/integration/outbox/harness'

let imagesDir = ''
let op: OverpassFake
beforeAll(async () => {
  usePrivateBossSchema()
  imagesDir = mkdtempSync(path.join(tmpdir(), 'fm-scan-polygon-'))
  process.env.IMAGE_STORAGE_DIR = imagesDir
  await prepareQueues(['scans.discover', 'scans.property'])
  op = await startOverpassFake()
})
afterAll(async () => {
  await stopBoss()
  await closeLimiters()
  await op.close()
  rmSync(imagesDir, { recursive: true, force: true })
})
beforeEach(async () => {
  clearProviderEnv()
  op.reset()
  delete process.env.FM_RATE_LIMIT_SCANS
  await resetLimiters()
})

const DALLAS = { lat: 32.7767, lng: -96.797 }
const off = (c: LatLng, northMiles: number, eastMiles: number): LatLng => {
  const n = destination(c, milesToMeters(Math.abs(northMiles)), northMiles >= 0 ? 0 : Math.PI)
  return destination(n, milesToMeters(Math.abs(eastMiles)), eastMiles >= 0 ? Math.PI / 2 : -Math.PI / 2)
}
/** An L-shaped area, 2 × 2 mi with its north-east quarter cut out: concave, so its bounding circle holds much outside it. */
const L_SHAPE = [off(DALLAS, 1, -1), off(DALLAS, 1, 0), DALLAS, off(DALLAS, 0, 1), off(DALLAS, -1, 1), off(DALLAS, -1, -1)]
const BOW_TIE = [off(DALLAS, 1, -1), off(DALLAS, 1, 1), off(DALLAS, -1, -1), off(DALLAS, -1, 1)]
const HUGE = [off(DALLAS, 48, -48), off(DALLAS, 48, 48), off(DALLAS, -48, 48), off(DALLAS, -48, -48)]
const pipeline = (orgId: string) => systemActor({ process: 'scans.pipeline', orgId })
const err = async (p: Promise<unknown>) =>
  toAppError(
    await p.then(
      () => null,
      (e) => e,
    ),
  )

describe('polygon scans through the domain (sandbox)', () => {
  it('stores kind POLYGON with the corners and the bounding circle; every discovered property lies inside the shape', async () => {
    const org = await createOrgWithRoles()
    const a = await actorsOf(org)
    // the closing corner the map sends is dropped by the schema
    const { area, propertyCap } = newScanSchema.parse({ area: { kind: 'polygon', vertices: [...L_SHAPE, L_SHAPE[0]] }, propertyCap: 200 })
    const preview = await previewScan({ actor: a.MANAGER, area, propertyCap })
    expect(preview.area).toMatchObject({ kind: 'polygon', label: 'Drawn area (3 sq mi)' })
    expect(preview.estimate.sandbox).toBe(true)
    const scan = await createScan({ actor: a.MANAGER, area, propertyCap })
    const row = await db.scan.findUniqueOrThrow({ where: { id: scan.id } })
    expect(row).toMatchObject({ areaKind: 'POLYGON', label: 'Drawn area (3 sq mi)' })
    expect((row.area as unknown as { vertices: LatLng[] }).vertices).toEqual(L_SHAPE)
    expect(row.radiusMeters).toBe(Math.round(preview.area.radiusMeters))
    expect(row.centerLat).toBeCloseTo(preview.area.centre.lat, 6)

    await runScanDiscovery({ actor: pipeline(org.org.id), scanId: scan.id })
    const props = await db.scanProperty.findMany({ where: { scanId: scan.id }, select: { lat: true, lng: true, source: true } })
    expect(props.length).toBeGreaterThan(50)
    expect(props.every((p) => p.source === 'sandbox')).toBe(true)
    const outside = props.filter((p) => !pointInPolygon({ lat: Number(p.lat), lng: Number(p.lng) }, L_SHAPE))
    expect(outside).toEqual([])
    // the cut-out quarter is inside the bounding circle but holds no property
    const inNotch = props.filter((p) => Number(p.lat) > DALLAS.lat && Number(p.lng) > DALLAS.lng)
    expect(inNotch).toEqual([])
    const detail = await getScanOrThrow({ actor: a.MANAGER, scanId: scan.id })
    expect(detail).toMatchObject({ label: 'Drawn area (3 sq mi)', areaKind: 'POLYGON' })
  })

  it('bad shapes → VALIDATION_FAILED at area.vertices (or the schema), no scan row stored', async () => {
    const org = await createOrgWithRoles()
    const a = await actorsOf(org)
    for (const [vertices, code] of [
      [BOW_TIE, 'self_intersection'],
      [HUGE, 'area_too_large'],
    ] as const) {
      const input = newScanSchema.parse({ area: { kind: 'polygon', vertices }, propertyCap: 50 })
      const e = await err(createScan({ actor: a.MANAGER, ...input }))
      expect(e.code).toBe('VALIDATION_FAILED')
      expect(e.status).toBe(422)
      expect(e.details).toMatchObject({ issues: [{ path: 'area.vertices', code }] })
    }
    for (const vertices of [L_SHAPE.slice(0, 2), [L_SHAPE[0], L_SHAPE[1], { lat: NaN, lng: -96.8 }]]) {
      const parsed = newScanSchema.safeParse({ area: { kind: 'polygon', vertices }, propertyCap: 50 })
      expect(parsed.success).toBe(false)
      expect(parsed.error!.issues[0].path.slice(0, 2)).toEqual(['area', 'vertices'])
    }
    expect(await db.scan.count({ where: { orgId: org.org.id } })).toBe(0)
  })
})

describe('POST /api/v1/scans with a drawn area', () => {
  async function enterprise() {
    const org = await createOrgWithRoles()
    await db.organization.update({ where: { id: org.org.id }, data: { plan: 'ENTERPRISE' } })
    const key = await createApiKey({ actor: (await actorsOf(org)).OWNER, name: 'polygon', scope: 'WRITE' })
    return { orgId: org.org.id, auth: { authorization: `Bearer ${key.secret}`, 'x-forwarded-for': '10.9.0.1' } }
  }
  const post = (b: unknown, headers: Record<string, string>) =>
    new Request('http://localhost/api/v1/scans', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(b),
    })

  it('a bow-tie, a huge area, 2 corners, or a non-number → 4xx envelope naming area.vertices, nothing stored', async () => {
    const { orgId, auth } = await enterprise()
    for (const vertices of [BOW_TIE, HUGE, L_SHAPE.slice(0, 2), [L_SHAPE[0], L_SHAPE[1], { lat: 'x', lng: 1 }]]) {
      const res = await createRoute(post({ area: { kind: 'polygon', vertices }, propertyCap: 20 }, auth))
      const j = await res.json()
      expect(res.status, JSON.stringify(j)).toBe(422)
      expect(j.error.code).toBe('VALIDATION_FAILED')
      expect(j.error.requestId).toBeTruthy()
      const paths = (j.error.details.issues as Array<{ path: string | Array<string | number> }>).map((i) =>
        (Array.isArray(i.path) ? i.path.join('.') : i.path).split('.').slice(0, 2).join('.'),
      )
      expect(paths).toContain('area.vertices')
    }
    const bow = await (await createRoute(post({ area: { kind: 'polygon', vertices: BOW_TIE }, propertyCap: 20 }, auth))).json()
    expect(bow.error.message).toBe("The area's edges cross each other; draw it without crossing lines")
    expect(await db.scan.count({ where: { orgId } })).toBe(0)
  })

  it('a valid shape → 201, and GET returns kind polygon with the corners as asked', async () => {
    const { auth } = await enterprise()
    const res = await createRoute(post({ area: { kind: 'polygon', vertices: L_SHAPE }, propertyCap: 20 }, auth))
    const body = await res.json()
    expect(res.status, JSON.stringify(body)).toBe(201)
    const scan = apiScanSchema.parse(body.data)
    expect(scan.area).toMatchObject({ kind: 'polygon', label: 'Drawn area (3 sq mi)', request: { kind: 'polygon', vertices: L_SHAPE } })
    const again = await getRoute(new Request(`http://localhost/api/v1/scans/${scan.id}`, { headers: auth }), {
      params: Promise.resolve({ id: scan.id }),
    })
    expect(apiScanSchema.parse((await again.json()).data).area.kind).toBe('polygon')
  })
})

describe('the OpenAPI document', () => {
  it('describes the drawn area in the request (NewScan) and the response (Scan)', async () => {
    const doc = await (await openapiRoute(new Request('http://localhost/api/v1/openapi.json'))).json()
    type Node = { properties?: { kind?: { const?: string }; vertices?: { type?: string; items?: unknown } } }
    const polygonsIn = (schema: unknown): Node[] => {
      const found: Node[] = []
      const walk = (n: unknown) => {
        if (!n || typeof n !== 'object') return
        if ((n as Node).properties?.kind?.const === 'polygon') found.push(n as Node)
        for (const v of Object.values(n)) walk(v)
      }
      walk(schema)
      return found
    }
    const request = polygonsIn(doc.components.schemas.NewScan)
    expect(request.length).toBeGreaterThan(0)
    expect(request[0].properties?.vertices).toMatchObject({ type: 'array', maxItems: 400 })
    expect(polygonsIn(doc.components.schemas.Scan).length).toBeGreaterThan(0)
    expect(JSON.stringify(doc.components.schemas.ScanSummary)).toContain('"polygon"')
  })
})

describe('Overpass with a drawn area (fake)', () => {
  beforeEach(() => {
    fastPolicies()
    setEnv({ OVERPASS_URL: `${op.url}/api/interpreter` })
  })

  it('queries with a poly: filter and keeps only buildings whose centre is inside the shape', async () => {
    const area = resolveArea({ kind: 'polygon', vertices: L_SHAPE })
    const inside = off(DALLAS, -0.5, -0.5)
    const inside2 = off(DALLAS, 0.5, -0.5)
    const notch = off(DALLAS, 0.5, 0.5) // in the bounding circle and box, outside the L
    op.elements.push(osmHouse(1, inside.lat, inside.lng), osmHouse(2, inside2.lat, inside2.lng))
    op.elements.push(osmHouse(3, notch.lat, notch.lng, { 'fake:reaches-in': 'yes' }))
    const r = await searchBuildings({ area, limit: 10 })
    expect(op.queries).toHaveLength(1)
    expect(op.queries[0]).toMatch(/\(poly:"(-?\d+\.\d{6} -?\d+\.\d{6} ?){6}"\);/)
    expect(op.queries[0]).not.toContain('around:')
    expect(r.properties.map((p) => p.sourceId).sort()).toEqual(['osm:way/1', 'osm:way/2'])
    expect(r.skipped).toEqual({ outside_area: 1 })
  })
})

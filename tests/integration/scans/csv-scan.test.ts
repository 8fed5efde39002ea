// A scan of a CSV of addresses, against real PostgreSQL and pg-boss (private schema): rows validated one by one
// (bad rows reported by number, never stored), duplicates collapsed, the addresses stored with the scan in one
// transaction, no provider discovery, then geocode → image → AI → score per property. An address that is already
// a lead is re-scored, not duplicated; one that cannot be geocoded fails alone; a crash after the geocode stage
// never geocodes again (counted at a Google fake); REST takes JSON rows (≤ 1,000).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { toAppError } from '@/lib/errors'
import { systemActor } from '@/lib/auth/actor'
import { createApiKey } from '@/lib/api-keys/create-api-key'
import { apiScanSchema } from '@/lib/api/scan-dto'
import { haversineMeters } from '@/lib/geo/distance'
import { lookupZip } from '@/lib/geo/zip-index'
import { generateSyntheticAerial } from '@/lib/imagery/synthetic-aerial'
import { stopBoss } from '@/lib/jobs/boss'
import { prepareQueues } from '@/lib/jobs/enqueue'
import { closeLimiters, resetLimiters } from '@/lib/rate-limit/limiter'
import { geocode, SANDBOX_GEOCODE_RADIUS_METERS } from '@/lib/external/google-maps'
import { addressScanSchema, type RawAddressRow } from '@/lib/scans/address-rows'
import { advanceScanProperty } from '@/lib/scans/advance-scan-property'
import { createAddressScan } from '@/lib/scans/create-address-scan'
import { previewAddressScan } from '@/lib/scans/preview-address-scan'
import { runScanDiscovery } from '@/lib/scans/run-scan-discovery'
import { createAddressScanAction, previewAddressScanAction } from '@/app/[orgSlug]/scans/actions'
import { POST as createRoute } from '@/app/api/v1/scans/route'
import { GET as openapiRoute } from '@/app/api/v1/openapi.json/route'
import { createOrgWithRoles } from '@/tests/factories'
import { startFake, type FakeServer } from '@/tests/fakes/fake-server'
import { actorsOf, makeLead } from '@/tests/integration/leads/helpers'
import { usePrivateBossSchema } from '@/tests/integration/outbox/harness'
import { clearProviderEnv, fastPolicies, setEnv } from '@/tests/integration/external/helpers'

let schema = ''
let imagesDir = ''
let google: FakeServer
let googleJpeg: Buffer
beforeAll(async () => {
  schema = usePrivateBossSchema()
  imagesDir = mkdtempSync(path.join(tmpdir(), 'fm-csv-scan-'))
  process.env.IMAGE_STORAGE_DIR = imagesDir
  await prepareQueues(['scans.discover', 'scans.property', 'notifications.hot-lead'])
  googleJpeg = (await generateSyntheticAerial({ lat: 32.787, lng: -96.799, size: 1280 })).bytes
  google = await startFake({
    routes: [
      {
        method: 'GET',
        path: /^\/maps\/api\/geocode\/json$/,
        handle: () => ({
          status: 200,
          body: {
            status: 'OK',
            results: [
              {
                formatted_address: '700 Harwood St, Dallas, TX 75201, USA',
                place_id: 'ChIJcsv',
                geometry: { location: { lat: 32.787, lng: -96.799 } },
                address_components: [{ short_name: '75201', types: ['postal_code'] }],
              },
            ],
          },
        }),
      },
      {
        method: 'GET',
        path: /^\/maps\/api\/staticmap$/,
        handle: () => ({ status: 200, headers: { 'content-type': 'image/jpeg' }, raw: googleJpeg }),
      },
    ],
  })
})
afterAll(async () => {
  await google.close()
  await stopBoss()
  await closeLimiters()
  rmSync(imagesDir, { recursive: true, force: true })
})
beforeEach(async () => {
  clearProviderEnv()
  fastPolicies()
  google.reset()
  await resetLimiters()
})
afterEach(() => clearProviderEnv())

const err = async (p: Promise<unknown>) =>
  toAppError(
    await p.then(
      () => null,
      (e) => e,
    ),
  )
const pipeline = (orgId: string) => systemActor({ process: 'scans.pipeline', orgId })
const rowsOf = (rows: RawAddressRow[], fileName = 'march-leads.csv') => {
  const parsed = addressScanSchema.parse({ source: 'addresses', fileName, rows })
  return { fileName: parsed.fileName, rows: parsed.rows }
}
const addr = (n: number, zip = '75201', city = 'Dallas') => ({ addressLine1: `${n} Harwood Street`, city, state: 'TX', zip })

async function jobsFor(queue: string, key: string) {
  return db.$queryRawUnsafe<Array<{ state: string }>>(
    `SELECT state::text FROM "${schema}".job WHERE name = $1 AND singleton_key = $2`,
    queue,
    key,
  )
}

/** What the worker does: discovery (for a CSV scan: queue the stored addresses), then every property job. */
async function runScan(orgId: string, scanId: string) {
  await runScanDiscovery({ actor: pipeline(orgId), scanId })
  const props = await db.scanProperty.findMany({
    where: { scanId },
    select: { id: true, addressLine1: true },
    orderBy: { sourceId: 'asc' },
  })
  const out: Record<string, string> = {}
  for (const p of props) out[p.addressLine1] = await advanceScanProperty({ actor: pipeline(orgId), propertyId: p.id })
  return out
}

describe('scan of a CSV of addresses (sandbox)', () => {
  it('stores the valid unique addresses with the scan, reports bad rows, and runs to COMPLETED with geocoded properties', async () => {
    const org = await createOrgWithRoles()
    const a = await actorsOf(org)
    const input = rowsOf([
      addr(701),
      addr(702),
      { addressLine1: '', city: 'Dallas', state: 'TX', zip: '75201' }, // row 3: no street
      { ...addr(704), zip: '7520' }, // row 4: bad ZIP
      addr(705, '75204'),
      { addressLine1: '701 harwood st.', city: 'DALLAS', state: 'Texas', zip: '75201-1234' }, // row 6: same as row 1
      addr(707, '75204'),
    ])
    const preview = await previewAddressScan({ actor: a.MANAGER, ...input })
    expect(preview.rows).toEqual({
      received: 7,
      accepted: 4,
      invalid: 2,
      duplicates: 1,
      alreadyLeads: 0,
      issues: [
        { row: 3, field: 'addressLine1', reason: 'Street address is required' },
        { row: 4, field: 'zip', reason: 'ZIP must be 5 digits (or ZIP+4)' },
        { row: 6, reason: 'Same address as row 1 (scanned once)' },
      ],
    })
    expect(preview.estimate).toMatchObject({ properties: 4, sandbox: true, totalCents: 0 })
    expect(preview.estimate.lines.map((l) => l.key)).toEqual(['imagery', 'ai_analysis', 'geocoding', 'quality_leads'])

    const scan = await createAddressScan({ actor: a.MANAGER, ...input })
    expect(scan).toMatchObject({ status: 'PENDING', label: 'CSV: march-leads.csv (4 addresses)', sandbox: true, rows: preview.rows })
    const row = await db.scan.findUniqueOrThrow({ where: { id: scan.id } })
    expect(row).toMatchObject({
      areaKind: 'CSV',
      area: { kind: 'csv', fileName: 'march-leads.csv', rows: 4 },
      source: 'csv',
      total: 4,
      centerLat: null,
      radiusMeters: null,
    })
    const stored = await db.scanProperty.findMany({ where: { scanId: scan.id }, orderBy: { sourceId: 'asc' } })
    expect(stored.map((p) => [p.addressLine1, p.zip, p.source, p.lat, p.stage, p.status])).toEqual([
      ['701 Harwood Street', '75201', 'csv', null, 'DISCOVERED', 'PENDING'],
      ['702 Harwood Street', '75201', 'csv', null, 'DISCOVERED', 'PENDING'],
      ['705 Harwood Street', '75204', 'csv', null, 'DISCOVERED', 'PENDING'],
      ['707 Harwood Street', '75204', 'csv', null, 'DISCOVERED', 'PENDING'],
    ])
    expect(await jobsFor('scans.discover', scan.id)).toHaveLength(1)
    expect(await db.auditLog.count({ where: { orgId: org.org.id, action: 'scan.create', targetId: scan.id } })).toBe(1)

    const results = await runScan(org.org.id, scan.id)
    expect(Object.values(results).every((r) => r === 'done' || r === 'needs_review')).toBe(true)
    const done = await db.scan.findUniqueOrThrow({ where: { id: scan.id } })
    expect(done).toMatchObject({ status: 'COMPLETED', total: 4, failed: 0, source: 'csv' })
    expect(done.done + done.needsReview).toBe(4)
    expect(done.leadsCreated).toBe(done.done)
    // every property geocoded inside its ZIP's area (sandbox: deterministic, ≤ 1.5 km from the centroid) and imaged there
    for (const p of await db.scanProperty.findMany({ where: { scanId: scan.id }, include: { image: true } })) {
      expect(p.lat).not.toBeNull()
      expect(haversineMeters({ lat: p.lat!, lng: p.lng! }, lookupZip(p.zip)!)).toBeLessThanOrEqual(SANDBOX_GEOCODE_RADIUS_METERS + 1)
      expect(p.image?.provider).toBe('sandbox')
    }
    const leads = await db.lead.findMany({ where: { orgId: org.org.id, scanId: scan.id }, select: { source: true, lat: true } })
    expect(leads).toHaveLength(done.done)
    expect(leads.every((l) => l.source === 'SCAN' && l.lat != null)).toBe(true)
    // a duplicated discovery job queues nothing new and never calls a discovery source
    expect(await runScanDiscovery({ actor: pipeline(org.org.id), scanId: scan.id })).toEqual({ queued: 0 })
  })

  it('the sandbox geocoder is deterministic, lands inside the ZIP, and does not find an address whose ZIP does not exist', async () => {
    const one = await geocode({ address: '701 Harwood Street, Dallas, TX 75201' })
    expect(one).toEqual(await geocode({ address: '701  Harwood Street, Dallas, TX 75201' }))
    expect(one).toMatchObject({ sandbox: true, zip: '75201' })
    expect(haversineMeters(one!, lookupZip('75201')!)).toBeLessThanOrEqual(SANDBOX_GEOCODE_RADIUS_METERS + 1)
    expect(await geocode({ address: '702 Harwood Street, Dallas, TX 75201' })).not.toEqual(one)
    expect(await geocode({ address: '1 Nowhere Rd, Dallas, TX 00000' })).toBeNull()
  })

  it('an address that is already a lead is re-scored, not duplicated (lead count unchanged, score history +1)', async () => {
    const org = await createOrgWithRoles()
    const a = await actorsOf(org)
    const lead = await makeLead(a.MANAGER, { addressLine1: '1234 North Akard Street', city: 'Dallas', state: 'TX', zip: '75201' })
    const before = await db.lead.count({ where: { orgId: org.org.id } })
    const historyBefore = await db.leadScore.count({ where: { leadId: lead.id } })
    const input = rowsOf([{ addressLine1: '1234 N Akard St', city: 'dallas', state: 'tx', zip: '75201' }])
    expect((await previewAddressScan({ actor: a.MANAGER, ...input })).rows.alreadyLeads).toBe(1)
    const scan = await createAddressScan({ actor: a.MANAGER, ...input })
    const results = await runScan(org.org.id, scan.id)
    expect(Object.values(results)).toEqual(['done'])
    expect(await db.lead.count({ where: { orgId: org.org.id } })).toBe(before)
    expect(await db.leadScore.count({ where: { leadId: lead.id } })).toBe(historyBefore + 1)
    const after = await db.lead.findUniqueOrThrow({ where: { id: lead.id }, select: { scanId: true, score: true, source: true } })
    expect(after).toMatchObject({ scanId: scan.id, source: 'MANUAL' })
    expect(await db.scan.findUniqueOrThrow({ where: { id: scan.id } })).toMatchObject({
      status: 'COMPLETED',
      leadsCreated: 0,
      leadsRescored: 1,
    })
  })

  it('an address that cannot be geocoded fails only that property ("Address not found"); the scan completes', async () => {
    const org = await createOrgWithRoles()
    const a = await actorsOf(org)
    const scan = await createAddressScan({ actor: a.MANAGER, ...rowsOf([addr(801), { ...addr(802), zip: '00000' }]) })
    const results = await runScan(org.org.id, scan.id)
    expect(results['802 Harwood Street']).toBe('failed')
    expect(['done', 'needs_review']).toContain(results['801 Harwood Street'])
    const bad = await db.scanProperty.findFirstOrThrow({ where: { scanId: scan.id, zip: '00000' } })
    expect(bad).toMatchObject({ status: 'FAILED', lastError: 'Address not found', lat: null, imageId: null, stage: 'DISCOVERED' })
    const s = await db.scan.findUniqueOrThrow({ where: { id: scan.id } })
    expect(s).toMatchObject({ status: 'COMPLETED', failed: 1 })
  })

  it('bad input stores nothing: no valid row, a list over the plan, a REP; the action reports per row', async () => {
    const org = await createOrgWithRoles()
    const a = await actorsOf(org)
    const none = await err(createAddressScan({ actor: a.MANAGER, ...rowsOf([{ addressLine1: 'x' }, { ...addr(1), state: 'Q' }]) }))
    expect(none).toMatchObject({ code: 'VALIDATION_FAILED', details: { rows: { received: 2, accepted: 0, invalid: 2 } } })
    // the trial plan scans up to 100 properties at a time
    const many = rowsOf(Array.from({ length: 101 }, (_, i) => addr(i + 1)))
    expect(await err(createAddressScan({ actor: a.MANAGER, ...many }))).toMatchObject({ code: 'VALIDATION_FAILED' })
    expect(await err(createAddressScan({ actor: a.REP, ...rowsOf([addr(1)]) }))).toMatchObject({ code: 'FORBIDDEN' })
    const preview = previewAddressScanAction.as({ sessionId: org.members.MANAGER.sessionId })
    const r = await preview({ orgSlug: org.org.slug, source: 'addresses', fileName: 'a.csv', rows: [addr(1), { ...addr(2), zip: 'abc' }] })
    expect(r).toMatchObject({ ok: true, data: { label: 'CSV: a.csv (1 address)', rows: { accepted: 1, invalid: 1 } } })
    const run = createAddressScanAction.as({ sessionId: org.members.VIEWER.sessionId })
    expect(await run({ orgSlug: org.org.slug, source: 'addresses', fileName: 'a.csv', rows: [addr(1)] })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    expect(await db.scan.count({ where: { orgId: org.org.id } })).toBe(0)
    expect(await db.scanProperty.count({ where: { orgId: org.org.id } })).toBe(0)
  })
})

describe('scan of addresses with a live geocoder (Google fake)', () => {
  it('a crash after the geocode stage resumes at imaging and never geocodes the address twice', async () => {
    setEnv({ GOOGLE_MAPS_API_KEY: 'AIzaSyFakeFakeFakeFakeFakeFake12345', GOOGLE_MAPS_BASE_URL: google.url })
    const org = await createOrgWithRoles()
    const a = await actorsOf(org)
    const scan = await createAddressScan({ actor: a.MANAGER, ...rowsOf([addr(700)]) })
    await runScanDiscovery({ actor: pipeline(org.org.id), scanId: scan.id })
    const prop = await db.scanProperty.findFirstOrThrow({ where: { scanId: scan.id }, select: { id: true } })
    // the geocode answers; then imagery (Google Static: Mapbox has no key) is down for every attempt → the job throws
    google.script('ok', { kind: 'status', status: 503 }, { kind: 'status', status: 503 }, { kind: 'status', status: 503 })
    await expect(advanceScanProperty({ actor: pipeline(org.org.id), propertyId: prop.id })).rejects.toMatchObject({
      code: 'UPSTREAM_FAILED',
    })
    const geocodes = () => google.requests.filter((r) => r.path === '/maps/api/geocode/json')
    expect(geocodes()).toHaveLength(1)
    expect(geocodes()[0]!.query.get('address')).toBe('700 Harwood Street, Dallas, TX 75201')
    const mid = await db.scanProperty.findUniqueOrThrow({ where: { id: prop.id } })
    expect(mid).toMatchObject({ lat: 32.787, lng: -96.799, stage: 'DISCOVERED', status: 'RUNNING', attempts: 1, imageId: null })

    expect(['done', 'needs_review']).toContain(await advanceScanProperty({ actor: pipeline(org.org.id), propertyId: prop.id }))
    expect(geocodes()).toHaveLength(1)
    const end = await db.scanProperty.findUniqueOrThrow({ where: { id: prop.id }, include: { image: true } })
    expect(end).toMatchObject({ lat: 32.787, lng: -96.799, attempts: 2 })
    expect(end.image?.provider).toBe('google')
    expect(await db.scan.findUniqueOrThrow({ where: { id: scan.id } })).toMatchObject({ status: 'COMPLETED' })
  })

  it('a geocoder that answers ZERO_RESULTS fails the property as not found', async () => {
    setEnv({ GOOGLE_MAPS_API_KEY: 'AIzaSyFakeFakeFakeFakeFakeFake12345', GOOGLE_MAPS_BASE_URL: google.url })
    const org = await createOrgWithRoles()
    const a = await actorsOf(org)
    const scan = await createAddressScan({ actor: a.MANAGER, ...rowsOf([addr(900)]) })
    await runScanDiscovery({ actor: pipeline(org.org.id), scanId: scan.id })
    const prop = await db.scanProperty.findFirstOrThrow({ where: { scanId: scan.id }, select: { id: true } })
    google.script({ kind: 'status', status: 200, body: { status: 'ZERO_RESULTS', results: [] } })
    expect(await advanceScanProperty({ actor: pipeline(org.org.id), propertyId: prop.id })).toBe('failed')
    expect(await db.scanProperty.findUniqueOrThrow({ where: { id: prop.id } })).toMatchObject({
      status: 'FAILED',
      lastError: 'Address not found',
    })
    expect(google.requests.filter((r) => r.path === '/maps/api/staticmap')).toHaveLength(0)
    expect(await db.scan.findUniqueOrThrow({ where: { id: scan.id } })).toMatchObject({ status: 'COMPLETED', failed: 1 })
  })
})

describe('REST: POST /api/v1/scans with address rows', () => {
  let ipSeq = 0
  async function enterprise() {
    const org = await createOrgWithRoles()
    await db.organization.update({ where: { id: org.org.id }, data: { plan: 'ENTERPRISE' } })
    const key = await createApiKey({ actor: (await actorsOf(org)).OWNER, name: 'csv', scope: 'WRITE' })
    return { orgId: org.org.id, auth: { authorization: `Bearer ${key.secret}`, 'x-forwarded-for': `10.9.0.${++ipSeq}` } }
  }
  const post = (b: unknown, headers: Record<string, string>) =>
    createRoute(
      new Request('http://localhost/api/v1/scans', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(b),
      }),
    )

  it('201 with the scan and the row report; bad rows are listed by number and not stored', async () => {
    const { orgId, auth } = await enterprise()
    const rows = [
      addr(1),
      { ...addr(2), zip: 75201 },
      { addressLine1: '3 Harwood Street', city: 'Dallas', state: 'Texas', zip: 'x' },
      addr(1),
    ]
    const res = await post({ source: 'addresses', fileName: 'crm-export.csv', rows }, auth)
    expect(res.status, await res.clone().text()).toBe(201)
    const body = (await res.json()) as { data: unknown; rows: unknown }
    const scan = apiScanSchema.parse(body.data)
    expect(scan).toMatchObject({ area: { kind: 'csv', label: 'CSV: crm-export.csv (2 addresses)', request: null, centre: null } })
    expect(body.rows).toEqual({
      received: 4,
      accepted: 2,
      invalid: 1,
      duplicates: 1,
      alreadyLeads: 0,
      issues: [
        { row: 3, field: 'zip', reason: 'ZIP must be 5 digits (or ZIP+4)' },
        { row: 4, reason: 'Same address as row 1 (scanned once)' },
      ],
    })
    expect(res.headers.get('location')).toBe(`/api/v1/scans/${scan.id}`)
    expect(await db.scanProperty.count({ where: { orgId } })).toBe(2)
    // the area shape still works for existing clients
    const area = await post({ area: { kind: 'zip', zip: '75201' }, propertyCap: 10 }, auth)
    expect(area.status).toBe(201)
  })

  it('1,001 rows → 422 envelope, nothing stored; the OpenAPI document describes the addresses variant', async () => {
    const { orgId, auth } = await enterprise()
    const rows = Array.from({ length: 1001 }, (_, i) => addr(i + 1))
    const res = await post({ source: 'addresses', rows }, auth)
    expect(res.status).toBe(422)
    const body = (await res.json()) as { error: { code: string; details: { issues: Array<{ path: string }> }; requestId: string } }
    expect(body.error).toMatchObject({ code: 'VALIDATION_FAILED' })
    expect(body.error.details.issues[0]?.path).toBe('rows')
    expect(body.error.requestId).toBeTruthy()
    const none = await post({ source: 'addresses', rows: [{ addressLine1: '' }] }, auth)
    expect(none.status).toBe(422)
    expect(await db.scan.count({ where: { orgId } })).toBe(0)
    expect(await db.scanProperty.count({ where: { orgId } })).toBe(0)

    const doc = (await (await openapiRoute(new Request('http://localhost/api/v1/openapi.json'))).json()) as {
      components: { schemas: { NewAddressScan: unknown } }
    }
    const text = JSON.stringify(doc.components.schemas.NewAddressScan)
    expect(text).toContain('"addresses"')
    expect(text).toContain('"maxItems":1000')
  })
})

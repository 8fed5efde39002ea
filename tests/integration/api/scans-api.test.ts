// REST API v1 /scans against real PostgreSQL and pg-boss (private schema), sandbox providers: start a scan
// (Idempotency-Key, per-org scan rate limit, bad areas), read its progress while the pipeline advances it, list,
// cancel; API-key scopes, the Enterprise gate, tenancy; the OpenAPI document describes every scan route.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { systemActor } from '@/lib/auth/actor'
import { createApiKey } from '@/lib/api-keys/create-api-key'
import { apiScanPageSchema, apiScanSchema } from '@/lib/api/scan-dto'
import { stopBoss } from '@/lib/jobs/boss'
import { prepareQueues } from '@/lib/jobs/enqueue'
import { closeLimiters, resetLimiters } from '@/lib/rate-limit/limiter'
import { advanceScanProperty } from '@/lib/scans/advance-scan-property'
import { runScanDiscovery } from '@/lib/scans/run-scan-discovery'
import { GET as listRoute, POST as createRoute } from '@/app/api/v1/scans/route'
import { GET as getRoute } from '@/app/api/v1/scans/[id]/route'
import { POST as cancelRoute } from '@/app/api/v1/scans/[id]/cancel/route'
import { GET as openapiRoute } from '@/app/api/v1/openapi.json/route'
import { createOrgWithRoles, uniq } from '@/tests/factories'
import { actorsOf } from '@/tests/integration/leads/helpers'
import { usePrivateBossSchema } from '@/tests/integration/outbox/harness'

let schema = ''
let imagesDir = ''
beforeAll(async () => {
  schema = usePrivateBossSchema()
  imagesDir = mkdtempSync(path.join(tmpdir(), 'fm-scans-api-'))
  process.env.IMAGE_STORAGE_DIR = imagesDir
  await prepareQueues(['scans.discover', 'scans.property'])
})
afterAll(async () => {
  await stopBoss()
  await closeLimiters()
  rmSync(imagesDir, { recursive: true, force: true })
})
beforeEach(async () => {
  delete process.env.FM_RATE_LIMIT_SCANS
  delete process.env.FM_RATE_LIMIT_API_KEY
  await resetLimiters()
})

const BASE = 'http://localhost/api/v1/scans'
let ipSeq = 0
const ip = () => `10.8.${Math.floor(++ipSeq / 250)}.${ipSeq % 250}`
const DALLAS = { kind: 'radius' as const, lat: 32.7767, lng: -96.797, radiusMiles: 1 }

async function enterprise(scope: 'READ' | 'WRITE' = 'WRITE', plan: 'ENTERPRISE' | 'PROFESSIONAL' | 'TRIAL' = 'ENTERPRISE') {
  const org = await createOrgWithRoles()
  await db.organization.update({ where: { id: org.org.id }, data: { plan } })
  const key = await createApiKey({ actor: (await actorsOf(org)).OWNER, name: 'scans', scope })
  return { org, orgId: org.org.id, key, auth: { authorization: `Bearer ${key.secret}`, 'x-forwarded-for': ip() } }
}

const params = (id: string) => ({ params: Promise.resolve({ id }) })
const post = (b: unknown, headers: Record<string, string>, url = BASE) =>
  new Request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof b === 'string' ? b : JSON.stringify(b),
  })
const get = (url: string, headers: Record<string, string>) => new Request(url, { headers })
const cancel = (id: string, headers: Record<string, string>) =>
  cancelRoute(new Request(`${BASE}/${id}/cancel`, { method: 'POST', headers }), params(id))
const getScan = (id: string, headers: Record<string, string>) => getRoute(get(`${BASE}/${id}`, headers), params(id))

async function jobsFor(queue: string, key: string) {
  return db.$queryRawUnsafe<Array<{ state: string }>>(
    `SELECT state::text FROM "${schema}".job WHERE name = $1 AND singleton_key = $2`,
    queue,
    key,
  )
}

describe('REST API v1 /scans', () => {
  it('create → progress while the pipeline runs → list → cancel, every body in the documented shape', async () => {
    const { orgId, key, auth } = await enterprise()
    const res = await createRoute(post({ area: DALLAS, propertyCap: 10 }, auth))
    expect(res.status, await res.clone().text()).toBe(201)
    expect(res.headers.get('ratelimit-policy')).toBe('1000;w=3600')
    const created = apiScanSchema.parse((await res.json()).data)
    expect(res.headers.get('location')).toBe(`/api/v1/scans/${created.id}`)
    expect(created).toMatchObject({
      status: 'PENDING',
      sandbox: true,
      propertyCap: 10,
      percent: 0,
      counts: { total: 0, done: 0, failed: 0, needsReview: 0, leadsCreated: 0, leadsRescored: 0, hotLeads: 0 },
      area: {
        kind: 'radius',
        label: '1 mi around 32.77670, -96.79700',
        request: DALLAS,
        centre: { lat: DALLAS.lat, lng: DALLAS.lng },
        radiusMeters: 1609,
      },
      estimate: { properties: 10, totalCents: 0, sandbox: true },
      stages: [],
      startedAt: null,
      finishedAt: null,
      canceledAt: null,
      links: { self: `/api/v1/scans/${created.id}`, leads: `/api/v1/leads?scanId=${created.id}` },
    })
    expect(created.estimate.warnings.map((w) => w.code)).toContain('SANDBOX')
    expect(created.estimate.lines.map((l) => l.key)).toEqual(['imagery', 'ai_analysis', 'parcel_data', 'quality_leads'])
    // no internal columns leave
    expect(JSON.stringify(created)).not.toMatch(/orgId|createdById|discoveryAttempts|org_id/)
    // the scan started like one started in the app: audited (as the API key) and its discovery job queued
    expect(await db.auditLog.findFirst({ where: { orgId, action: 'scan.create', targetId: created.id } })).toMatchObject({
      actorType: 'API_KEY',
      actorId: key.id,
    })
    expect(await jobsFor('scans.discover', created.id)).toHaveLength(1)

    // the worker discovers and advances three properties: the progress moves
    const pipeline = systemActor({ process: 'scans.pipeline', orgId })
    await runScanDiscovery({ actor: pipeline, scanId: created.id })
    const props = await db.scanProperty.findMany({ where: { scanId: created.id }, select: { id: true }, orderBy: { id: 'asc' } })
    for (const p of props.slice(0, 3)) await advanceScanProperty({ actor: pipeline, propertyId: p.id })
    const progress = apiScanSchema.parse((await (await getScan(created.id, auth)).json()).data)
    expect(progress.status).toBe('RUNNING')
    expect(progress.source).toBe('sandbox')
    expect(progress.counts.total).toBe(props.length)
    expect(progress.counts.done + progress.counts.failed + progress.counts.needsReview).toBe(3)
    expect(progress.counts.leadsCreated).toBe(progress.counts.done)
    expect(progress.percent).toBe(Math.floor((3 / props.length) * 100))
    expect(progress.startedAt).not.toBeNull()
    expect(progress.stages.reduce((n, s) => n + s.count, 0)).toBe(props.length)
    expect(progress.stages).toContainEqual(expect.objectContaining({ stage: 'DISCOVERED', status: 'PENDING' }))

    // list: newest first, keyset by `before`, status filter
    const second = apiScanSchema.parse(
      (await (await createRoute(post({ area: { kind: 'zip', zip: '75201' }, propertyCap: 10 }, auth))).json()).data,
    )
    expect(second.area).toMatchObject({ kind: 'zip', label: expect.stringContaining('ZIP 75201'), request: { kind: 'zip', zip: '75201' } })
    const page1 = apiScanPageSchema.parse(await (await listRoute(get(`${BASE}?limit=1`, auth))).json())
    expect(page1.data.map((s) => s.id)).toEqual([second.id])
    expect(page1.nextBefore).toBe(second.createdAt)
    const page2 = apiScanPageSchema.parse(await (await listRoute(get(`${BASE}?limit=1&before=${page1.nextBefore}`, auth))).json())
    expect(page2).toMatchObject({ data: [{ id: created.id, status: 'RUNNING', percent: progress.percent }], nextBefore: null })
    expect(page2.data[0]!.counts).toEqual(progress.counts)
    const running = apiScanPageSchema.parse(await (await listRoute(get(`${BASE}?status=RUNNING`, auth))).json())
    expect(running.data.map((s) => s.id)).toEqual([created.id])

    // cancel: the rest stops, finished work stays; canceling again is harmless
    const c = await cancel(created.id, auth)
    expect(c.status, await c.clone().text()).toBe(200)
    const canceled = apiScanSchema.parse((await c.json()).data)
    expect(canceled).toMatchObject({ status: 'CANCELED', counts: progress.counts })
    expect(canceled.canceledAt).not.toBeNull()
    expect(canceled.finishedAt).toBe(canceled.canceledAt)
    expect(canceled.stages.filter((s) => s.status === 'CANCELED').reduce((n, s) => n + s.count, 0)).toBe(props.length - 3)
    expect((await cancel(created.id, auth)).status).toBe(200)
    expect(await db.auditLog.count({ where: { orgId, action: 'scan.cancel', targetId: created.id } })).toBe(1)
    const canceledList = apiScanPageSchema.parse(await (await listRoute(get(`${BASE}?status=CANCELED`, auth))).json())
    expect(canceledList.data.map((s) => s.id)).toEqual([created.id])

    // the other scan runs to the end: 100 %, every property accounted for; a finished scan cannot be canceled
    await runScanDiscovery({ actor: pipeline, scanId: second.id })
    for (const p of await db.scanProperty.findMany({ where: { scanId: second.id }, select: { id: true } }))
      await advanceScanProperty({ actor: pipeline, propertyId: p.id })
    const finished = apiScanSchema.parse((await (await getScan(second.id, auth)).json()).data)
    expect(finished).toMatchObject({ status: 'COMPLETED', percent: 100 })
    expect(finished.counts.done + finished.counts.failed + finished.counts.needsReview).toBe(finished.counts.total)
    expect(finished.counts.leadsCreated + finished.counts.leadsRescored).toBe(finished.counts.done)
    expect(finished.finishedAt).not.toBeNull()
    const late = await cancel(second.id, auth)
    expect(late.status).toBe(409)
    expect((await late.json()).error).toMatchObject({ code: 'CONFLICT', details: { reason: 'SCAN_FINISHED' } })
  })

  it('Idempotency-Key: a retry replays the same scan (one row, one job); another body with the key → 409', async () => {
    const { orgId, auth } = await enterprise()
    const idem = uniq('scan-')
    const input = { area: DALLAS, propertyCap: 25 }
    const first = await createRoute(post(input, { ...auth, 'idempotency-key': idem }))
    expect(first.status).toBe(201)
    const firstBody = await first.json()
    const again = await createRoute(post(input, { ...auth, 'idempotency-key': idem }))
    expect(again.status).toBe(201)
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    expect(await again.json()).toEqual(firstBody)
    expect(await db.scan.count({ where: { orgId } })).toBe(1)
    expect(await jobsFor('scans.discover', firstBody.data.id)).toHaveLength(1)
    const other = await createRoute(post({ ...input, propertyCap: 30 }, { ...auth, 'idempotency-key': idem }))
    expect(other.status).toBe(409)
    expect((await other.json()).error).toMatchObject({ code: 'CONFLICT', details: { reason: 'IDEMPOTENCY_KEY_REUSED' } })
    expect(await db.scan.count({ where: { orgId } })).toBe(1)
    // cancel takes a key too: the replay answers the same
    const ck = uniq('cancel-')
    const c1 = await cancelRoute(
      new Request(`${BASE}/${firstBody.data.id}/cancel`, { method: 'POST', headers: { ...auth, 'idempotency-key': ck } }),
      params(firstBody.data.id),
    )
    const c2 = await cancelRoute(
      new Request(`${BASE}/${firstBody.data.id}/cancel`, { method: 'POST', headers: { ...auth, 'idempotency-key': ck } }),
      params(firstBody.data.id),
    )
    expect([c1.status, c2.status]).toEqual([200, 200])
    expect(c2.headers.get('idempotent-replayed')).toBe('true')
    expect(await c2.json()).toEqual(await c1.json())
  })

  it('bad areas → 4xx envelope, nothing stored, no scan-rate point spent', async () => {
    process.env.FM_RATE_LIMIT_SCANS = '1'
    await resetLimiters()
    const { orgId, auth } = await enterprise()
    const bad: Array<[unknown, number, string]> = [
      [{ area: { ...DALLAS, radiusMiles: 0 }, propertyCap: 10 }, 422, 'area.radiusMiles'],
      [{ area: { ...DALLAS, radiusMiles: 500 }, propertyCap: 10 }, 422, 'area.radiusMiles'],
      [{ area: DALLAS, propertyCap: 0 }, 422, 'propertyCap'],
      [{ area: DALLAS, propertyCap: 5000 }, 422, 'propertyCap'],
      [{ area: { kind: 'zip', zip: '00000' }, propertyCap: 10 }, 422, 'zip'],
      [{ area: { kind: 'city', city: 'Nowhereville', state: 'TX' }, propertyCap: 10 }, 422, 'city'],
      [{ area: { kind: 'moon' }, propertyCap: 10 }, 422, 'area.kind'],
      [{ propertyCap: 10 }, 422, 'area'],
      [[1, 2, 3], 422, ''],
      ['{not json', 400, ''],
      [{ area: DALLAS, propertyCap: 10, pad: 'x'.repeat(70_000) }, 413, ''],
    ]
    for (const [input, status, field] of bad) {
      const res = await createRoute(post(input, auth))
      const j = await res.json()
      expect(res.status, JSON.stringify(j)).toBe(status)
      expect(j.error.requestId).toBeTruthy()
      if (status === 422) {
        expect(j.error.code).toBe('VALIDATION_FAILED')
        if (field)
          expect(
            (j.error.details.issues as Array<{ path: string | Array<string | number> }>).map((i) =>
              Array.isArray(i.path) ? i.path.join('.') : i.path,
            ),
            JSON.stringify(j),
          ).toContain(field)
      }
    }
    const wrongType = await createRoute(
      new Request(BASE, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'text/plain' },
        body: JSON.stringify({ area: DALLAS, propertyCap: 10 }),
      }),
    )
    expect(wrongType.status).toBe(400)
    expect(await db.scan.count({ where: { orgId } })).toBe(0)
    // the one scan this hour is still available: bad input spent nothing
    expect((await createRoute(post({ area: DALLAS, propertyCap: 10 }, auth))).status).toBe(201)
  })

  it("the org's scan rate limit → 429 with Retry-After, nothing stored; a 429 is not replayed under its Idempotency-Key", async () => {
    process.env.FM_RATE_LIMIT_SCANS = '1'
    await resetLimiters()
    const { orgId, auth } = await enterprise()
    expect((await createRoute(post({ area: DALLAS, propertyCap: 10 }, auth))).status).toBe(201)
    const idem = uniq('limited-')
    const limited = await createRoute(post({ area: DALLAS, propertyCap: 10 }, { ...auth, 'idempotency-key': idem }))
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(limited.headers.get('ratelimit')).toMatch(/^limit=1000, /) // the key's request budget, still reported
    expect((await limited.json()).error).toMatchObject({ code: 'RATE_LIMITED', details: { limit: 1, resetSeconds: expect.any(Number) } })
    expect(await db.scan.count({ where: { orgId } })).toBe(1)
    // the limit is per org: another org still starts its scan
    expect((await createRoute(post({ area: DALLAS, propertyCap: 10 }, (await enterprise()).auth))).status).toBe(201)
    // once the window allows it, the retry with the same key runs (a stored 429 would block it for 24 h)
    process.env.FM_RATE_LIMIT_SCANS = '5'
    await resetLimiters()
    const retried = await createRoute(post({ area: DALLAS, propertyCap: 10 }, { ...auth, 'idempotency-key': idem }))
    expect(retried.status, await retried.clone().text()).toBe(201)
    expect(retried.headers.get('idempotent-replayed')).toBeNull()
    expect(await db.scan.count({ where: { orgId } })).toBe(2)
  })

  it('scopes and plan: a READ key reads but cannot start or cancel; non-Enterprise → 403 PLAN_REQUIRED', async () => {
    const w = await enterprise('WRITE')
    const scan = (await (await createRoute(post({ area: DALLAS, propertyCap: 10 }, w.auth))).json()).data
    const readKey = await createApiKey({ actor: (await actorsOf(w.org)).OWNER, name: 'reader', scope: 'READ' })
    const r = { authorization: `Bearer ${readKey.secret}`, 'x-forwarded-for': ip() }
    expect((await listRoute(get(BASE, r))).status).toBe(200)
    expect((await getScan(scan.id, r)).status).toBe(200)
    for (const res of [await createRoute(post({ area: DALLAS, propertyCap: 10 }, r)), await cancel(scan.id, r)]) {
      expect(res.status).toBe(403)
      expect((await res.json()).error).toMatchObject({
        code: 'FORBIDDEN',
        details: { reason: 'SCOPE_REQUIRED', required: 'WRITE' },
      })
    }
    expect((await db.scan.findUniqueOrThrow({ where: { id: scan.id } })).status).toBe('PENDING')
    for (const plan of ['TRIAL', 'PROFESSIONAL'] as const) {
      const p = await enterprise('WRITE', plan)
      for (const res of [await createRoute(post({ area: DALLAS, propertyCap: 10 }, p.auth)), await listRoute(get(BASE, p.auth))]) {
        expect(res.status).toBe(403)
        expect((await res.json()).error).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'PLAN_REQUIRED' } })
      }
      expect(await db.scan.count({ where: { orgId: p.orgId } })).toBe(0)
    }
    const anon = await createRoute(post({ area: DALLAS, propertyCap: 10 }, { 'x-forwarded-for': ip() }))
    expect(anon.status).toBe(401)
  })

  it("another org's scan and a malformed id → 404 on every route; lists never mix orgs", async () => {
    const a = await enterprise()
    const b = await enterprise()
    const scan = (await (await createRoute(post({ area: DALLAS, propertyCap: 10 }, a.auth))).json()).data
    for (const res of [await getScan(scan.id, b.auth), await cancel(scan.id, b.auth)]) {
      expect(res.status).toBe(404)
      expect((await res.json()).error).toMatchObject({ code: 'NOT_FOUND', requestId: expect.any(String) })
    }
    expect((await db.scan.findUniqueOrThrow({ where: { id: scan.id } })).status).toBe('PENDING')
    for (const id of ['nope', '12345', `${scan.id}x`, '00000000-0000-4000-8000-000000000000']) {
      expect((await getScan(id, a.auth)).status, id).toBe(404)
      expect((await cancel(id, a.auth)).status, id).toBe(404)
    }
    expect((await (await listRoute(get(BASE, b.auth))).json()).data).toEqual([])
    expect((await (await listRoute(get(BASE, a.auth))).json()).data.map((s: { id: string }) => s.id)).toEqual([scan.id])
    for (const q of ['limit=0', 'limit=101', 'limit=abc', 'status=DONE', 'before=notadate']) {
      const res = await listRoute(get(`${BASE}?${q}`, a.auth))
      expect(res.status, q).toBe(422)
      expect((await res.json()).error.code).toBe('VALIDATION_FAILED')
    }
  })

  it('the OpenAPI document describes every scan route and the shapes they return', async () => {
    const doc = await (await openapiRoute(new Request('http://localhost/api/v1/openapi.json'))).json()
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/scans', '/api/v1/scans/{id}', '/api/v1/scans/{id}/cancel']))
    const create = doc.paths['/api/v1/scans'].post
    expect(create.operationId).toBe('createScan')
    expect(create.parameters).toContainEqual(expect.objectContaining({ name: 'Idempotency-Key', in: 'header' }))
    expect(Object.keys(create.responses)).toEqual(expect.arrayContaining(['201', '409', '422', '429', '403']))
    expect(create.responses['201'].headers.Location).toBeTruthy()
    expect(doc.paths['/api/v1/scans/{id}/cancel'].post.parameters).toContainEqual(expect.objectContaining({ name: 'Idempotency-Key' }))
    expect(doc.paths['/api/v1/scans'].get.parameters.map((p: { name: string }) => p.name)).toEqual(['status', 'before', 'limit'])
    expect(doc.paths['/api/v1/scans'].get.parameters[1].schema).toEqual({ type: 'string', format: 'date-time' })
    const newScan = doc.components.schemas.NewScan
    expect(newScan.required).toEqual(['area', 'propertyCap'])
    expect(newScan.properties.propertyCap).toMatchObject({ type: 'integer', minimum: 10, maximum: 1000 })
    expect(newScan.properties.area.oneOf.map((o: { properties: { kind: { const: string } } }) => o.properties.kind.const)).toEqual([
      'zip',
      'city',
      'radius',
      'polygon',
    ])
    expect(newScan.properties.area.oneOf[2].properties.radiusMiles).toMatchObject({ minimum: 0.5, maximum: 50 })
    const scan = doc.components.schemas.Scan
    expect(scan.required).toEqual(expect.arrayContaining(['id', 'status', 'percent', 'counts', 'estimate', 'stages', 'area', 'sandbox']))
    expect(scan.properties.counts.required).toEqual(['total', 'done', 'failed', 'needsReview', 'leadsCreated', 'leadsRescored', 'hotLeads'])
    expect(doc.components.schemas.ScanPage.properties.nextBefore).toBeTruthy()
  })
})

import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { createOrgWithRoles, uniq } from '@/tests/factories'
import { createApiKey } from '@/lib/api-keys/create-api-key'
import { revokeApiKey } from '@/lib/api-keys/revoke-api-key'
import { actorsOf } from '@/tests/integration/leads/helpers'
import { closeLimiters, resetLimiters } from '@/lib/rate-limit/limiter'
import { GET as listRoute, POST as createRoute } from '@/app/api/v1/leads/route'
import { DELETE as deleteRoute, GET as getRoute, PATCH as patchRoute } from '@/app/api/v1/leads/[id]/route'
import { GET as openapiRoute } from '@/app/api/v1/openapi.json/route'

afterAll(() => closeLimiters())
beforeEach(async () => {
  delete process.env.FM_RATE_LIMIT_API_KEY
  delete process.env.FM_RATE_LIMIT_API_IP
  await resetLimiters()
})

const BASE = 'http://localhost/api/v1/leads'
let ipSeq = 0
const ip = () => `10.9.${Math.floor(++ipSeq / 250)}.${ipSeq % 250}`

const ownerActor = async (org: Awaited<ReturnType<typeof createOrgWithRoles>>) => (await actorsOf(org)).OWNER

async function enterprise(scope: 'READ' | 'WRITE' = 'WRITE', plan: 'ENTERPRISE' | 'PROFESSIONAL' | 'TRIAL' = 'ENTERPRISE') {
  const org = await createOrgWithRoles()
  await db.organization.update({ where: { id: org.org.id }, data: { plan } })
  const key = await createApiKey({ actor: await ownerActor(org), name: 'test', scope })
  return { org, key, auth: { authorization: `Bearer ${key.secret}`, 'x-forwarded-for': ip() } }
}

const params = (id: string) => ({ params: Promise.resolve({ id }) })
const body = (b: unknown, headers: Record<string, string>, method = 'POST', url = BASE) =>
  new Request(url, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof b === 'string' ? b : JSON.stringify(b),
  })
const address = () => ({ addressLine1: `${Math.floor(Math.random() * 1e6)} Commerce St`, city: 'Dallas', state: 'TX', zip: '75202' })

describe('REST API v1 /leads', () => {
  it('creates, lists (keyset), gets, patches and deletes with a WRITE key', async () => {
    const { auth } = await enterprise()
    const created = []
    for (let i = 0; i < 3; i++) {
      const res = await createRoute(body({ ...address(), score: 70 + i, tags: ['api'] }, auth))
      expect(res.status, await res.clone().text()).toBe(201)
      created.push((await res.json()).data)
    }
    expect(created[0]).toMatchObject({ source: 'API', band: 'WARM', status: 'NEW', tags: ['api'] })
    const page1 = await listRoute(new Request(`${BASE}?limit=2&sort=score&dir=desc`, { headers: auth }))
    expect(page1.status).toBe(200)
    expect(page1.headers.get('ratelimit-policy')).toBe('1000;w=3600')
    expect(page1.headers.get('ratelimit')).toMatch(/^limit=1000, remaining=\d+, reset=\d+$/)
    const p1 = await page1.json()
    expect(p1.data.map((l: { score: number }) => l.score)).toEqual([72, 71])
    const p2 = await (await listRoute(new Request(`${BASE}?limit=2&sort=score&dir=desc&cursor=${p1.nextCursor}`, { headers: auth }))).json()
    expect(p2).toMatchObject({ data: [{ score: 70 }], nextCursor: null })
    const filtered = await (await listRoute(new Request(`${BASE}?band=HOT,COLD`, { headers: auth }))).json()
    expect(filtered.data).toHaveLength(0)
    const id = created[0].id
    expect((await (await getRoute(new Request(`${BASE}/${id}`, { headers: auth }), params(id))).json()).data.id).toBe(id)
    const patched = await patchRoute(
      body({ status: 'LOST', lostReason: 'Too expensive', score: 90 }, auth, 'PATCH', `${BASE}/${id}`),
      params(id),
    )
    expect(patched.status, await patched.clone().text()).toBe(200)
    expect((await patched.json()).data).toMatchObject({ status: 'LOST', lostReason: 'Too expensive', band: 'HOT' })
    const del = await deleteRoute(new Request(`${BASE}/${id}`, { method: 'DELETE', headers: auth }), params(id))
    expect(del.status).toBe(200)
    expect((await getRoute(new Request(`${BASE}/${id}`, { headers: auth }), params(id))).status).toBe(404)
  })

  it("another org's lead is 404 on every route", async () => {
    const a = await enterprise()
    const b = await enterprise()
    const lead = (await (await createRoute(body(address(), a.auth))).json()).data
    const get = await getRoute(new Request(`${BASE}/${lead.id}`, { headers: b.auth }), params(lead.id))
    expect(get.status).toBe(404)
    expect((await get.json()).error).toMatchObject({ code: 'NOT_FOUND', requestId: expect.any(String) })
    expect((await patchRoute(body({ ownerName: 'x' }, b.auth, 'PATCH', `${BASE}/${lead.id}`), params(lead.id))).status).toBe(404)
    expect((await deleteRoute(new Request(`${BASE}/${lead.id}`, { method: 'DELETE', headers: b.auth }), params(lead.id))).status).toBe(404)
    expect((await (await listRoute(new Request(BASE, { headers: b.auth }))).json()).data).toHaveLength(0)
    expect((await getRoute(new Request(`${BASE}/nope`, { headers: a.auth }), params('nope'))).status).toBe(404)
  })

  it('READ key refused on writes; revoked key 401; non-Enterprise 403 PLAN_REQUIRED; no key 401', async () => {
    const r = await enterprise('READ')
    expect((await listRoute(new Request(BASE, { headers: r.auth }))).status).toBe(200)
    const w = await createRoute(body(address(), r.auth))
    expect(w.status).toBe(403)
    expect((await w.json()).error.details).toMatchObject({ reason: 'SCOPE_REQUIRED' })
    await revokeApiKey({ actor: await ownerActor(r.org), keyId: r.key.id })
    expect((await listRoute(new Request(BASE, { headers: r.auth }))).status).toBe(401)
    for (const plan of ['TRIAL', 'PROFESSIONAL'] as const) {
      const p = await enterprise('WRITE', plan)
      const res = await listRoute(new Request(BASE, { headers: p.auth }))
      expect(res.status).toBe(403)
      expect((await res.json()).error).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'PLAN_REQUIRED' } })
    }
    for (const h of [
      {},
      { authorization: 'Bearer nope' },
      { authorization: `Bearer fm_live_${'a'.repeat(40)}` },
      { authorization: 'Basic abc' },
    ] as Array<Record<string, string>>) {
      const res = await listRoute(new Request(BASE, { headers: { ...h, 'x-forwarded-for': ip() } }))
      expect(res.status).toBe(401)
      expect((await res.json()).error.code).toBe('UNAUTHENTICATED')
    }
  })

  it('malformed, oversized and wrongly typed input → 4xx envelope, never 500', async () => {
    const { auth } = await enterprise()
    const cases: Array<[Request, number]> = [
      [body('{not json', auth), 400],
      [new Request(BASE, { method: 'POST', headers: { ...auth, 'content-type': 'text/plain' }, body: 'x' }), 400],
      [body({ ...address(), zip: 12345 }, auth), 422],
      [body({ ...address(), score: 101 }, auth), 422],
      [body({ ...address(), tags: Array.from({ length: 11 }, (_, i) => `t${i}`) }, auth), 422],
      [body({ ...address(), status: 'LOST' }, auth), 422],
      [body([1, 2, 3], auth), 422],
      [body(null, auth), 422],
      [body({ ...address(), ownerName: 'x'.repeat(100_000) }, auth), 413],
    ]
    for (const [req, status] of cases) {
      const res = await createRoute(req)
      const j = await res.json()
      expect(res.status, JSON.stringify(j)).toBe(status)
      expect(j.error.requestId).toBeTruthy()
    }
    for (const q of [
      'limit=0',
      'limit=101',
      'limit=abc',
      'sort=evil',
      'band=PURPLE',
      'scoreMin=-1',
      'cursor=zzz',
      'createdFrom=notadate',
      `q=${'x'.repeat(300)}`,
    ]) {
      const res = await listRoute(new Request(`${BASE}?${q}`, { headers: auth }))
      expect([400, 422], `${q} → ${res.status}`).toContain(res.status)
    }
    const lead = (await (await createRoute(body(address(), auth))).json()).data
    const res = await patchRoute(body({}, auth, 'PATCH', `${BASE}/${lead.id}`), params(lead.id))
    expect(res.status).toBe(422)
    const dup = await createRoute(body({ addressLine1: lead.address.line1, city: 'Dallas', state: 'TX', zip: '75202' }, auth))
    expect(dup.status).toBe(409)
  })

  it('Idempotency-Key: same body replays with Idempotent-Replayed, different body → 409', async () => {
    const { org, auth } = await enterprise()
    const key = uniq('idem-')
    const b = address()
    const first = await createRoute(body(b, { ...auth, 'idempotency-key': key }))
    expect(first.status).toBe(201)
    const firstBody = await first.json()
    const again = await createRoute(body(b, { ...auth, 'idempotency-key': key }))
    expect(again.status).toBe(201)
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    expect(await again.json()).toEqual(firstBody)
    expect(await db.lead.count({ where: { orgId: org.org.id } })).toBe(1)
    const other = await createRoute(body(address(), { ...auth, 'idempotency-key': key }))
    expect(other.status).toBe(409)
    expect((await other.json()).error.details).toMatchObject({ reason: 'IDEMPOTENCY_KEY_REUSED' })
    // an error response is stored and replayed too (4xx)
    const k2 = uniq('idem-')
    const bad = { ...address(), zip: 'nope' }
    expect((await createRoute(body(bad, { ...auth, 'idempotency-key': k2 }))).status).toBe(422)
    const badAgain = await createRoute(body(bad, { ...auth, 'idempotency-key': k2 }))
    expect(badAgain.status).toBe(422)
    expect(badAgain.headers.get('idempotent-replayed')).toBe('true')
    expect((await createRoute(body(b, { ...auth, 'idempotency-key': 'bad key with spaces' }))).status).toBe(400)
    const row = await db.idempotencyKey.findFirstOrThrow({ where: { key } })
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeGreaterThan(23.9 * 3600_000)
  })

  it('rate limits: per key with headers and 429 + Retry-After; per IP when unauthenticated', async () => {
    process.env.FM_RATE_LIMIT_API_KEY = '3'
    process.env.FM_RATE_LIMIT_API_IP = '2'
    await resetLimiters()
    const { auth } = await enterprise()
    const remaining = []
    for (let i = 0; i < 3; i++) {
      const res = await listRoute(new Request(BASE, { headers: auth }))
      expect(res.status).toBe(200)
      expect(res.headers.get('ratelimit-policy')).toBe('3;w=3600')
      remaining.push(res.headers.get('ratelimit'))
    }
    expect(remaining.map((r) => r!.match(/remaining=(\d+)/)![1])).toEqual(['2', '1', '0'])
    const limited = await listRoute(new Request(BASE, { headers: auth }))
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    expect((await limited.json()).error.code).toBe('RATE_LIMITED')
    const anon = { 'x-forwarded-for': ip() }
    expect((await listRoute(new Request(BASE, { headers: anon }))).status).toBe(401)
    expect((await listRoute(new Request(BASE, { headers: anon }))).status).toBe(401)
    const anon3 = await listRoute(new Request(BASE, { headers: anon }))
    expect(anon3.status).toBe(429)
    expect(anon3.headers.get('retry-after')).toBeTruthy()
  })

  it('last_used_at is touched at most once a minute', async () => {
    const { key, auth } = await enterprise()
    await listRoute(new Request(BASE, { headers: auth }))
    const t1 = (await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).lastUsedAt
    expect(t1).not.toBeNull()
    await listRoute(new Request(BASE, { headers: auth }))
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).lastUsedAt).toEqual(t1)
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).keyHash).not.toContain('fm_live_')
  })

  it('serves an OpenAPI 3.1 document generated from the zod schemas', async () => {
    const res = await openapiRoute(new Request('http://localhost/api/v1/openapi.json'))
    const doc = await res.json()
    expect(doc.openapi).toBe('3.1.0')
    expect(Object.keys(doc.paths)).toEqual([
      '/api/v1/leads',
      '/api/v1/leads/{id}',
      '/api/v1/scans',
      '/api/v1/scans/{id}',
      '/api/v1/scans/{id}/cancel',
    ])
    expect(doc.components.schemas.CreateLead.required).toEqual(expect.arrayContaining(['addressLine1', 'city', 'state', 'zip']))
    expect(doc.components.schemas.CreateLead.properties.score.anyOf).toContainEqual(
      expect.objectContaining({ type: 'integer', minimum: 0, maximum: 100 }),
    )
    expect(doc.paths['/api/v1/leads'].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['q', 'band', 'cursor', 'limit']),
    )
  })
})

describe('REST API housekeeping', () => {
  it('purges expired idempotency keys and rate-limit windows only', async () => {
    const { unsafePurgeExpiredApiState } = await import('@/lib/api/purge-expired')
    const { key } = await enterprise()
    await db.idempotencyKey.create({
      data: { apiKeyId: key.id, key: uniq('old-'), method: 'POST', path: '/x', requestHash: 'h', expiresAt: new Date(Date.now() - 1000) },
    })
    const live = await db.idempotencyKey.create({
      data: {
        apiKeyId: key.id,
        key: uniq('new-'),
        method: 'POST',
        path: '/x',
        requestHash: 'h',
        expiresAt: new Date(Date.now() + 3600_000),
      },
    })
    await db.rateLimitBucket.create({ data: { key: uniq('rl-old-'), points: 1, expire: BigInt(Date.now() - 1000) } })
    const r = await unsafePurgeExpiredApiState()
    expect(r.idempotencyKeys).toBeGreaterThanOrEqual(1)
    expect(r.rateLimits).toBeGreaterThanOrEqual(1)
    expect(await db.idempotencyKey.findUnique({ where: { id: live.id } })).not.toBeNull()
  })
})

// Serving aerial images: GET /<org>/images/<id> and getRoofImageOrThrow. Real rows, real local-disk storage,
// real session cookies. Who sees what: managers+ every image of their org, a REP and a VIEWER only the roof image
// of a lead they can read; another org, a malformed id and a signed-out request get the error envelope.
import { createHash, randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { toAppError } from '@/lib/errors'
import { systemActor } from '@/lib/auth/actor'
import { sessionCookieHeader } from '@/lib/auth/session-cookie'
import { aerialImageKey, putObject, deleteObject } from '@/lib/storage/image-storage'
import { etagMatches, getRoofImageOrThrow } from '@/lib/scans/get-roof-image'
import { GET as imageRoute } from '@/app/[orgSlug]/images/[imageId]/route'
import { createOrgWithRoles } from '@/tests/factories'
import { actorsOf, makeLead, type OrgWithRoles } from '@/tests/integration/leads/helpers'

let imagesDir = ''
beforeAll(() => {
  imagesDir = mkdtempSync(path.join(tmpdir(), 'fm-image-route-'))
  process.env.IMAGE_STORAGE_DIR = imagesDir
})
afterAll(() => rmSync(imagesDir, { recursive: true, force: true }))

/** A stored image: bytes on disk under its content-addressed key plus its org-scoped row. */
async function storeImage(orgId: string, over: { contentType?: string } = {}) {
  const bytes = randomBytes(2048)
  const sha256 = createHash('sha256').update(bytes).digest('hex')
  const contentType = over.contentType ?? 'image/jpeg'
  const key = aerialImageKey({ orgId, sha256, contentType: 'image/jpeg' })
  await putObject({ key, bytes, contentType })
  const row = await db.roofImage.create({
    data: {
      orgId,
      storageKey: key,
      contentType,
      width: 640,
      height: 640,
      bytes: bytes.byteLength,
      sha256,
      provider: 'sandbox',
      zoom: 20,
      metresPerPixel: 0.12,
      sandbox: true,
      qualityOk: true,
    },
    select: { id: true },
  })
  return { id: row.id, bytes, sha256, key }
}

async function cookieFor(org: OrgWithRoles, role: keyof OrgWithRoles['members']) {
  const m = org.members[role]
  const header = await sessionCookieHeader({ userId: m.user.id, sessionId: m.sessionId, secure: false, rememberMe: false })
  return header.split(';')[0]!
}

function get(slug: string, imageId: string, headers: Record<string, string> = {}) {
  return imageRoute(new Request(`http://localhost:3000/${slug}/images/${imageId}`, { headers }), {
    params: Promise.resolve({ orgSlug: slug, imageId }),
  })
}

const err = async (p: Promise<unknown>) =>
  toAppError(
    await p.then(
      () => null,
      (e) => e,
    ),
  )

describe('GET /<org>/images/<id>', () => {
  it('answers a member with the bytes, private caching, nosniff and the sha256 ETag; 304 when it matches', async () => {
    const org = await createOrgWithRoles()
    const img = await storeImage(org.org.id)
    const cookie = await cookieFor(org, 'MANAGER')
    const res = await get(org.org.slug, img.id, { cookie })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/jpeg')
    expect(res.headers.get('cache-control')).toBe('private, max-age=3600')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('etag')).toBe(`"${img.sha256}"`)
    expect(res.headers.get('x-request-id')).toBeTruthy()
    expect(Buffer.from(await res.arrayBuffer()).equals(img.bytes)).toBe(true)

    const again = await get(org.org.slug, img.id, { cookie, 'if-none-match': `W/"other", "${img.sha256}"` })
    expect(again.status).toBe(304)
    expect(again.headers.get('etag')).toBe(`"${img.sha256}"`)
    expect(await again.text()).toBe('')

    const stale = await get(org.org.slug, img.id, { cookie, 'if-none-match': '"0000"' })
    expect(stale.status).toBe(200)
  })

  it('signed out → 401 envelope; another org, an unknown id and a malformed id → 404 envelope', async () => {
    const org = await createOrgWithRoles()
    const other = await createOrgWithRoles()
    const img = await storeImage(org.org.id)
    const otherImg = await storeImage(other.org.id)
    const cookie = await cookieFor(org, 'OWNER')

    const signedOut = await get(org.org.slug, img.id)
    expect(signedOut.status).toBe(401)
    expect((await signedOut.json()).error).toMatchObject({ code: 'UNAUTHENTICATED', requestId: expect.any(String) })

    // the other org's image asked through this org's URL, and through the other org's URL (not a member there)
    for (const res of [await get(org.org.slug, otherImg.id, { cookie }), await get(other.org.slug, otherImg.id, { cookie })]) {
      expect(res.status).toBe(404)
      expect((await res.json()).error.code).toBe('NOT_FOUND')
      expect(res.headers.get('cache-control')).toBe('no-store')
    }
    for (const id of ['not-a-uuid', '../../etc/passwd', crypto.randomUUID()]) {
      const res = await get(org.org.slug, id, { cookie })
      expect(res.status).toBe(404)
      expect((await res.json()).error.code).toBe('NOT_FOUND')
    }
    // a 304 is not a side door: a matching ETag for someone else's image is still 404
    const sneaky = await get(org.org.slug, otherImg.id, { cookie, 'if-none-match': `"${otherImg.sha256}"` })
    expect(sneaky.status).toBe(404)
  })

  it('a REP sees only the roof image of a lead assigned to them; a VIEWER only images on leads', async () => {
    const org = await createOrgWithRoles()
    const a = await actorsOf(org)
    const mine = await storeImage(org.org.id)
    const notMine = await storeImage(org.org.id)
    const onNoLead = await storeImage(org.org.id)
    const myLead = await makeLead(a.MANAGER)
    const theirLead = await makeLead(a.MANAGER)
    await db.lead.update({ where: { id: myLead.id }, data: { roofImageId: mine.id, assigneeId: a.membership.REP }, select: { id: true } })
    await db.lead.update({ where: { id: theirLead.id }, data: { roofImageId: notMine.id }, select: { id: true } })

    const rep = await cookieFor(org, 'REP')
    expect((await get(org.org.slug, mine.id, { cookie: rep })).status).toBe(200)
    expect((await get(org.org.slug, notMine.id, { cookie: rep })).status).toBe(404)
    expect((await get(org.org.slug, onNoLead.id, { cookie: rep })).status).toBe(404)

    const viewer = await cookieFor(org, 'VIEWER')
    expect((await get(org.org.slug, mine.id, { cookie: viewer })).status).toBe(200)
    expect((await get(org.org.slug, notMine.id, { cookie: viewer })).status).toBe(200)
    expect((await get(org.org.slug, onNoLead.id, { cookie: viewer })).status).toBe(404)

    // managers and up see every image of the org, on a lead or not (scan pages, the review queue)
    for (const role of ['OWNER', 'ADMIN', 'MANAGER'] as const)
      expect((await get(org.org.slug, onNoLead.id, { cookie: await cookieFor(org, role) })).status).toBe(200)

    // unassigning the lead, or deleting it, takes the image away from the REP
    await db.lead.update({ where: { id: myLead.id }, data: { assigneeId: null }, select: { id: true } })
    expect((await get(org.org.slug, mine.id, { cookie: rep })).status).toBe(404)
    await db.lead.update({ where: { id: theirLead.id }, data: { deletedAt: new Date() }, select: { id: true } })
    expect((await get(org.org.slug, notMine.id, { cookie: viewer })).status).toBe(404)
  })
})

describe('getRoofImageOrThrow', () => {
  it('checks lead.read, scopes to the actor org, and masks only non-image content types', async () => {
    const org = await createOrgWithRoles()
    const other = await createOrgWithRoles()
    const a = await actorsOf(org)
    const img = await storeImage(org.org.id)
    const got = await getRoofImageOrThrow({ actor: a.ADMIN, imageId: img.id })
    expect(got).toMatchObject({ id: img.id, contentType: 'image/jpeg', sha256: img.sha256, width: 640, height: 640, notModified: false })
    // the pipeline (scan.read) sees it in its own org, never in another
    await expect(
      getRoofImageOrThrow({ actor: systemActor({ process: 'scans.pipeline', orgId: org.org.id }), imageId: img.id }),
    ).resolves.toMatchObject({ id: img.id })
    expect(
      (await err(getRoofImageOrThrow({ actor: systemActor({ process: 'scans.pipeline', orgId: other.org.id }), imageId: img.id }))).code,
    ).toBe('NOT_FOUND')

    const odd = await storeImage(org.org.id, { contentType: 'text/html' })
    const res = await getRoofImageOrThrow({ actor: a.OWNER, imageId: odd.id })
    expect(res.contentType).toBe('application/octet-stream')
  })

  it('a row whose bytes are gone is a masked 500, not a crash or an empty 200', async () => {
    const org = await createOrgWithRoles()
    const img = await storeImage(org.org.id)
    await deleteObject({ key: img.key })
    const res = await get(org.org.slug, img.id, { cookie: await cookieFor(org, 'MANAGER') })
    expect(res.status).toBe(500)
    expect((await res.json()).error.code).toBe('INTERNAL')
  })

  it('etagMatches reads lists, weak tags and *', () => {
    expect(etagMatches(null, '"a"')).toBe(false)
    expect(etagMatches('"a"', '"a"')).toBe(true)
    expect(etagMatches('W/"a"', '"a"')).toBe(true)
    expect(etagMatches('"b", "a"', '"a"')).toBe(true)
    expect(etagMatches('*', '"a"')).toBe(true)
    expect(etagMatches('"b"', '"a"')).toBe(false)
    expect(etagMatches('a', '"a"')).toBe(false)
  })
})

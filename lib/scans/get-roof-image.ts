// One stored aerial image, for the image route (app/[orgSlug]/images/[imageId]/route.ts) and anything else that
// serves the bytes. Who may see an image:
// - whoever may read scans (scan.read: OWNER/ADMIN/MANAGER, the pipeline) sees every image of their org: the scan
//   pages and the review queue show images that are on no lead yet;
// - everyone else with lead.read (REP, VIEWER, READ API keys) sees an image only while it is the roof image of a
//   live lead they can read (leads.roof_image_id, scoped by leadWhere: a REP's leads are the ones assigned to them).
// Anything else — another org's image, a malformed id, an image not on a lead the actor can read — is NOT_FOUND,
// so an id reveals nothing. The key is read from the org-scoped row, never from the URL.
import 'server-only'
import { db } from '@/lib/db'
import { AppError, notFound } from '@/lib/errors'
import { assertCan, scopeFor, type Actor } from '@/lib/auth/actor'
import { leadWhere } from '@/lib/leads/lead-scope'
import { getObject } from '@/lib/storage/image-storage'
import { log } from '@/lib/logger'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
/** Only raster images are served as what they are; anything else would be a stored bug, sent as opaque bytes. */
const SERVABLE = new Set(['image/jpeg', 'image/png', 'image/webp'])

export interface RoofImageMeta {
  id: string
  contentType: string
  sha256: string
  width: number
  height: number
  /** the strong ETag of the bytes: they are content-addressed, so the sha256 is their identity */
  etag: string
}
export type RoofImageResult = (RoofImageMeta & { notModified: false; bytes: Buffer }) | (RoofImageMeta & { notModified: true })

/** True when an If-None-Match header names this ETag (a list, weak `W/` forms and `*` included; RFC 9110 §13.1.2). */
export function etagMatches(ifNoneMatch: string | null | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false
  return ifNoneMatch.split(',').some((t) => {
    const tag = t.trim()
    return tag === '*' || tag.replace(/^W\//, '') === etag
  })
}

async function findReadableImage(actor: Actor, imageId: string) {
  const orgId = assertCan(actor, 'lead.read')
  if (!UUID.test(imageId)) throw notFound('Image')
  const select = { id: true, storageKey: true, contentType: true, sha256: true, width: true, height: true } as const
  const seesAll = scopeFor(actor, 'scan.read') === 'all' && scopeFor(actor, 'lead.read') === 'all'
  const image = seesAll
    ? await db.roofImage.findFirst({ where: { id: imageId, orgId }, select })
    : await db.roofImage.findFirst({ where: { id: imageId, orgId, leads: { some: leadWhere(actor, 'lead.read') } }, select })
  if (!image) throw notFound('Image')
  return image
}

/**
 * The image's bytes and content type (lead.read; see the visibility rule above). With `ifNoneMatch` naming the
 * current ETag it answers `notModified` without reading the bytes from storage.
 */
export async function getRoofImageOrThrow({
  actor,
  imageId,
  ifNoneMatch,
}: {
  actor: Actor
  imageId: string
  ifNoneMatch?: string | null
}): Promise<RoofImageResult> {
  const image = await findReadableImage(actor, imageId)
  const meta: RoofImageMeta = {
    id: image.id,
    contentType: SERVABLE.has(image.contentType) ? image.contentType : 'application/octet-stream',
    sha256: image.sha256,
    width: image.width,
    height: image.height,
    etag: `"${image.sha256}"`,
  }
  if (etagMatches(ifNoneMatch, meta.etag)) return { ...meta, notModified: true }
  const stored = await getObject({ key: image.storageKey })
  if (!stored) {
    // the row outlived its bytes (storage wiped or moved): a server fault, not the caller's
    log().error({ imageId: image.id, key: image.storageKey }, 'stored aerial image is missing')
    throw new AppError('INTERNAL', 'The stored aerial image is missing')
  }
  return { ...meta, notModified: false, bytes: stored.bytes }
}

// GET /<org>/images/<imageId> — an aerial roof image for signed-in members of the org (cookie session; who sees
// which image: lib/scans/get-roof-image.ts). Private browser cache for an hour, revalidated by ETag (the sha256
// of the content-addressed bytes) with 304 when unchanged. Errors use the one envelope (401, 404, …).
import { requireRouteMember } from '@/lib/auth/route-member'
import { handleRoute } from '@/lib/http/handle-route'
import { getRoofImageOrThrow } from '@/lib/scans/get-roof-image'

export const dynamic = 'force-dynamic'

export const GET = handleRoute(async (request, { req, params }) => {
  const { actor } = await requireRouteMember({ request, req, orgSlug: String(params.orgSlug), permission: 'lead.read' })
  const image = await getRoofImageOrThrow({
    actor,
    imageId: String(params.imageId),
    ifNoneMatch: request.headers.get('if-none-match'),
  })
  const headers = new Headers({
    'cache-control': 'private, max-age=3600',
    etag: image.etag,
    'x-content-type-options': 'nosniff',
    // the answer depends on who asks: never reuse it for another session
    vary: 'Cookie',
  })
  if (image.notModified) return new Response(null, { status: 304, headers })
  headers.set('content-type', image.contentType)
  headers.set('content-length', String(image.bytes.byteLength))
  return new Response(new Uint8Array(image.bytes), { status: 200, headers })
})

// POST /{org}/leads/import/upload — the CSV import's preview and commit steps for files up to 50 MB.
// Server actions cap their input at 256 KB (lib/actions/define-action.ts), too small for real lead lists, so
// the file goes through this route instead; the domain (preview-import / commit-import) does all the work.
// Cookie-authenticated: JSON only (no cross-site form posts) and the Origin must be this site.
import { z } from 'zod'
import { AppError } from '@/lib/errors'
import { handleRoute, json, readJson } from '@/lib/http/handle-route'
import { requireRouteMember } from '@/lib/auth/route-member'
import { importMappingSchema, MAX_IMPORT_BYTES } from '@/lib/leads/import-mapping'
import { previewImport } from '@/lib/leads/preview-import'
import { commitImport } from '@/lib/leads/commit-import'

export const dynamic = 'force-dynamic'

const bodySchema = z.discriminatedUnion('step', [
  z.object({ step: z.literal('preview'), csvText: z.string().min(1), mapping: importMappingSchema.optional() }),
  z.object({
    step: z.literal('commit'),
    csvText: z.string().min(1),
    mapping: importMappingSchema,
    fileName: z.string().trim().min(1).max(200),
  }),
])

export const POST = handleRoute(async (request, { req, params }) => {
  const origin = request.headers.get('origin')
  if (origin && origin !== new URL(request.url).origin && origin !== process.env.APP_URL)
    throw new AppError('FORBIDDEN', 'Cross-site request refused')
  const { actor } = await requireRouteMember({ request, req, orgSlug: String(params.orgSlug), permission: 'lead.write' })
  // JSON escaping can grow the text: allow some headroom over the file limit
  const body = await readJson(request, bodySchema, Math.ceil(MAX_IMPORT_BYTES * 1.2))
  if (body.step === 'preview') return json({ data: await previewImport({ actor, csvText: body.csvText, mapping: body.mapping }) })
  const imp = await commitImport({ actor, csvText: body.csvText, mapping: body.mapping, fileName: body.fileName })
  return json({ data: imp }, { status: 201 })
})

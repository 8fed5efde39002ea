// POST /<org>/leads/import/csv?mode=preview|commit&fileName=…&mapping=<json> with the raw CSV as the body
// (text/csv, ≤ 50 MB). Server actions cap their input at 256 KB, so large files come through here.
// Session + lead.write (org-wide) as for the import actions; the work is lib/leads/preview-import|commit-import.
import { z } from 'zod'
import { assertCan } from '@/lib/auth/permissions'
import { getMemberContext } from '@/lib/auth/org-context'
import { requireSession, sessionFromCookieHeader } from '@/lib/auth/session'
import { AppError } from '@/lib/errors'
import { handleRoute, json, parseQuery, readText } from '@/lib/http/handle-route'
import { commitImport } from '@/lib/leads/commit-import'
import { importMappingSchema, MAX_IMPORT_BYTES } from '@/lib/leads/import-mapping'
import { memberActor } from '@/lib/leads/lead-actor'
import { previewImport } from '@/lib/leads/preview-import'

export const dynamic = 'force-dynamic'

const querySchema = z.object({
  mode: z.enum(['preview', 'commit']),
  fileName: z.string().trim().min(1).max(200).default('import.csv'),
  mapping: z.string().max(10_000).optional().transform((s, ctx) => {
    if (!s) return undefined
    try { return importMappingSchema.parse(JSON.parse(s)) } catch { ctx.addIssue({ code: 'custom', message: 'mapping must be a JSON object field → column' }); return z.NEVER }
  }),
})

export const POST = handleRoute(async (request, { req, params }) => {
  const session = requireSession(await sessionFromCookieHeader(request.headers.get('cookie')))
  const member = await getMemberContext({ userId: session.user.id, orgSlug: String(params.orgSlug) })
  req.userId = session.user.id
  req.orgId = member.org.id
  assertCan(member.role, 'lead.write')
  const q = parseQuery(request, querySchema)
  const csvText = await readText(request, MAX_IMPORT_BYTES)
  const actor = memberActor(member)
  if (q.mode === 'preview') return json(await previewImport({ actor, csvText, mapping: q.mapping }))
  if (!q.mapping) throw new AppError('VALIDATION_FAILED', 'mapping is required to commit an import', { details: { field: 'mapping' } })
  return json(await commitImport({ actor, csvText, mapping: q.mapping, fileName: q.fileName }), { status: 202 })
})

// GET /<org>/leads/export?<filters> — streams the filtered leads as CSV (lead.export; audited in lib/leads).
import { assertCan } from '@/lib/auth/permissions'
import { getMemberContext } from '@/lib/auth/org-context'
import { requireSession, sessionFromCookieHeader } from '@/lib/auth/session'
import { handleRoute, parseQuery } from '@/lib/http/handle-route'
import { exportLeadsCsv } from '@/lib/leads/export-leads-csv'
import { memberActor } from '@/lib/leads/lead-actor'
import { leadFilterSchema } from '@/lib/leads/schemas'

export const dynamic = 'force-dynamic'

export const GET = handleRoute(async (request, { req, params }) => {
  const session = requireSession(await sessionFromCookieHeader(request.headers.get('cookie')))
  const member = await getMemberContext({ userId: session.user.id, orgSlug: String(params.orgSlug) })
  req.userId = session.user.id
  req.orgId = member.org.id
  assertCan(member.role, 'lead.export')
  const filter = parseQuery(request, leadFilterSchema)
  const { fileName, stream } = await exportLeadsCsv({ actor: memberActor(member), filter })
  return new Response(stream, {
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${fileName}"`, 'cache-control': 'no-store' },
  })
})

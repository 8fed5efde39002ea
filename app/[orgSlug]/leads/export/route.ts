// GET /<org>/leads/export?<filters> — streams the filtered leads as CSV (lead.export; audited in lib/leads).
import { requireRouteMember } from '@/lib/auth/route-member'
import { handleRoute, parseQuery } from '@/lib/http/handle-route'
import { exportLeadsCsv } from '@/lib/leads/export-leads-csv'
import { leadFilterSchema } from '@/lib/leads/schemas'

export const dynamic = 'force-dynamic'

export const GET = handleRoute(async (request, { req, params }) => {
  const { actor } = await requireRouteMember({ request, req, orgSlug: String(params.orgSlug), permission: 'lead.export' })
  const filter = parseQuery(request, leadFilterSchema)
  const { fileName, stream } = await exportLeadsCsv({ actor, filter })
  return new Response(stream, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${fileName}"`,
      'cache-control': 'no-store',
    },
  })
})

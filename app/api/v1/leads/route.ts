// REST API v1: GET (list, keyset pagination) and POST (create) /api/v1/leads.
import { apiRoute } from '@/lib/api/api-route'
import { toApiLead } from '@/lib/api/lead-dto'
import { json, parseJsonBody, parseQuery } from '@/lib/http/handle-route'
import { createLead } from '@/lib/leads/create-lead'
import { getLead } from '@/lib/leads/get-lead'
import { listLeads } from '@/lib/leads/list-leads'
import { createLeadSchema, listLeadsSchema } from '@/lib/leads/schemas'

export const dynamic = 'force-dynamic'

export const GET = apiRoute({ permission: 'lead.read', write: false }, async (request, { actor }) => {
  const query = parseQuery(request, listLeadsSchema)
  // an API key is no member: "me" means nothing here
  const page = await listLeads({ actor, query: { ...query, assignee: query.assignee === 'me' ? undefined : query.assignee } })
  return json({
    data: page.items.map(toApiLead),
    nextCursor: page.nextCursor,
    ...(page.total !== undefined ? { total: page.total, totalIsEstimate: page.totalIsEstimate } : {}),
  })
})

export const POST = apiRoute({ permission: 'lead.write', write: true }, async (request, { actor, body }) => {
  const lead = await createLead({ actor, lead: parseJsonBody(request, body, createLeadSchema), source: 'API' })
  const full = await getLead({ actor, leadId: lead.id, activityLimit: 1 })
  return json({ data: toApiLead(full) }, { status: 201, headers: { location: `/api/v1/leads/${lead.id}` } })
})

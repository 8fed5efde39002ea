// REST API v1: GET (list, keyset pagination) and POST (create) /api/v1/leads.
import { apiRoute, parseBody } from '@/lib/api/api-route'
import { toApiLead } from '@/lib/api/lead-dto'
import { json, parseQuery } from '@/lib/http/handle-route'
import { createLead } from '@/lib/leads/create-lead'
import { getLead } from '@/lib/leads/get-lead'
import { listLeads } from '@/lib/leads/list-leads'
import { createLeadSchema, listLeadsSchema } from '@/lib/leads/schemas'

export const dynamic = 'force-dynamic'

export const GET = apiRoute({ write: false }, async (request, { actor }) => {
  const input = parseQuery(request, listLeadsSchema)
  const page = await listLeads({ actor, input: { ...input, assignee: input.assignee === 'me' ? undefined : input.assignee } })
  return json({ data: page.items.map(toApiLead), nextCursor: page.nextCursor, ...(page.total !== undefined ? { total: page.total, totalIsEstimate: page.totalIsEstimate } : {}) })
})

export const POST = apiRoute({ write: true }, async (request, { actor, body }) => {
  const input = parseBody(request, body, createLeadSchema)
  const lead = await createLead({ actor, input, source: 'API' })
  const full = await getLead({ actor, leadId: lead.id, activityLimit: 1 })
  return json({ data: toApiLead(full) }, { status: 201, headers: { location: `/api/v1/leads/${lead.id}` } })
})

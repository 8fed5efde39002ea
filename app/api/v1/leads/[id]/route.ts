// REST API v1: GET, PATCH, DELETE /api/v1/leads/{id}. Another org's lead is a 404.
import { apiRoute } from '@/lib/api/api-route'
import { toApiLead } from '@/lib/api/lead-dto'
import { notFound } from '@/lib/errors'
import { json, parseJsonBody } from '@/lib/http/handle-route'
import { deleteLeads } from '@/lib/leads/delete-leads'
import { getLead } from '@/lib/leads/get-lead'
import { updateLead } from '@/lib/leads/update-lead'
import { leadIdSchema, updateLeadSchema } from '@/lib/leads/schemas'

export const dynamic = 'force-dynamic'

const leadId = (params: Record<string, string | string[]>) => {
  const id = leadIdSchema.safeParse(params.id)
  if (!id.success) throw notFound('Lead')
  return id.data
}

export const GET = apiRoute({ permission: 'lead.read', write: false }, async (_request, { actor, params }) =>
  json({ data: toApiLead(await getLead({ actor, leadId: leadId(params), activityLimit: 1 })) }),
)

export const PATCH = apiRoute({ permission: 'lead.write', write: true }, async (request, { actor, params, body }) => {
  const id = leadId(params)
  await updateLead({ actor, leadId: id, patch: parseJsonBody(request, body, updateLeadSchema) })
  return json({ data: toApiLead(await getLead({ actor, leadId: id, activityLimit: 1 })) })
})

export const DELETE = apiRoute({ permission: 'lead.delete', write: true }, async (_request, { actor, params }) => {
  const id = leadId(params)
  const r = await deleteLeads({ actor, target: { ids: [id] } })
  if (!r.succeeded.length) throw notFound('Lead')
  return json({ data: { id, deleted: true } })
})

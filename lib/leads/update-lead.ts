// Updates one lead: facts (lead.write), tags (lead.write), status + lost reason (lead.write), assignee
// (lead.assign). One transaction: the change, a timeline entry per aspect, one audit row with before/after.
import 'server-only'
import { db } from '@/lib/db'
import { AppError, notFound } from '@/lib/errors'
import { writeAudit } from '@/lib/audit/write-audit'
import { assertAssignee } from '@/lib/leads/assignee'
import { isUniqueViolation } from '@/lib/leads/create-lead'
import { LEAD_DETAIL_SELECT } from '@/lib/leads/get-lead'
import { assertCan, auditActorOf, requireScope, type Actor } from '@/lib/auth/actor'
import { leadWhere } from '@/lib/leads/lead-scope'
import { normalizeAddress } from '@/lib/leads/normalize-address'
import { recordActivities, type ActivityType } from '@/lib/leads/record-activity'
import { leadIdSchema, type LeadPatch } from '@/lib/leads/schemas'

const ADDRESS_KEYS = ['addressLine1', 'addressLine2', 'city', 'state', 'zip'] as const

/** `patch`: parsed by updateLeadSchema at the edge */
export async function updateLead({ actor, leadId, patch: p }: { actor: Actor; leadId: string; patch: LeadPatch }) {
  const orgId = assertCan(actor, 'lead.write')
  if (!leadIdSchema.safeParse(leadId).success) throw notFound('Lead')
  if (p.assigneeId !== undefined) requireScope(actor, 'lead.assign')
  try {
    return await db.$transaction(async (tx) => {
      const before = await tx.lead.findFirst({ where: { id: leadId, ...leadWhere(actor, 'lead.write') }, select: LEAD_DETAIL_SELECT })
      if (!before) throw notFound('Lead')
      const { status, lostReason, tags, assigneeId, ...facts } = p
      const data: Record<string, unknown> = { ...facts }
      const activities: Array<{ leadId: string; type: ActivityType; data?: unknown }> = []
      if (ADDRESS_KEYS.some((k) => k in facts)) {
        const next = { ...before, ...facts }
        data.normalizedAddress = normalizeAddress({
          line1: next.addressLine1,
          line2: next.addressLine2,
          city: next.city,
          state: next.state,
          zip: next.zip,
        })
      }
      if ('score' in facts) data.scoreVersion = facts.score == null ? null : 'manual'
      const changedFacts = Object.keys(facts).filter(
        (k) => (before as Record<string, unknown>)[k] !== (facts as Record<string, unknown>)[k],
      )
      if (changedFacts.length) activities.push({ leadId, type: 'lead.updated', data: { fields: changedFacts } })
      if (status !== undefined || lostReason !== undefined) {
        const nextStatus = status ?? before.status
        if (nextStatus === 'LOST' && !(lostReason ?? before.lostReason))
          throw new AppError('VALIDATION_FAILED', 'Say why the lead was lost', { details: { field: 'lostReason' } })
        data.status = nextStatus
        data.lostReason = nextStatus === 'LOST' ? (lostReason ?? before.lostReason) : null
        if (nextStatus !== before.status)
          activities.push({ leadId, type: 'status.changed', data: { from: before.status, to: nextStatus, lostReason: data.lostReason } })
      }
      if (tags !== undefined) {
        data.tags = tags
        if (tags.join('\u0000') !== before.tags.join('\u0000'))
          activities.push({ leadId, type: 'tags.changed', data: { from: before.tags, to: tags } })
      }
      if (assigneeId !== undefined) {
        await assertAssignee(tx, { orgId, membershipId: assigneeId })
        data.assigneeId = assigneeId
        if (assigneeId !== before.assigneeId)
          activities.push({ leadId, type: 'assignment.changed', data: { from: before.assigneeId, to: assigneeId } })
      }
      const after = await tx.lead.update({ where: { id: leadId }, data, select: LEAD_DETAIL_SELECT })
      await recordActivities(tx, actor, activities)
      await writeAudit(tx, {
        orgId,
        actor: auditActorOf(actor),
        action: 'lead.update',
        targetType: 'lead',
        targetId: leadId,
        before,
        after,
      })
      return after
    })
  } catch (err) {
    if (isUniqueViolation(err))
      throw new AppError('CONFLICT', 'A lead with this address already exists', { details: { reason: 'DUPLICATE_ADDRESS' } })
    throw err
  }
}

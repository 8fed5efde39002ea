// A follow-up task on a lead (lead.write). A REP's task is assigned to themself.
import { db } from '@/lib/db'
import { notFound } from '@/lib/errors'
import { writeAudit } from '@/lib/audit/write-audit'
import { assertAssignee } from '@/lib/leads/assignee'
import { auditActor, leadWhere, requireScope, type LeadActor } from '@/lib/leads/lead-actor'
import { recordActivities } from '@/lib/leads/record-activity'
import { leadIdSchema, taskInputSchema } from '@/lib/leads/schemas'
import type { z } from 'zod'

export async function addTask({ actor, leadId, input }: { actor: LeadActor; leadId: string; input: z.input<typeof taskInputSchema> }) {
  const p = taskInputSchema.parse(input)
  if (!leadIdSchema.safeParse(leadId).success) throw notFound('Lead')
  const scope = requireScope(actor, 'lead.write')
  const assigneeId = scope === 'assigned' ? actor.membershipId : (p.assigneeId ?? actor.membershipId)
  return db.$transaction(async (tx) => {
    const lead = await tx.lead.findFirst({ where: { id: leadId, ...leadWhere(actor, 'lead.write') }, select: { id: true } })
    if (!lead) throw notFound('Lead')
    await assertAssignee(tx, { orgId: actor.orgId, membershipId: assigneeId })
    const task = await tx.leadTask.create({
      data: { orgId: actor.orgId, leadId, title: p.title, dueAt: p.dueAt ?? null, assigneeId, createdById: actor.userId },
      select: { id: true, title: true, dueAt: true, doneAt: true, assigneeId: true, createdAt: true },
    })
    await recordActivities(tx, actor, [{ leadId, type: 'task.added', data: { taskId: task.id, title: task.title, dueAt: task.dueAt } }])
    await writeAudit(tx, { orgId: actor.orgId, actor: auditActor(actor), action: 'lead.task.add', targetType: 'lead_task', targetId: task.id, after: task })
    return task
  })
}

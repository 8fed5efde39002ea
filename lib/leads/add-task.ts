// A follow-up task on a lead (lead.write). A REP's task is assigned to themself.
import 'server-only'
import { db } from '@/lib/db'
import { notFound } from '@/lib/errors'
import { writeAudit } from '@/lib/audit/write-audit'
import { assertAssignee } from '@/lib/leads/assignee'
import { auditActorOf, membershipIdOf, orgIdOf, requireScope, userIdOf, type Actor } from '@/lib/auth/actor'
import { leadWhere } from '@/lib/leads/lead-scope'
import { recordActivities } from '@/lib/leads/record-activity'
import { leadIdSchema, type TaskInput } from '@/lib/leads/schemas'

export async function addTask({ actor, leadId, task: p }: { actor: Actor; leadId: string; task: TaskInput }) {
  const scope = requireScope(actor, 'lead.write')
  const orgId = orgIdOf(actor)
  if (!leadIdSchema.safeParse(leadId).success) throw notFound('Lead')
  const assigneeId = scope === 'assigned' ? membershipIdOf(actor) : (p.assigneeId ?? membershipIdOf(actor))
  return db.$transaction(async (tx) => {
    const lead = await tx.lead.findFirst({ where: { id: leadId, ...leadWhere(actor, 'lead.write') }, select: { id: true } })
    if (!lead) throw notFound('Lead')
    await assertAssignee(tx, { orgId, membershipId: assigneeId })
    const task = await tx.leadTask.create({
      data: { orgId, leadId, title: p.title, dueAt: p.dueAt ?? null, assigneeId, createdById: userIdOf(actor) },
      select: { id: true, title: true, dueAt: true, doneAt: true, assigneeId: true, createdAt: true },
    })
    await recordActivities(tx, actor, [{ leadId, type: 'task.added', data: { taskId: task.id, title: task.title, dueAt: task.dueAt } }])
    await writeAudit(tx, {
      orgId,
      actor: auditActorOf(actor),
      action: 'lead.task.add',
      targetType: 'lead_task',
      targetId: task.id,
      after: task,
    })
    return task
  })
}

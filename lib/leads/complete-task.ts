// Marks a task done (or re-opens it with done=false). Same visibility as its lead.
import { db } from '@/lib/db'
import { notFound } from '@/lib/errors'
import { writeAudit } from '@/lib/audit/write-audit'
import { auditActor, leadWhere, type LeadActor } from '@/lib/leads/lead-actor'
import { recordActivities } from '@/lib/leads/record-activity'
import { leadIdSchema } from '@/lib/leads/schemas'

export async function completeTask({ actor, taskId, done = true }: { actor: LeadActor; taskId: string; done?: boolean }) {
  if (!leadIdSchema.safeParse(taskId).success) throw notFound('Task')
  return db.$transaction(async (tx) => {
    const task = await tx.leadTask.findFirst({ where: { id: taskId, orgId: actor.orgId, lead: leadWhere(actor, 'lead.write') }, select: { id: true, leadId: true, title: true, doneAt: true } })
    if (!task) throw notFound('Task')
    const updated = await tx.leadTask.update({
      where: { id: taskId },
      data: { doneAt: done ? (task.doneAt ?? new Date()) : null },
      select: { id: true, title: true, dueAt: true, doneAt: true, assigneeId: true, leadId: true },
    })
    if (done && !task.doneAt) await recordActivities(tx, actor, [{ leadId: task.leadId, type: 'task.completed', data: { taskId, title: task.title } }])
    await writeAudit(tx, { orgId: actor.orgId, actor: auditActor(actor), action: done ? 'lead.task.complete' : 'lead.task.reopen', targetType: 'lead_task', targetId: taskId })
    return updated
  })
}

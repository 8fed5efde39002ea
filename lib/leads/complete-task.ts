// Marks a task done (or re-opens it with done=false). Same visibility as its lead.
import 'server-only'
import { db } from '@/lib/db'
import { notFound } from '@/lib/errors'
import { writeAudit } from '@/lib/audit/write-audit'
import { assertCan, auditActorOf, type Actor } from '@/lib/auth/actor'
import { leadWhere } from '@/lib/leads/lead-scope'
import { recordActivities } from '@/lib/leads/record-activity'
import { leadIdSchema } from '@/lib/leads/schemas'

export async function completeTask({ actor, taskId, done = true }: { actor: Actor; taskId: string; done?: boolean }) {
  const orgId = assertCan(actor, 'lead.write')
  if (!leadIdSchema.safeParse(taskId).success) throw notFound('Task')
  return db.$transaction(async (tx) => {
    const task = await tx.leadTask.findFirst({
      where: { id: taskId, orgId, lead: leadWhere(actor, 'lead.write') },
      select: { id: true, leadId: true, title: true, doneAt: true },
    })
    if (!task) throw notFound('Task')
    const updated = await tx.leadTask.update({
      where: { id: taskId },
      data: { doneAt: done ? (task.doneAt ?? new Date()) : null },
      select: { id: true, title: true, dueAt: true, doneAt: true, assigneeId: true, leadId: true },
    })
    if (done && !task.doneAt)
      await recordActivities(tx, actor, [{ leadId: task.leadId, type: 'task.completed', data: { taskId, title: task.title } }])
    await writeAudit(tx, {
      orgId,
      actor: auditActorOf(actor),
      action: done ? 'lead.task.complete' : 'lead.task.reopen',
      targetType: 'lead_task',
      targetId: taskId,
    })
    return updated
  })
}

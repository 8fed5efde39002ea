// A note on a lead (lead.write; REP: assigned leads only).
import { db } from '@/lib/db'
import { notFound } from '@/lib/errors'
import { writeAudit } from '@/lib/audit/write-audit'
import { auditActor, leadWhere, type LeadActor } from '@/lib/leads/lead-actor'
import { recordActivities } from '@/lib/leads/record-activity'
import { leadIdSchema, noteBodySchema } from '@/lib/leads/schemas'

export async function addNote({ actor, leadId, body }: { actor: LeadActor; leadId: string; body: string }) {
  const text = noteBodySchema.parse(body)
  if (!leadIdSchema.safeParse(leadId).success) throw notFound('Lead')
  return db.$transaction(async (tx) => {
    const lead = await tx.lead.findFirst({ where: { id: leadId, ...leadWhere(actor, 'lead.write') }, select: { id: true } })
    if (!lead) throw notFound('Lead')
    const note = await tx.leadNote.create({
      data: { orgId: actor.orgId, leadId, authorId: actor.userId, body: text },
      select: { id: true, body: true, createdAt: true, authorId: true },
    })
    await tx.lead.update({ where: { id: leadId }, data: { updatedAt: new Date() }, select: { id: true } })
    await recordActivities(tx, actor, [{ leadId, type: 'note.added', data: { noteId: note.id, preview: text.slice(0, 140) } }])
    await writeAudit(tx, { orgId: actor.orgId, actor: auditActor(actor), action: 'lead.note.add', targetType: 'lead_note', targetId: note.id, after: { leadId } })
    return note
  })
}

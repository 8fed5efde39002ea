// A note on a lead (lead.write; REP: assigned leads only).
import 'server-only'
import { db } from '@/lib/db'
import { notFound } from '@/lib/errors'
import { writeAudit } from '@/lib/audit/write-audit'
import { assertCan, auditActorOf, userIdOf, type Actor } from '@/lib/auth/actor'
import { leadWhere } from '@/lib/leads/lead-scope'
import { recordActivities } from '@/lib/leads/record-activity'
import { leadIdSchema } from '@/lib/leads/schemas'

/** `body`: parsed by noteBodySchema at the edge */
export async function addNote({ actor, leadId, body: text }: { actor: Actor; leadId: string; body: string }) {
  const orgId = assertCan(actor, 'lead.write')
  if (!leadIdSchema.safeParse(leadId).success) throw notFound('Lead')
  return db.$transaction(async (tx) => {
    const lead = await tx.lead.findFirst({ where: { id: leadId, ...leadWhere(actor, 'lead.write') }, select: { id: true } })
    if (!lead) throw notFound('Lead')
    const note = await tx.leadNote.create({
      data: { orgId, leadId, authorId: userIdOf(actor), body: text },
      select: { id: true, body: true, createdAt: true, authorId: true },
    })
    await tx.lead.update({ where: { id: leadId }, data: { updatedAt: new Date() }, select: { id: true } })
    await recordActivities(tx, actor, [{ leadId, type: 'note.added', data: { noteId: note.id, preview: text.slice(0, 140) } }])
    await writeAudit(tx, {
      orgId,
      actor: auditActorOf(actor),
      action: 'lead.note.add',
      targetType: 'lead_note',
      targetId: note.id,
      after: { leadId },
    })
    return note
  })
}

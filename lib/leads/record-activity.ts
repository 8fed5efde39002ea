// The lead timeline. Called inside the transaction of the change it records (with its audit row).
import type { Prisma } from '@/lib/generated/prisma/client'
import type { Tx } from '@/lib/db'
import { auditActor, type LeadActor } from '@/lib/leads/lead-actor'

export type ActivityType =
  | 'lead.created' | 'lead.updated' | 'lead.imported' | 'lead.exported' | 'lead.deleted' | 'lead.restored'
  | 'status.changed' | 'assignment.changed' | 'tags.changed' | 'note.added' | 'task.added' | 'task.completed'

export async function recordActivities(
  tx: Tx,
  actor: LeadActor | null,
  entries: Array<{ leadId: string; type: ActivityType; data?: unknown }>,
  orgId?: string,
): Promise<void> {
  if (!entries.length) return
  const who = actor ? auditActor(actor) : { type: 'SYSTEM' as const, id: null }
  await tx.leadActivity.createMany({
    data: entries.map((e) => ({
      orgId: actor?.orgId ?? orgId!,
      leadId: e.leadId,
      type: e.type,
      actorType: who.type,
      actorId: who.id ?? null,
      data: e.data === undefined ? undefined : (JSON.parse(JSON.stringify(e.data)) as Prisma.InputJsonValue),
    })),
  })
}

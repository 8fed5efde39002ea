// The lead timeline. Called inside the transaction of the change it records (with its audit row).
import 'server-only'
import type { Prisma } from '@/lib/generated/prisma/client'
import type { Tx } from '@/lib/db'
import { auditActorOf, orgIdOf, type Actor } from '@/lib/auth/actor'

export type ActivityType =
  | 'lead.created'
  | 'lead.updated'
  | 'lead.imported'
  | 'lead.exported'
  | 'lead.deleted'
  | 'lead.restored'
  | 'status.changed'
  | 'assignment.changed'
  | 'tags.changed'
  | 'note.added'
  | 'task.added'
  | 'task.completed'
  | 'score.changed'

export async function recordActivities(
  tx: Tx,
  actor: Actor | null,
  entries: Array<{ leadId: string; type: ActivityType; data?: unknown }>,
  orgId?: string,
): Promise<void> {
  if (!entries.length) return
  const who = actor ? auditActorOf(actor) : { type: 'SYSTEM' as const, id: null }
  const org = actor ? orgIdOf(actor) : orgId!
  await tx.leadActivity.createMany({
    data: entries.map((e) => ({
      orgId: org,
      leadId: e.leadId,
      type: e.type,
      actorType: who.type,
      actorId: who.id ?? null,
      data: e.data === undefined ? undefined : (JSON.parse(JSON.stringify(e.data)) as Prisma.InputJsonValue),
    })),
  })
}

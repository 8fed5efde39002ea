// Append-only audit trail. Call inside the same transaction as the change it records.
import 'server-only'
import type { Prisma } from '@/lib/generated/prisma/client'
import type { Tx } from '@/lib/db'
import { currentContext } from '@/lib/request-context'

export type AuditActor = { type: 'USER' | 'STAFF' | 'API_KEY' | 'SYSTEM'; id?: string | null }

export interface AuditEntry {
  orgId?: string | null
  actor: AuditActor
  action: string
  targetType?: string
  targetId?: string
  before?: unknown
  after?: unknown
}

const json = (v: unknown) => (v === undefined || v === null ? undefined : (JSON.parse(JSON.stringify(v)) as Prisma.InputJsonValue))

export async function writeAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  const ctx = currentContext()
  await tx.auditLog.create({
    data: {
      orgId: entry.orgId ?? null,
      actorType: entry.actor.type,
      actorId: entry.actor.id ?? null,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      before: json(entry.before),
      after: json(entry.after),
      ip: ctx?.ip,
      requestId: ctx?.requestId,
    },
    select: { id: true },
  })
}

// Staff view (/admin/jobs): failed (dead-lettered) outbox rows, newest first. Unsafe (not scoped by org) — fine:
// only platform staff (staff.console.read) get here.
import 'server-only'
import { db } from '@/lib/db'
import { assertStaffCan, type Actor } from '@/lib/auth/actor'
import type { OutboxChannel } from '@/lib/generated/prisma/enums'

export async function unsafeListOutboxDeadLetters({
  actor,
  channel,
  limit = 100,
}: {
  actor: Actor
  channel?: OutboxChannel
  limit?: number
}) {
  assertStaffCan(actor, 'staff.console.read')
  return db.outboxMessage.findMany({
    where: { status: 'failed', ...(channel ? { channel } : {}) },
    orderBy: { failedAt: 'desc' },
    take: Math.min(limit, 500),
    select: {
      id: true,
      orgId: true,
      channel: true,
      dedupeKey: true,
      attempts: true,
      lastError: true,
      provider: true,
      providerMessageId: true,
      createdAt: true,
      failedAt: true,
    },
  })
}

/** Outbox rows per status, across all orgs (staff.console.read). */
export async function unsafeOutboxCounts({ actor }: { actor: Actor }) {
  assertStaffCan(actor, 'staff.console.read')
  const rows = await db.outboxMessage.groupBy({ by: ['status'], _count: { _all: true } })
  return Object.fromEntries(rows.map((r) => [r.status, r._count._all])) as Partial<Record<string, number>>
}

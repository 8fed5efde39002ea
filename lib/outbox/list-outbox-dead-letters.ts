// Staff view (/admin/jobs): failed (dead-lettered) outbox rows, newest first. Cross-org by design: platform
// staff only (callers check requireStaffPage) — hence "unsafe" (not scoped by org).
import { db } from '@/lib/db'
import type { OutboxChannel } from '@/lib/generated/prisma/enums'

export async function unsafeListOutboxDeadLetters({ channel, limit = 100 }: { channel?: OutboxChannel; limit?: number } = {}) {
  return db.outboxMessage.findMany({
    where: { status: 'failed', ...(channel ? { channel } : {}) },
    orderBy: { failedAt: 'desc' },
    take: Math.min(limit, 500),
    select: {
      id: true, orgId: true, channel: true, dedupeKey: true, attempts: true, lastError: true, provider: true,
      providerMessageId: true, createdAt: true, failedAt: true,
    },
  })
}

export async function unsafeOutboxCounts() {
  const rows = await db.outboxMessage.groupBy({ by: ['status'], _count: { _all: true } })
  return Object.fromEntries(rows.map((r) => [r.status, r._count._all])) as Partial<Record<string, number>>
}

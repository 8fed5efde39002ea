// The claim: one guarded UPDATE moves a due row queued → sending and takes a lease. Only one of any number of
// concurrent workers gets the row back; the others get null and do nothing.
import 'server-only'
import { db } from '@/lib/db'
import type { OutboxChannel } from '@/lib/generated/prisma/enums'
import { outboxConfig } from '@/lib/outbox/config'

export interface ClaimedMessage {
  id: string
  orgId: string | null
  channel: OutboxChannel
  dedupeKey: string
  payload: unknown
  attempts: number
}

export async function claimOutboxMessage({
  id,
  leaseMs = outboxConfig().leaseMs,
}: {
  id: string
  leaseMs?: number
}): Promise<ClaimedMessage | null> {
  // The job's startAfter and next_attempt_at are the same Date compared with the same DB clock; 100 ms of
  // slack covers next_attempt_at being rounded to milliseconds.
  const rows = await db.$queryRaw<
    Array<{ id: string; org_id: string | null; channel: OutboxChannel; dedupe_key: string; payload: unknown; attempts: number }>
  >`
    UPDATE outbox_messages
       SET status = 'sending', attempts = attempts + 1, lease_until = now() + ${leaseMs} * interval '1 millisecond', updated_at = now()
     WHERE id = ${id}::uuid AND status = 'queued' AND next_attempt_at <= now() + interval '100 milliseconds'
    RETURNING id, org_id, channel, dedupe_key, payload, attempts`
  const r = rows[0]
  return r ? { id: r.id, orgId: r.org_id, channel: r.channel, dedupeKey: r.dedupe_key, payload: r.payload, attempts: r.attempts } : null
}

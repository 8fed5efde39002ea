// The periodic sweeper (queue outbox.sweep, every minute):
//  1. re-kicks queued rows that are due (their job was lost, e.g. enqueued before a crash or a DB restore);
//  2. settles rows stuck in `sending` past their lease (the worker died mid-send). The send is UNCERTAIN:
//     idempotent channels (METER: Stripe identifier, MAIL: Lob Idempotency-Key) go back to queued and are
//     re-sent with the same key; the others (EMAIL, SMS, CALL: no provider idempotency key) are dead-lettered
//     as UNCERTAIN and never re-sent automatically — a human checks the provider and retries from /admin/jobs.
import 'server-only'
import { Prisma } from '@/lib/generated/prisma/client'
import { db } from '@/lib/db'
import { log } from '@/lib/logger'
import { kickDispatch } from '@/lib/outbox/enqueue-message'
import { senderFor } from '@/lib/outbox/senders'
import type { OutboxChannel } from '@/lib/generated/prisma/enums'

export interface SweepResult {
  kicked: number
  requeued: number
  uncertain: number
}

const IDEMPOTENT_CHANNELS = (['EMAIL', 'SMS', 'CALL', 'MAIL', 'METER'] as OutboxChannel[]).filter((c) => senderFor(c).idempotent)

/** Unscoped by org on purpose: the sweeper is platform housekeeping and only re-kicks or settles rows by their
 *  own state. `dedupeKeyPrefix` limits the sweep to some rows (tests sharing one database). */
export async function unsafeSweepOutbox({
  limit = 500,
  dedupeKeyPrefix,
}: { limit?: number; dedupeKeyPrefix?: string } = {}): Promise<SweepResult> {
  const scope = dedupeKeyPrefix ? Prisma.sql`AND dedupe_key LIKE ${dedupeKeyPrefix.replace(/[%_\\]/g, '\\$&') + '%'}` : Prisma.empty
  const idempotent = IDEMPOTENT_CHANNELS.length
    ? Prisma.join(IDEMPOTENT_CHANNELS.map((c) => Prisma.sql`${c}::"OutboxChannel"`))
    : Prisma.sql`NULL`

  const requeued = await db.$queryRaw<Array<{ id: string }>>`
    UPDATE outbox_messages SET status = 'queued', next_attempt_at = now(), lease_until = NULL, updated_at = now(),
           last_error = 'lease expired while sending; re-sent with the same idempotency key'
     WHERE status = 'sending' AND lease_until < now() AND channel IN (${idempotent}) ${scope}
    RETURNING id`
  const uncertain = await db.$executeRaw`
    UPDATE outbox_messages SET status = 'failed', failed_at = now(), lease_until = NULL, updated_at = now(),
           last_error = 'UNCERTAIN (not re-sent: the provider may have accepted it) lease expired while sending'
     WHERE status = 'sending' AND lease_until < now() AND channel NOT IN (${idempotent}) ${scope}`

  const due = await db.$queryRaw<Array<{ id: string }>>`
    SELECT id FROM outbox_messages WHERE status = 'queued' AND next_attempt_at <= now() ${scope}
     ORDER BY next_attempt_at LIMIT ${limit}`
  for (const r of due) await kickDispatch({ id: r.id })
  const result = { kicked: due.length, requeued: requeued.length, uncertain }
  if (result.kicked || result.requeued || result.uncertain) log().info(result, 'outbox sweep')
  return result
}

// Staff retry of a dead-lettered row: failed → queued with a fresh attempt budget, audited. The forward-only
// trigger allows this one step back only inside a transaction that sets fm.outbox_manual_retry.
import 'server-only'
import { z } from 'zod'
import { db } from '@/lib/db'
import { AppError, notFound } from '@/lib/errors'
import { assertStaffCan, type Actor } from '@/lib/auth/actor'
import { writeStaffAudit } from '@/lib/audit/staff-audit'
import { kickDispatch, prepareOutbox } from '@/lib/outbox/enqueue-message'

/** Unsafe: looks the message up by id across all orgs — fine, only platform staff (staff.outbox.retry) get here. */
export async function unsafeRetryOutboxMessage({ actor, id }: { actor: Actor; id: string }): Promise<{ id: string }> {
  const staff = assertStaffCan(actor, 'staff.outbox.retry')
  if (!z.uuid().safeParse(id).success) throw notFound('Outbox message')
  await prepareOutbox()
  return db.$transaction(async (tx) => {
    const row = await tx.outboxMessage.findUnique({
      where: { id },
      select: { id: true, orgId: true, status: true, attempts: true, lastError: true },
    })
    if (!row) throw notFound('Outbox message')
    if (row.status !== 'failed') throw new AppError('CONFLICT', `Only failed messages can be retried (this one is ${row.status})`)
    await tx.$executeRaw`SELECT set_config('fm.outbox_manual_retry', 'on', true)`
    await tx.outboxMessage.update({
      where: { id },
      data: {
        status: 'queued',
        attempts: 0,
        nextAttemptAt: new Date(),
        failedAt: null,
        lastError: `manual retry after: ${row.lastError ?? ''}`.slice(0, 2000),
      },
      select: { id: true },
    })
    await writeStaffAudit(tx, {
      orgId: row.orgId,
      actor: staff,
      action: 'outbox.retry',
      targetType: 'outbox_message',
      targetId: id,
      before: { status: row.status, attempts: row.attempts, lastError: row.lastError },
      after: { status: 'queued' },
    })
    await kickDispatch({ id, client: tx })
    return { id }
  })
}

// Delivery receipts (from webhooks) move a sent row forward: sent → delivered | failed. Receipts arrive
// duplicated and out of order; a receipt for a row already delivered/failed changes nothing.
import 'server-only'
import { db } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { Prisma } from '@/lib/generated/prisma/client'

export type ReceiptOutcome = 'delivered' | 'failed'

export interface ReceiptTarget {
  /** our row id when the provider echoes it (SendGrid custom args) */
  outboxId?: string
  provider?: string
  providerMessageId?: string
}

/** The outbox_messages condition a receipt names (also used to find the email_messages row it delivers). */
export function receiptWhere(target: ReceiptTarget): Prisma.Sql {
  const where = target.outboxId
    ? Prisma.sql`id = ${target.outboxId}::uuid`
    : target.provider && target.providerMessageId
      ? Prisma.sql`provider = ${target.provider} AND provider_message_id = ${target.providerMessageId}`
      : null
  if (!where) throw new AppError('BAD_REQUEST', 'A receipt needs an outbox id or a provider message id')
  return where
}

/** Returns the new status, 'unchanged' for a stale/duplicate receipt; NOT_FOUND when no row matches (yet). */
export async function applyDeliveryReceipt({
  target,
  outcome,
  error,
}: {
  target: ReceiptTarget
  outcome: ReceiptOutcome
  error?: string
}): Promise<ReceiptOutcome | 'unchanged'> {
  const where = receiptWhere(target)
  const rows = await db.$queryRaw<Array<{ id: string }>>`
    UPDATE outbox_messages
       SET status = ${outcome}::"OutboxStatus", updated_at = now(),
           delivered_at = CASE WHEN ${outcome} = 'delivered' THEN now() ELSE delivered_at END,
           failed_at = CASE WHEN ${outcome} = 'failed' THEN now() ELSE failed_at END,
           last_error = CASE WHEN ${outcome} = 'failed' THEN ${error ?? 'delivery failed'} ELSE last_error END,
           lease_until = NULL
     WHERE ${where} AND status IN ('sending', 'sent')
    RETURNING id`
  if (rows.length) return outcome
  const exists = await db.$queryRaw<Array<{ id: string }>>`SELECT id FROM outbox_messages WHERE ${where} LIMIT 1`
  // No row yet: the receipt overtook the worker's "sent" commit. Throwing makes the webhook job retry later.
  if (!exists.length) throw new AppError('NOT_FOUND', 'No outbox message for this receipt (yet)')
  return 'unchanged'
}

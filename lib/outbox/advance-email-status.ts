// Moves an email_messages row forward (email-status.ts ranks) in one guarded UPDATE: the rank comparison runs in
// SQL on the locked row, so two receipts processed at once cannot move it back either. Called by the outbox
// dispatcher (sent / failed) and by the SendGrid receipt handler (delivered, opened, clicked, bounced, ...).
import 'server-only'
import { db } from '@/lib/db'
import { Prisma } from '@/lib/generated/prisma/client'
import { EMAIL_STATUS_RANK, type EmailStatus } from './email-status'

const rankSql = (col: Prisma.Sql) =>
  Prisma.sql`COALESCE((SELECT r FROM (VALUES ${Prisma.join(
    Object.entries(EMAIL_STATUS_RANK).map(([s, r]) => Prisma.sql`(${s}::text, ${r}::int)`),
  )}) AS v(s, r) WHERE v.s = ${col}), -1)`

/**
 * `where` selects the row: `{ id }` (the email_messages id) or `{ outboxWhere }` (a condition on outbox_messages
 * whose payload names the row). Returns the new status, 'unchanged' (stale/duplicate) or 'no email row'.
 */
export async function advanceEmailStatus({
  where,
  status,
  providerMessageId,
  error,
}: {
  where: { id: string } | { outboxWhere: Prisma.Sql }
  status: EmailStatus
  providerMessageId?: string
  error?: string
}): Promise<EmailStatus | 'unchanged' | 'no email row'> {
  const target =
    'id' in where
      ? Prisma.sql`e.id = ${where.id}::uuid`
      : Prisma.sql`e.id IN (SELECT (payload->>'emailMessageId')::uuid FROM outbox_messages
                             WHERE ${where.outboxWhere} AND payload->>'emailMessageId' IS NOT NULL)`
  const advance = Prisma.sql`${rankSql(Prisma.sql`e.status`)} < ${rankSql(Prisma.sql`${status}::text`)}`
  const rows = await db.$queryRaw<{ before: string; after: string }[]>`
    WITH old AS (SELECT e.id, e.status FROM email_messages e WHERE ${target} FOR UPDATE)
    UPDATE email_messages e
       SET status = CASE WHEN ${advance} THEN ${status} ELSE e.status END,
           error = CASE WHEN ${advance} AND ${error ?? null}::text IS NOT NULL THEN ${error?.slice(0, 2000) ?? null} ELSE e.error END,
           provider_message_id = COALESCE(${providerMessageId ?? null}::text, e.provider_message_id),
           sent_at = CASE WHEN ${status} = 'sent' THEN COALESCE(e.sent_at, now()) ELSE e.sent_at END
      FROM old
     WHERE e.id = old.id
    RETURNING old.status AS before, e.status AS after`
  if (!rows.length) return 'no email row'
  return rows[0]!.before !== rows[0]!.after ? status : 'unchanged'
}

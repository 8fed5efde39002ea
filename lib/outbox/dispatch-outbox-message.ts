// Dispatches one outbox row: claim → send through the channel's provider op → record the outcome.
// Retryable failures go back to queued with exponential backoff + jitter until maxAttempts, then the row is
// dead-lettered (failed, shown at /admin/jobs). Non-retryable and uncertain failures fail at once.
import 'server-only'
import { db } from '@/lib/db'
import { toAppError } from '@/lib/errors'
import { log } from '@/lib/logger'
import { backoffMs } from '@/lib/outbox/backoff'
import { claimOutboxMessage } from '@/lib/outbox/claim-outbox-message'
import { classifySendError } from '@/lib/outbox/classify-send-error'
import { outboxConfig } from '@/lib/outbox/config'
import { kickDispatch } from '@/lib/outbox/enqueue-message'
import { outboxMetrics } from '@/lib/outbox/outbox-metrics'
import { senderFor, type SendResult } from '@/lib/outbox/senders'
import { advanceEmailStatus } from '@/lib/outbox/advance-email-status'
import type { EmailStatus } from '@/lib/outbox/email-status'

export type DispatchOutcome = 'sent' | 'retry' | 'failed' | 'uncertain' | 'skipped'

const errorText = (err: unknown) => {
  const e = toAppError(err)
  const d = e.details && typeof e.details === 'object' ? ` ${JSON.stringify(e.details)}` : ''
  return `${e.code}: ${e.code === 'INTERNAL' ? String((err as Error)?.message ?? err) : e.message}${d}`.slice(0, 2000)
}

async function syncEmailRow(payload: unknown, data: { status: EmailStatus; providerMessageId?: string; error?: string }) {
  const emailMessageId = (payload as { emailMessageId?: string } | null)?.emailMessageId
  if (!emailMessageId) return
  // forward only: a receipt that overtook this commit (delivered, opened…) keeps its status
  await advanceEmailStatus({ where: { id: emailMessageId }, ...data })
}

async function markSent(id: string, res: SendResult): Promise<void> {
  const status = res.sandbox ? 'delivered' : 'sent'
  const n = await db.$executeRaw`
    UPDATE outbox_messages
       SET status = ${status}::"OutboxStatus", provider = ${res.provider}, provider_message_id = ${res.providerMessageId},
           sandbox = ${res.sandbox}, sent_at = now(), delivered_at = CASE WHEN ${res.sandbox} THEN now() END,
           lease_until = NULL, last_error = NULL, updated_at = now()
     WHERE id = ${id}::uuid AND status = 'sending'`
  if (n === 0) {
    // A delivery receipt overtook us (sending → delivered/failed): keep its status, still record the provider id.
    await db.$executeRaw`
      UPDATE outbox_messages SET provider = ${res.provider}, provider_message_id = ${res.providerMessageId},
             sent_at = COALESCE(sent_at, now()), lease_until = NULL, updated_at = now()
       WHERE id = ${id}::uuid AND provider_message_id IS NULL`
  }
}

export async function dispatchOutboxMessage({ id }: { id: string }): Promise<DispatchOutcome> {
  const msg = await claimOutboxMessage({ id })
  if (!msg) return 'skipped'
  const sender = senderFor(msg.channel)
  const cfg = outboxConfig()
  let res: SendResult
  try {
    res = await sender.send({ id: msg.id, orgId: msg.orgId, dedupeKey: msg.dedupeKey, payload: msg.payload, attempt: msg.attempts })
  } catch (err) {
    const kind = classifySendError(err, sender)
    const text = errorText(err)
    if (kind === 'retry' && msg.attempts < cfg.maxAttempts) {
      const next = new Date(Date.now() + backoffMs({ attempt: msg.attempts, baseMs: cfg.backoffBaseMs, capMs: cfg.backoffCapMs }))
      await db.$executeRaw`
        UPDATE outbox_messages SET status = 'queued', next_attempt_at = ${next}, last_error = ${text}, lease_until = NULL, updated_at = now()
         WHERE id = ${id}::uuid AND status = 'sending'`
      await kickDispatch({ id, startAfter: next })
      outboxMetrics.dispatch.inc({ channel: msg.channel, outcome: 'retry' })
      return 'retry'
    }
    const prefix =
      kind === 'uncertain'
        ? 'UNCERTAIN (not re-sent: the provider may have accepted it) '
        : kind === 'retry'
          ? `MAX_ATTEMPTS (${msg.attempts}) `
          : ''
    await db.$executeRaw`
      UPDATE outbox_messages SET status = 'failed', failed_at = now(), last_error = ${prefix + text}, lease_until = NULL, updated_at = now()
       WHERE id = ${id}::uuid AND status = 'sending'`
    await syncEmailRow(msg.payload, { status: 'failed', error: (prefix + text).slice(0, 500) })
    const outcome = kind === 'uncertain' ? 'uncertain' : 'failed'
    outboxMetrics.dispatch.inc({ channel: msg.channel, outcome })
    log().warn({ outboxId: id, channel: msg.channel, attempts: msg.attempts, outcome, error: text }, 'outbox message dead-lettered')
    return outcome
  }
  await markSent(id, res)
  await syncEmailRow(msg.payload, { status: res.sandbox ? 'delivered' : 'sent', providerMessageId: res.providerMessageId })
  outboxMetrics.dispatch.inc({ channel: msg.channel, outcome: 'sent' })
  return 'sent'
}

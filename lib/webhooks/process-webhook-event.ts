// Processes one stored webhook event (queue webhooks.process). A processed event is never processed again
// (unless staff replay it). A failure records the error and rethrows so pg-boss retries with backoff; after
// the retries the row stays `failed`, visible at /admin/webhooks.
import 'server-only'
import { db } from '@/lib/db'
import { toAppError } from '@/lib/errors'
import type { WebhookProvider } from '@/lib/generated/prisma/enums'
import { log } from '@/lib/logger'
import { outboxMetrics } from '@/lib/outbox/outbox-metrics'
import type { WebhookHandler } from '@/lib/webhooks/handlers/types'
import { handleStripeEvent } from '@/lib/webhooks/handlers/stripe'
import { handleTelnyxEvent } from '@/lib/webhooks/handlers/telnyx'
import { handleSendgridEvent } from '@/lib/webhooks/handlers/sendgrid'
import { handleLobEvent } from '@/lib/webhooks/handlers/lob'

const HANDLERS: Record<WebhookProvider, WebhookHandler> = {
  STRIPE: handleStripeEvent,
  TELNYX: handleTelnyxEvent,
  SENDGRID: handleSendgridEvent,
  LOB: handleLobEvent,
}

export type ProcessOutcome = 'processed' | 'skipped'

export async function processWebhookEvent({ id }: { id: string }): Promise<ProcessOutcome> {
  const claimed = await db.$queryRaw<
    Array<{ id: string; provider: WebhookProvider; event_id: string; type: string; payload: unknown; attempts: number }>
  >`
    UPDATE webhook_events SET status = 'processing', attempts = attempts + 1
     WHERE id = ${id}::uuid AND status <> 'processed'
    RETURNING id, provider, event_id, type, payload, attempts`
  const ev = claimed[0]
  if (!ev) return 'skipped'
  try {
    const note = await HANDLERS[ev.provider]({ id: ev.id, eventId: ev.event_id, type: ev.type, payload: ev.payload, attempt: ev.attempts })
    await db.$executeRaw`
      UPDATE webhook_events SET status = 'processed', processed_at = now(), last_error = NULL WHERE id = ${id}::uuid AND status = 'processing'`
    outboxMetrics.webhookProcessing.inc({ provider: ev.provider, outcome: 'processed' })
    log().debug({ webhookEventId: id, provider: ev.provider, type: ev.type, note }, 'webhook processed')
    return 'processed'
  } catch (err) {
    const e = toAppError(err)
    const text = `${e.code}: ${e.code === 'INTERNAL' ? String((err as Error)?.message ?? err) : e.message}`.slice(0, 2000)
    await db.$executeRaw`UPDATE webhook_events SET status = 'failed', last_error = ${text} WHERE id = ${id}::uuid AND status = 'processing'`
    outboxMetrics.webhookProcessing.inc({ provider: ev.provider, outcome: 'failed' })
    log().warn({ webhookEventId: id, provider: ev.provider, type: ev.type, attempt: ev.attempts, error: text }, 'webhook processing failed')
    throw err
  }
}

// Webhooks in: raw body → verify → store (unique provider + event id) → enqueue processing → ack.
// Nothing is stored unless the signature and timestamp verify. A duplicate delivery inserts nothing and
// enqueues nothing. Processing never happens on the request path.
import 'server-only'
import type { WebhookProvider } from '@/lib/generated/prisma/enums'
import { outboxMetrics } from '@/lib/outbox/outbox-metrics'
import { VERIFIERS } from '@/lib/webhooks/providers'
import { storeWebhookEvents } from '@/lib/webhooks/store-webhook-events'

export interface ReceiveResult {
  received: number
  stored: number
  duplicates: number
}

export async function receiveWebhook({
  provider,
  rawBody,
  headers,
}: {
  provider: WebhookProvider
  rawBody: string
  headers: Headers
}): Promise<ReceiveResult> {
  let events
  try {
    events = VERIFIERS[provider]({ rawBody, headers })
  } catch (err) {
    outboxMetrics.webhooks.inc({ provider, result: 'rejected' })
    throw err
  }
  const { stored, duplicates } = await storeWebhookEvents({ provider, events })
  if (stored) outboxMetrics.webhooks.inc({ provider, result: 'stored' }, stored)
  if (duplicates) outboxMetrics.webhooks.inc({ provider, result: 'duplicate' }, duplicates)
  return { received: events.length, stored, duplicates }
}

// Telnyx messaging receipts: message.finalized carries the final per-recipient status. delivered →
// outbox delivered; sending_failed / delivery_failed / delivery_unconfirmed → failed. message.sent is
// informational (our row is already "sent" once Telnyx accepted it).
import 'server-only'
import { z } from 'zod'
import { applyDeliveryReceipt } from '@/lib/outbox/apply-delivery-receipt'
import type { WebhookHandler } from '@/lib/webhooks/handlers/types'

const shape = z
  .object({
    data: z
      .object({
        payload: z
          .object({
            id: z.string(),
            to: z.array(z.object({ status: z.string() }).loose()).default([]),
            errors: z.array(z.object({ title: z.string().optional(), detail: z.string().optional() }).loose()).optional(),
          })
          .loose(),
      })
      .loose(),
  })
  .loose()

const FAILED = new Set(['sending_failed', 'delivery_failed', 'delivery_unconfirmed'])

export const handleTelnyxEvent: WebhookHandler = async ({ type, payload }) => {
  if (type !== 'message.finalized') return 'ignored'
  const p = shape.parse(payload).data.payload
  const status = p.to[0]?.status ?? ''
  if (status !== 'delivered' && !FAILED.has(status)) return `ignored status ${status}`
  const error =
    p.errors
      ?.map((e) => e.detail ?? e.title)
      .filter(Boolean)
      .join('; ') || status
  return applyDeliveryReceipt({
    target: { provider: 'telnyx', providerMessageId: p.id },
    outcome: status === 'delivered' ? 'delivered' : 'failed',
    error,
  })
}

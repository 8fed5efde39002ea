// Telnyx messaging receipts: message.finalized carries the final per-recipient status. delivered →
// outbox delivered; sending_failed / delivery_failed / delivery_unconfirmed → failed. message.sent is
// informational (our row is already "sent" once Telnyx accepted it). message.received is an inbound text:
// lib/sms/handle-inbound-sms.ts stores it and honours STOP/HELP/START first (idempotent per Telnyx message id).
import 'server-only'
import { z } from 'zod'
import { applyDeliveryReceipt } from '@/lib/outbox/apply-delivery-receipt'
import { handleInboundSms, inboundSmsSchema } from '@/lib/sms/handle-inbound-sms'
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

const inboundShape = z
  .object({
    data: z
      .object({
        occurred_at: z.string().optional(),
        payload: z
          .object({
            id: z.string(),
            from: z.object({ phone_number: z.string() }).loose(),
            to: z.array(z.object({ phone_number: z.string() }).loose()).min(1),
            text: z.string().nullish(),
            received_at: z.string().optional(),
          })
          .loose(),
      })
      .loose(),
  })
  .loose()

async function handleInbound(payload: unknown): Promise<string> {
  const parsed = inboundShape.safeParse(payload)
  if (!parsed.success) return 'ignored malformed message.received'
  const { payload: p, occurred_at } = parsed.data.data
  const receivedAt = new Date(p.received_at ?? occurred_at ?? Date.now())
  const input = {
    from: p.from.phone_number,
    to: p.to[0]!.phone_number,
    text: p.text ?? '',
    providerMessageId: p.id,
    receivedAt: Number.isNaN(receivedAt.getTime()) ? new Date() : receivedAt,
  }
  // a short code / alphanumeric sender or an oversized body cannot be stored or answered: acknowledge, do not retry
  if (!inboundSmsSchema.safeParse(input).success) return 'ignored message.received with an unusable sender or body'
  const r = await handleInboundSms(input)
  return `inbound ${r.classifiedAs ?? 'text'}: ${r.outcome}`
}

export const handleTelnyxEvent: WebhookHandler = async ({ type, payload }) => {
  if (type === 'message.received') return handleInbound(payload)
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

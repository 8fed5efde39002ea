// Lob tracking events: every event is recorded per mail piece; delivered / returned moves the outbox row.
import 'server-only'
import { z } from 'zod'
import { db } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { applyDeliveryReceipt } from '@/lib/outbox/apply-delivery-receipt'
import type { WebhookHandler } from '@/lib/webhooks/handlers/types'

const shape = z
  .object({
    date_created: z.string().optional(),
    reference_id: z.string().max(64).optional(),
    body: z
      .object({ id: z.string().max(64) })
      .loose()
      .optional(),
  })
  .loose()

export const handleLobEvent: WebhookHandler = async ({ id, type, payload }) => {
  const e = shape.parse(payload)
  const objectId = e.body?.id ?? e.reference_id
  if (!objectId) return 'no mail piece id'
  const occurredAt = e.date_created && !Number.isNaN(Date.parse(e.date_created)) ? new Date(e.date_created) : new Date()
  await db.mailTrackingEvent.upsert({
    where: { webhookEventId: id },
    update: {},
    create: { providerObjectId: objectId, eventType: type, webhookEventId: id, occurredAt },
    select: { id: true },
  })
  const outcome = /\.delivered$/.test(type) ? 'delivered' : /\.(returned_to_sender|failed|rejected)$/.test(type) ? 'failed' : null
  if (!outcome) return 'tracked'
  try {
    return await applyDeliveryReceipt({ target: { provider: 'lob', providerMessageId: objectId }, outcome, error: type })
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') return 'tracked (no outbox row)'
    throw err
  }
}

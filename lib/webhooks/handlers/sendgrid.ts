// SendGrid events (one row per sg_event_id). delivered/open/click → delivered (open and click prove it);
// bounce/dropped → failed and the address suppressed; spamreport → suppressed (the message was delivered).
import 'server-only'
import { z } from 'zod'
import { db } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { applyDeliveryReceipt, type ReceiptTarget } from '@/lib/outbox/apply-delivery-receipt'
import type { WebhookHandler } from '@/lib/webhooks/handlers/types'

const shape = z
  .object({
    email: z.string().max(254).optional(),
    sg_message_id: z.string().optional(),
    fm_outbox_id: z.uuid().optional(),
    reason: z.string().optional(),
    type: z.string().optional(),
  })
  .loose()

async function suppress(email: string | undefined, reason: string) {
  if (!email) return
  await db.emailSuppression.upsert({
    where: { email: email.toLowerCase() },
    update: {},
    create: { email: email.toLowerCase(), reason },
    select: { id: true },
  })
}

export const handleSendgridEvent: WebhookHandler = async ({ type, payload, attempt }) => {
  const e = shape.parse(payload)
  // sg_message_id = "<X-Message-Id>.filter…": the part before the first dot is what the send returned
  const target: ReceiptTarget = e.fm_outbox_id
    ? { outboxId: e.fm_outbox_id }
    : { provider: 'sendgrid', providerMessageId: e.sg_message_id?.split('.')[0] }
  let outcome: 'delivered' | 'failed' | null = null
  if (type === 'delivered' || type === 'open' || type === 'click') outcome = 'delivered'
  if (type === 'bounce' || type === 'dropped') {
    await suppress(e.email, type === 'bounce' ? (e.type === 'blocked' ? 'blocked' : 'bounce') : 'dropped')
    outcome = 'failed'
  }
  if (type === 'spamreport') await suppress(e.email, 'spamreport')
  if (!outcome) return type === 'spamreport' ? 'suppressed' : 'ignored'
  if (!target.outboxId && !target.providerMessageId) return 'no message id'
  try {
    return await applyDeliveryReceipt({ target, outcome, error: e.reason ?? type })
  } catch (err) {
    // Not ours (e.g. sent before the outbox) or not committed yet: retry a few times, then let it go.
    if (err instanceof AppError && err.code === 'NOT_FOUND' && attempt >= 3) return 'no matching message'
    throw err
  }
}

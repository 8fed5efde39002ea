// SendGrid events (one row per sg_event_id). Outbox row: delivered/open/click → delivered (open and click prove
// it); bounce/dropped → failed. The email_messages row it delivers moves forward only (lib/email/email-status.ts):
// delivered → opened → clicked → spam_reported, bounced/dropped; late or duplicated events never move it back.
// bounce/dropped/spamreport also suppress the address.
import 'server-only'
import { z } from 'zod'
import { db } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { applyDeliveryReceipt, receiptWhere, type ReceiptOutcome, type ReceiptTarget } from '@/lib/outbox/apply-delivery-receipt'
import { advanceEmailStatus } from '@/lib/outbox/advance-email-status'
import { sendgridEventStatus } from '@/lib/outbox/email-status'
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
  if (type === 'bounce' || type === 'dropped')
    await suppress(e.email, type === 'bounce' ? (e.type === 'blocked' ? 'blocked' : 'bounce') : 'dropped')
  if (type === 'spamreport') await suppress(e.email, 'spamreport')
  const emailStatus = sendgridEventStatus(type)
  if (!emailStatus) return 'ignored'
  // sg_message_id = "<X-Message-Id>.filter…": the part before the first dot is what the send returned
  const providerMessageId = e.sg_message_id?.split('.')[0]
  const target: ReceiptTarget | null = e.fm_outbox_id
    ? { outboxId: e.fm_outbox_id }
    : providerMessageId
      ? { provider: 'sendgrid', providerMessageId }
      : null
  if (!target) return type === 'spamreport' || type === 'bounce' || type === 'dropped' ? 'suppressed; no message id' : 'no message id'
  const failed = type === 'bounce' || type === 'dropped'
  // the outbox knows sent → delivered | failed; the email_messages row also keeps opened / clicked / spam_reported
  const outcome: ReceiptOutcome | null = failed ? 'failed' : type === 'spamreport' ? null : 'delivered'
  let outbox: string = 'unchanged'
  try {
    if (outcome) outbox = await applyDeliveryReceipt({ target, outcome, error: e.reason ?? type })
  } catch (err) {
    // Not ours (e.g. sent before the outbox) or not committed yet: retry a few times, then let it go.
    if (err instanceof AppError && err.code === 'NOT_FOUND' && attempt >= 3) return 'no matching message'
    throw err
  }
  const email = await advanceEmailStatus({
    where: { outboxWhere: receiptWhere(target) },
    status: emailStatus,
    ...(failed ? { error: `${type}: ${e.reason ?? 'no reason given'}` } : {}),
  })
  return `outbox ${outbox}; email ${email}`
}

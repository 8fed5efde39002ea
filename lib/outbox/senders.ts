// One sender per outbox channel: which provider op delivers it and whether a repeat is safe.
// Idempotent = the provider deduplicates a repeated request (Stripe meter `identifier`, Lob Idempotency-Key),
// so an uncertain attempt may be re-sent. SendGrid and Telnyx have no idempotency key for sends: an attempt
// that may have reached them is never re-sent automatically (see classify-send-error.ts).
// Provider modules are imported lazily: web processes that only enqueue never load the SDKs.
import 'server-only'
import type { OutboxChannel } from '@/lib/generated/prisma/enums'
import { env } from '@/lib/env'
import { AppError } from '@/lib/errors'
import { callPayload, emailPayload, mailPayload, meterPayload, smsPayload } from '@/lib/outbox/payloads'
import type { SenderTraits } from '@/lib/outbox/classify-send-error'
import { db } from '@/lib/db'

export interface SendArgs {
  id: string
  orgId: string | null
  dedupeKey: string
  payload: unknown
  attempt: number
}
export interface SendResult {
  provider: string
  providerMessageId: string
  sandbox: boolean
}
export interface OutboxSender extends SenderTraits {
  provider: string
  send: (args: SendArgs) => Promise<SendResult>
}

const email: OutboxSender = {
  provider: 'sendgrid',
  idempotent: false,
  async send({ id, payload }) {
    const p = emailPayload.parse(payload)
    const suppressed = await db.emailSuppression.findUnique({ where: { email: p.to.toLowerCase() }, select: { reason: true } })
    if (suppressed) throw new AppError('CONFLICT', `Recipient is suppressed (${suppressed.reason})`, { details: { reason: 'SUPPRESSED' } })
    const { sendMail } = await import('@/lib/external/sendgrid')
    const res = await sendMail({
      to: p.to,
      from: p.from ?? env().EMAIL_FROM,
      subject: p.subject,
      text: p.text,
      html: p.html,
      // echoed back on every SendGrid event: receipts find the row without parsing sg_message_id
      customArgs: { fm_outbox_id: id },
      unsubscribeUrl: p.unsubscribeUrl,
    })
    return { provider: 'sendgrid', providerMessageId: res.providerMessageId, sandbox: Boolean((res as { sandbox?: boolean }).sandbox) }
  },
}

const sms: OutboxSender = {
  provider: 'telnyx',
  idempotent: false,
  // Telnyx messaging answers 5xx with an error body and no message id: nothing was accepted or billed.
  fiveXxNotAccepted: true,
  async send({ payload, dedupeKey }) {
    const p = smsPayload.parse(payload)
    const { sendSms } = await import('@/lib/external/telnyx')
    const res = await sendSms({ from: p.from, to: p.to, text: p.text, idempotencyKey: dedupeKey })
    return { provider: 'telnyx', providerMessageId: res.providerMessageId, sandbox: res.sandbox }
  },
}

const meter: OutboxSender = {
  provider: 'stripe',
  idempotent: true,
  async send({ payload, dedupeKey }) {
    const p = meterPayload.parse(payload)
    // the dedupe key (e.g. "lead:<id>") is Stripe's identifier: a repeat is deduplicated by Stripe
    const { reportMeterEvent } = await import('@/lib/external/stripe')
    const res = await reportMeterEvent({
      eventName: p.eventName,
      customerId: p.customerId,
      value: p.value,
      identifier: dedupeKey,
      timestamp: p.timestamp ? new Date(p.timestamp * 1000) : undefined,
    })
    const r = res as { identifier?: string; sandbox?: boolean }
    return { provider: 'stripe', providerMessageId: r.identifier ?? dedupeKey, sandbox: Boolean(r.sandbox) }
  },
}

const call: OutboxSender = {
  provider: 'telnyx',
  // a dial that may have reached Telnyx is never repeated: it could ring the homeowner twice
  idempotent: false,
  async send({ id, payload }) {
    const p = callPayload.parse(payload)
    const { dial } = await import('@/lib/external/telnyx')
    const res = await dial({
      from: p.from,
      to: p.to,
      webhookUrl: typeof p.webhookUrl === 'string' ? p.webhookUrl : undefined,
      clientState: typeof p.clientState === 'string' ? p.clientState : id,
      answeringMachineDetection: p.answeringMachineDetection === true,
    })
    return { provider: 'telnyx', providerMessageId: res.callControlId, sandbox: res.sandbox }
  },
}

const mail: OutboxSender = {
  provider: 'lob',
  // Lob honours Idempotency-Key (24 h): the dedupe key makes a repeat return the same mail piece
  idempotent: true,
  async send({ id, payload, dedupeKey }) {
    const p = mailPayload.parse(payload)
    const lob = await import('@/lib/external/lob')
    const metadata = { fm_outbox_id: id }
    const res =
      p.kind === 'postcard'
        ? await lob.createPostcard({
            to: p.to,
            from: p.from,
            frontHtml: p.frontHtml,
            backHtml: p.backHtml,
            size: p.size,
            idempotencyKey: dedupeKey,
            metadata,
          })
        : await lob.createLetter({ to: p.to, from: p.from, html: p.html, color: p.color, idempotencyKey: dedupeKey, metadata })
    return { provider: 'lob', providerMessageId: res.id, sandbox: res.sandbox }
  },
}

const SENDERS: Record<OutboxChannel, OutboxSender> = {
  EMAIL: email,
  SMS: sms,
  METER: meter,
  MAIL: mail,
  CALL: call,
}

const g = globalThis as unknown as { fmOutboxSenderOverrides?: Partial<Record<OutboxChannel, OutboxSender>> }

export function senderFor(channel: OutboxChannel): OutboxSender {
  return g.fmOutboxSenderOverrides?.[channel] ?? SENDERS[channel]
}

/** Test seam: replace a channel's sender (state-machine tests script failures); null restores the real one. */
export function overrideSender(channel: OutboxChannel, sender: OutboxSender | null): void {
  g.fmOutboxSenderOverrides ??= {}
  if (sender) g.fmOutboxSenderOverrides[channel] = sender
  else delete g.fmOutboxSenderOverrides[channel]
}

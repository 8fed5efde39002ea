// The payload each outbox channel carries, validated on enqueue (zod at the boundary) and again on send.
import 'server-only'
import { z } from 'zod'
import type { OutboxChannel } from '@/lib/generated/prisma/enums'

export const emailPayload = z.object({
  to: z.email().max(254),
  subject: z.string().min(1).max(300),
  text: z.string().min(1).max(100_000),
  html: z.string().max(500_000).optional(),
  from: z.string().max(320).optional(),
  template: z.string().max(64).optional(),
  /** the email_messages row this send delivers (kept in sync) */
  emailMessageId: z.uuid().optional(),
  unsubscribeUrl: z.url().optional(),
})

export const smsPayload = z.object({
  from: z.string().regex(/^\+[1-9]\d{6,14}$/),
  to: z.string().regex(/^\+[1-9]\d{6,14}$/),
  text: z.string().min(1).max(1600),
})

export const callPayload = z
  .object({
    from: z.string().regex(/^\+[1-9]\d{6,14}$/),
    to: z.string().regex(/^\+[1-9]\d{6,14}$/),
  })
  .catchall(z.unknown())

const address = z.object({
  name: z.string().min(1).max(40),
  line1: z.string().min(1).max(64),
  line2: z.string().max(64).optional(),
  city: z.string().min(1).max(200),
  state: z.string().length(2),
  zip: z.string().regex(/^\d{5}(-\d{4})?$/),
})
export const mailPayload = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('postcard'),
    to: address,
    from: address,
    frontHtml: z.string().min(1),
    backHtml: z.string().min(1),
    size: z.enum(['4x6', '6x9']).optional(),
  }),
  z.object({ kind: z.literal('letter'), to: address, from: address, html: z.string().min(1), color: z.boolean().optional() }),
])

export const meterPayload = z.object({
  eventName: z.string().min(1).max(100),
  customerId: z.string().min(1).max(64),
  value: z.number().int().min(0),
  /** when the usage happened (unix seconds; the ledger row's occurred_at): Stripe accepts up to 35 days back */
  timestamp: z.number().int().positive().optional(),
})

export const PAYLOAD_SCHEMAS: Record<OutboxChannel, z.ZodType> = {
  EMAIL: emailPayload,
  SMS: smsPayload,
  CALL: callPayload,
  MAIL: mailPayload,
  METER: meterPayload,
}

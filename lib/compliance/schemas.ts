// Input of the compliance use cases, parsed once (zod) — isomorphic, shared by callers and tests.
import { z } from 'zod'
import { toAppError } from '@/lib/errors'
import { E164 } from './phone'

export const CHANNELS = ['EMAIL', 'SMS', 'CALL'] as const
export const PURPOSES = ['MARKETING', 'TRANSACTIONAL'] as const

export const decideSendSchema = z
  .object({
    orgId: z.uuid(),
    leadId: z.uuid(),
    channel: z.enum(CHANNELS),
    purpose: z.enum(PURPOSES),
    to: z.object({
      email: z.email().max(254).optional(),
      phone: z.string().regex(E164, 'an E.164 number (+15125550100)').optional(),
    }),
    at: z.date().refine((d) => !Number.isNaN(d.getTime()), 'a valid date'),
  })
  .superRefine((v, ctx) => {
    if (v.channel === 'EMAIL' && !v.to.email)
      ctx.addIssue({ code: 'custom', path: ['to', 'email'], message: 'an e-mail send needs to.email' })
    if (v.channel !== 'EMAIL' && !v.to.phone)
      ctx.addIssue({ code: 'custom', path: ['to', 'phone'], message: 'a text or call needs to.phone' })
  })
export type DecideSendInput = z.input<typeof decideSendSchema>

export const evidenceSchema = z.object({
  source: z.enum(['report_form', 'import', 'manual', 'api']),
  /** the phone/e-mail the person agreed for (PEWC names a number) */
  recipient: z.string().max(254).optional(),
  disclosureVersion: z.string().min(1).max(64).optional(),
  /** sha256 hex of the exact disclosure text shown */
  disclosureTextHash: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  at: z.date(),
  ip: z.string().max(64).optional(),
  pageUrl: z.url().max(2000).optional(),
})

export const grantConsentSchema = z.object({
  orgId: z.uuid(),
  leadId: z.uuid(),
  channel: z.enum(CHANNELS),
  purpose: z.enum(PURPOSES),
  evidence: evidenceSchema,
})

export const optOutSchema = z.object({
  orgId: z.uuid(),
  leadId: z.uuid(),
  channel: z.enum([...CHANNELS, 'ALL']),
  how: z.enum(['keyword', 'reply_text', 'unsubscribe_click', 'manual']),
  evidence: z.object({
    at: z.date(),
    /** the words received (an SMS body, a call transcript line) */
    text: z.string().max(1600).optional(),
    /** the number the opt-out came from: also added to the internal DNC list for calls/all */
    phone: z.string().regex(E164).optional(),
    ip: z.string().max(64).optional(),
  }),
})

/** Parses or throws VALIDATION_FAILED (the envelope every caller maps to a 4xx). */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const r = schema.safeParse(value)
  if (!r.success) throw toAppError(r.error)
  return r.data
}

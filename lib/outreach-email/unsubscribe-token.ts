// The per-recipient unsubscribe token: "<claims>.<mac>", base64url, HMAC-SHA256 with a key derived from
// AUTH_SECRET. It never expires (CAN-SPAM: the opt-out must keep working for ≥ 30 days after a send; a link in an
// old e-mail should still work years later) and is not single-use (the one-click POST may be repeated).
// Claims: org, lead (optional: a list address with no lead), e-mail (lowercased).
import 'server-only'
import { createHmac } from 'node:crypto'
import { z } from 'zod'
import { safeEqual } from '@/lib/crypto'
import { env } from '@/lib/env'
import { AppError, toAppError } from '@/lib/errors'

export interface UnsubscribeClaims {
  orgId: string
  leadId: string | null
  email: string
}

const claimsSchema = z.object({
  v: z.literal(1),
  o: z.uuid(),
  l: z.uuid().optional(),
  e: z.email().max(254),
})

/** Longest token we will even look at (claims of a 254-char address + MAC are ~520 chars). */
export const MAX_TOKEN_LENGTH = 1024

const macOf = (body: string) => {
  const key = createHmac('sha256', env().AUTH_SECRET).update('fm:email-unsubscribe:v1').digest()
  return createHmac('sha256', key).update(body).digest('base64url')
}

export function signUnsubscribeToken(c: { orgId: string; leadId?: string | null; email: string }): string {
  const r = claimsSchema.safeParse({ v: 1, o: c.orgId, ...(c.leadId ? { l: c.leadId } : {}), e: c.email.trim().toLowerCase() })
  if (!r.success) throw toAppError(r.error)
  const claims = r.data
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url')
  return `${body}.${macOf(body)}`
}

const invalid = () =>
  new AppError('BAD_REQUEST', 'This unsubscribe link is not valid. Use the link in the latest e-mail you received.', {
    details: { reason: 'INVALID' },
  })

/** The claims of a genuine token; anything else (forged, truncated, garbage) → BAD_REQUEST reason INVALID. */
export function verifyUnsubscribeToken(token: unknown): UnsubscribeClaims {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) throw invalid()
  const m = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{43})$/.exec(token)
  if (!m || !safeEqual(macOf(m[1]!), m[2]!)) throw invalid()
  let raw: unknown
  try {
    raw = JSON.parse(Buffer.from(m[1]!, 'base64url').toString('utf8'))
  } catch {
    throw invalid()
  }
  const r = claimsSchema.safeParse(raw)
  if (!r.success) throw invalid()
  return { orgId: r.data.o, leadId: r.data.l ?? null, email: r.data.e }
}

// Lob webhook verification: HMAC-SHA256 (hex, header Lob-Signature) of `${timestamp}.${rawBody}` with
// LOB_WEBHOOK_SECRET; Lob-Signature-Timestamp must be within 5 minutes (seconds or milliseconds accepted).
import 'server-only'
import { createHmac, timingSafeEqual } from 'node:crypto'
import { z } from 'zod'
import { AppError } from '@/lib/errors'
import { assertFreshTimestamp, invalidSignature, parseJsonBody, type VerifiedEvent } from '@/lib/external/signed-webhook'

const eventShape = z
  .object({
    id: z.string().min(1).max(255),
    event_type: z.object({ id: z.string().min(1).max(100) }).loose(),
  })
  .loose()

export function lobSignature({ secret, timestamp, rawBody }: { secret: string; timestamp: string; rawBody: string }): string {
  return createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')
}

export function verifyLobWebhook({ rawBody, headers, now }: { rawBody: string; headers: Headers; now?: number }): VerifiedEvent[] {
  const secret = process.env.LOB_WEBHOOK_SECRET
  if (!secret) throw new AppError('UPSTREAM_UNAVAILABLE', 'Lob webhooks are not configured (LOB_WEBHOOK_SECRET)')
  const sig = headers.get('lob-signature')
  const ts = headers.get('lob-signature-timestamp')
  if (!sig) throw invalidSignature('missing Lob-Signature')
  assertFreshTimestamp(ts, now)
  const expected = Buffer.from(lobSignature({ secret, timestamp: ts!, rawBody }), 'hex')
  const given = Buffer.from(sig.trim(), 'hex')
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalidSignature('bad HMAC signature')
  const body = eventShape.safeParse(parseJsonBody(rawBody))
  if (!body.success) throw new AppError('BAD_REQUEST', 'Not a Lob event')
  return [{ eventId: body.data.id, type: body.data.event_type.id, payload: body.data }]
}

// SendGrid signed Event Webhook: ECDSA P-256 / SHA-256 signature (base64 DER, header
// X-Twilio-Email-Event-Webhook-Signature) over `${timestamp}${rawBody}` (timestamp header
// X-Twilio-Email-Event-Webhook-Timestamp), verified with SENDGRID_WEBHOOK_PUBLIC_KEY (base64 DER SPKI or PEM,
// as shown in SendGrid's settings). One request carries a batch: one VerifiedEvent per sg_event_id.
import 'server-only'
import { createPublicKey, verify, type KeyObject } from 'node:crypto'
import { z } from 'zod'
import { AppError } from '@/lib/errors'
import { assertFreshTimestamp, invalidSignature, parseJsonBody, type VerifiedEvent } from '@/lib/external/signed-webhook'

const keys = new Map<string, KeyObject>()

function publicKey(): KeyObject {
  const configured = process.env.SENDGRID_WEBHOOK_PUBLIC_KEY
  if (!configured) throw new AppError('UPSTREAM_UNAVAILABLE', 'SendGrid webhooks are not configured (SENDGRID_WEBHOOK_PUBLIC_KEY)')
  let key = keys.get(configured)
  if (!key) {
    key = configured.includes('BEGIN PUBLIC KEY')
      ? createPublicKey(configured)
      : createPublicKey({ key: Buffer.from(configured, 'base64'), format: 'der', type: 'spki' })
    keys.set(configured, key)
  }
  return key
}

const eventsShape = z
  .array(z.object({ sg_event_id: z.string().min(1).max(255), event: z.string().min(1).max(100) }).loose())
  .min(1)
  .max(5000)

export function verifySendgridWebhook({ rawBody, headers, now }: { rawBody: string; headers: Headers; now?: number }): VerifiedEvent[] {
  const sig = headers.get('x-twilio-email-event-webhook-signature')
  const ts = headers.get('x-twilio-email-event-webhook-timestamp')
  if (!sig) throw invalidSignature('missing X-Twilio-Email-Event-Webhook-Signature')
  assertFreshTimestamp(ts, now)
  let ok = false
  try {
    ok = verify('sha256', Buffer.from(`${ts}${rawBody}`), publicKey(), Buffer.from(sig, 'base64'))
  } catch (err) {
    if (err instanceof AppError) throw err
    ok = false
  }
  if (!ok) throw invalidSignature('bad ECDSA signature')
  const events = eventsShape.safeParse(parseJsonBody(rawBody))
  if (!events.success) throw new AppError('BAD_REQUEST', 'Not a SendGrid event batch')
  return events.data.map((e) => ({ eventId: e.sg_event_id, type: e.event, payload: e }))
}

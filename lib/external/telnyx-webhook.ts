// Telnyx webhook verification: Ed25519 signature (base64, header telnyx-signature-ed25519) over
// `${telnyx-timestamp}|${rawBody}`, checked with node crypto against TELNYX_PUBLIC_KEY (base64 raw 32-byte key,
// as shown in the Telnyx portal); the timestamp must be within 5 minutes.
import 'server-only'
import { createPublicKey, verify, type KeyObject } from 'node:crypto'
import { z } from 'zod'
import { AppError } from '@/lib/errors'
import { assertFreshTimestamp, invalidSignature, parseJsonBody, type VerifiedEvent } from '@/lib/external/signed-webhook'

const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex')
const keys = new Map<string, KeyObject>()

function publicKey(): KeyObject {
  const b64 = process.env.TELNYX_PUBLIC_KEY
  if (!b64) throw new AppError('UPSTREAM_UNAVAILABLE', 'Telnyx webhooks are not configured (TELNYX_PUBLIC_KEY)')
  let key = keys.get(b64)
  if (!key) {
    const raw = Buffer.from(b64, 'base64')
    if (raw.length !== 32) throw new AppError('UPSTREAM_UNAVAILABLE', 'TELNYX_PUBLIC_KEY must be a base64 32-byte Ed25519 key')
    key = createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' })
    keys.set(b64, key)
  }
  return key
}

const eventShape = z
  .object({
    data: z.object({ id: z.string().min(1).max(255), event_type: z.string().min(1).max(100) }).loose(),
  })
  .loose()

export function verifyTelnyxWebhook({ rawBody, headers, now }: { rawBody: string; headers: Headers; now?: number }): VerifiedEvent[] {
  const sig = headers.get('telnyx-signature-ed25519')
  const ts = headers.get('telnyx-timestamp')
  if (!sig) throw invalidSignature('missing telnyx-signature-ed25519')
  assertFreshTimestamp(ts, now)
  const signature = Buffer.from(sig, 'base64')
  if (signature.length !== 64 || !verify(null, Buffer.from(`${ts}|${rawBody}`), publicKey(), signature))
    throw invalidSignature('bad Ed25519 signature')
  const body = eventShape.safeParse(parseJsonBody(rawBody))
  if (!body.success) throw new AppError('BAD_REQUEST', 'Not a Telnyx event')
  return [{ eventId: body.data.data.id, type: body.data.data.event_type, payload: body.data }]
}

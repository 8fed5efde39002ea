// Test-side signers: each provider's webhook signature made with keys the test owns (the app verifies with
// the public key / secret from env), and helpers to post to the real route handlers.
import { createHmac, generateKeyPairSync, sign } from 'node:crypto'
import { signStripeTestPayload } from '@/lib/external/stripe-webhook'

export const now = () => Math.floor(Date.now() / 1000)

export function telnyxKeys() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519')
  const publicB64 = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('base64')
  return {
    publicB64,
    headers(body: string, ts = now()) {
      return {
        'content-type': 'application/json',
        'telnyx-timestamp': String(ts),
        'telnyx-signature-ed25519': sign(null, Buffer.from(`${ts}|${body}`), privateKey).toString('base64'),
      }
    },
  }
}

export function sendgridKeys() {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
  const publicB64 = publicKey.export({ format: 'der', type: 'spki' }).toString('base64')
  return {
    publicB64,
    headers(body: string, ts = now()) {
      return {
        'content-type': 'application/json',
        'x-twilio-email-event-webhook-timestamp': String(ts),
        'x-twilio-email-event-webhook-signature': sign('sha256', Buffer.from(`${ts}${body}`), privateKey).toString('base64'),
      }
    },
  }
}

export function lobHeaders(body: string, secret: string, ts = now()) {
  return {
    'content-type': 'application/json',
    'lob-signature-timestamp': String(ts),
    'lob-signature': createHmac('sha256', secret).update(`${ts}.${body}`).digest('hex'),
  }
}

export function stripeHeaders(body: string, secret: string, ts?: number) {
  return { 'content-type': 'application/json', 'stripe-signature': signStripeTestPayload({ payload: body, secret, timestamp: ts }) }
}

type Handler = (req: Request) => Promise<Response>
export async function post(handler: Handler, path: string, body: string, headers: Record<string, string>) {
  const res = await handler(new Request(`http://localhost${path}`, { method: 'POST', body, headers }))
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}

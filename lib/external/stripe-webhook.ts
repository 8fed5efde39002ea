// Stripe webhook verification (the only place that touches the SDK's webhook helpers): HMAC over
// `${t}.${rawBody}` in the Stripe-Signature header, checked by stripe.webhooks.constructEvent with a
// 300 s tolerance. `signStripeTestPayload` is for tests and the benchmark.
import 'server-only'
import Stripe from 'stripe'
import { z } from 'zod'
import { invalidSignature, REPLAY_WINDOW_SECONDS, type VerifiedEvent } from '@/lib/external/signed-webhook'
import { AppError } from '@/lib/errors'

let client: Stripe | undefined
// constructEvent is local crypto; the API key is never used for it
const sdk = () => (client ??= new Stripe('sk_test_webhook_verification_only', { maxNetworkRetries: 0, telemetry: false }))

const eventShape = z.object({ id: z.string().min(1).max(255), type: z.string().min(1).max(100) }).loose()

export function stripeWebhookSecret(): string {
  const s = process.env.STRIPE_WEBHOOK_SECRET
  if (!s) throw new AppError('UPSTREAM_UNAVAILABLE', 'Stripe webhooks are not configured (STRIPE_WEBHOOK_SECRET)')
  return s
}

export function verifyStripeWebhook({ rawBody, headers }: { rawBody: string; headers: Headers }): VerifiedEvent[] {
  const signature = headers.get('stripe-signature')
  if (!signature) throw invalidSignature('missing Stripe-Signature')
  let event: unknown
  try {
    event = sdk().webhooks.constructEvent(rawBody, signature, stripeWebhookSecret(), REPLAY_WINDOW_SECONDS)
  } catch (err) {
    if (err instanceof AppError) throw err
    throw invalidSignature((err as Error).message?.slice(0, 200) ?? 'stripe signature')
  }
  const e = eventShape.safeParse(event)
  if (!e.success) throw new AppError('BAD_REQUEST', 'Not a Stripe event')
  return [{ eventId: e.data.id, type: e.data.type, payload: event }]
}

export function signStripeTestPayload({ payload, secret, timestamp }: { payload: string; secret: string; timestamp?: number }): string {
  return sdk().webhooks.generateTestHeaderString({ payload, secret, ...(timestamp ? { timestamp } : {}) })
}

// Which verifier guards which provider's endpoint. Verification lives in lib/external/*-webhook.ts.
import 'server-only'
import type { WebhookProvider } from '@/lib/generated/prisma/enums'
import type { VerifiedEvent } from '@/lib/external/signed-webhook'
import { verifyStripeWebhook } from '@/lib/external/stripe-webhook'
import { verifyTelnyxWebhook } from '@/lib/external/telnyx-webhook'
import { verifySendgridWebhook } from '@/lib/external/sendgrid-webhook'
import { verifyLobWebhook } from '@/lib/external/lob-webhook'

export type Verifier = (args: { rawBody: string; headers: Headers }) => VerifiedEvent[]

export const VERIFIERS: Record<WebhookProvider, Verifier> = {
  STRIPE: verifyStripeWebhook,
  TELNYX: verifyTelnyxWebhook,
  SENDGRID: verifySendgridWebhook,
  LOB: verifyLobWebhook,
}

/** SendGrid posts batches of up to thousands of events; the others send one small event per request. */
export const MAX_BODY_BYTES: Record<WebhookProvider, number> = {
  STRIPE: 512 * 1024,
  TELNYX: 256 * 1024,
  SENDGRID: 4 * 1024 * 1024,
  LOB: 256 * 1024,
}

// Stripe events: never trust the payload's state. Each event names the object it is about; lib/billing RE-READS
// that object from Stripe and applies what Stripe says now. Duplicates, out-of-order and stale events therefore
// converge on Stripe's current state. Throwing makes the job retry (e.g. Stripe does not know the object yet).
import 'server-only'
import { z } from 'zod'
import { syncSubscription } from '@/lib/billing/sync-subscription'
import { syncInvoice } from '@/lib/billing/sync-invoice'
import { recordPaymentDispute } from '@/lib/billing/record-payment-dispute'
import type { WebhookHandler } from '@/lib/webhooks/handlers/types'

const objectShape = z
  .object({
    data: z
      .object({
        object: z
          .object({
            id: z.string().optional(),
            object: z.string().optional(),
            subscription: z.union([z.string(), z.object({ id: z.string() }).loose()]).nullish(),
            client_reference_id: z.string().nullish(),
          })
          .loose(),
      })
      .loose(),
  })
  .loose()

const SUBSCRIPTION_EVENTS = /^(customer\.subscription\.|checkout\.session\.completed$)/
const INVOICE_EVENTS =
  /^invoice\.(paid|payment_failed|payment_succeeded|payment_action_required|finalized|updated|voided|marked_uncollectible)$/
const DISPUTE_EVENTS = /^charge\.dispute\./

export const handleStripeEvent: WebhookHandler = async ({ type, payload, eventId }) => {
  const o = objectShape.parse(payload).data.object
  const source = { kind: 'webhook' as const, eventId }
  if (SUBSCRIPTION_EVENTS.test(type)) {
    const subscriptionId =
      o.object === 'subscription' ? (o.id ?? null) : typeof o.subscription === 'string' ? o.subscription : (o.subscription?.id ?? null)
    if (!subscriptionId) return 'no subscription'
    return syncSubscription({ subscriptionId, orgHint: o.client_reference_id ?? null, source })
  }
  if (INVOICE_EVENTS.test(type)) return o.id ? syncInvoice({ invoiceId: o.id, source }) : 'no invoice'
  if (DISPUTE_EVENTS.test(type)) return o.id ? recordPaymentDispute({ disputeId: o.id, eventId }) : 'no dispute'
  return 'ignored'
}

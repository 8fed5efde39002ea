// Stripe events: never trust the payload's state. Find the subscription the event is about, RE-READ it from
// Stripe, and store what Stripe says now. Duplicates and out-of-order delivery therefore converge on
// Stripe's current state.
import 'server-only'
import { z } from 'zod'
import { db } from '@/lib/db'
import { writeAudit } from '@/lib/audit/write-audit'
import { retrieveSubscription } from '@/lib/external/stripe'
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
            parent: z
              .object({ subscription_details: z.object({ subscription: z.string().nullish() }).loose().nullish() })
              .loose()
              .nullish(),
            client_reference_id: z.string().nullish(),
          })
          .loose(),
      })
      .loose(),
  })
  .loose()

const SUBSCRIPTION_EVENTS =
  /^(customer\.subscription\.|invoice\.(paid|payment_failed|payment_succeeded|upcoming|finalized)|checkout\.session\.completed)/

function subscriptionIdOf(payload: unknown): { subscriptionId: string | null; orgHint: string | null } {
  const o = objectShape.parse(payload).data.object
  if (o.object === 'subscription' && o.id) return { subscriptionId: o.id, orgHint: null }
  const sub =
    typeof o.subscription === 'string' ? o.subscription : (o.subscription?.id ?? o.parent?.subscription_details?.subscription ?? null)
  return { subscriptionId: sub, orgHint: o.client_reference_id ?? null }
}

const uuid = z.uuid()

export const handleStripeEvent: WebhookHandler = async ({ type, payload, eventId }) => {
  if (!SUBSCRIPTION_EVENTS.test(type)) return 'ignored'
  const { subscriptionId, orgHint } = subscriptionIdOf(payload)
  if (!subscriptionId) return 'no subscription'
  const sub = await retrieveSubscription({ subscriptionId })
  const customerId = typeof sub.customer === 'string' ? sub.customer : sub.customer.id
  const item = sub.items?.data?.[0]
  const periodEnd =
    (item as { current_period_end?: number } | undefined)?.current_period_end ?? (sub as { current_period_end?: number }).current_period_end
  const state = {
    stripeSubscriptionId: sub.id,
    status: sub.status,
    priceId: item?.price?.id ?? null,
    currentPeriodEnd: periodEnd ? new Date(periodEnd * 1000) : null,
    syncedAt: new Date(),
  }
  return db.$transaction(async (tx) => {
    let account = await tx.billingAccount.findUnique({
      where: { stripeCustomerId: customerId },
      select: { id: true, orgId: true, status: true, priceId: true, stripeSubscriptionId: true },
    })
    const metaOrg = (sub.metadata as Record<string, string> | undefined)?.org_id ?? orgHint
    if (!account && metaOrg && uuid.safeParse(metaOrg).success) {
      account = await tx.billingAccount.upsert({
        where: { orgId: metaOrg },
        update: { stripeCustomerId: customerId },
        create: { orgId: metaOrg, stripeCustomerId: customerId },
        select: { id: true, orgId: true, status: true, priceId: true, stripeSubscriptionId: true },
      })
    }
    if (!account) return 'unknown customer'
    await tx.billingAccount.update({ where: { id: account.id }, data: state, select: { id: true } })
    if (
      account.status !== state.status ||
      account.priceId !== state.priceId ||
      account.stripeSubscriptionId !== state.stripeSubscriptionId
    ) {
      await writeAudit(tx, {
        orgId: account.orgId,
        actor: { type: 'SYSTEM' },
        action: 'billing.subscription.synced',
        targetType: 'billing_account',
        targetId: account.id,
        before: { status: account.status, priceId: account.priceId },
        after: { status: state.status, priceId: state.priceId, eventId },
      })
    }
    return `synced ${state.status}`
  })
}

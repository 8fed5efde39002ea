// The sandbox checkout's confirm button (Stripe not live): subscribes the org to `plan` through the same
// applySubscriptionState a webhook uses, flagged sandbox (nothing is sent to Stripe, nothing is ever billed, the UI
// labels it). Refused whenever Stripe is live — a real subscription needs a real payment.
import 'server-only'
import { db } from '@/lib/db'
import { assertCan, auditActorOf, type Actor } from '@/lib/auth/actor'
import { AppError } from '@/lib/errors'
import { isStripeLive } from '@/lib/external/stripe'
import { applySubscriptionState } from '@/lib/billing/apply-subscription-state'
import { hasLiveSubscription, loadAccount, parsePaidPlan } from '@/lib/billing/billing-account'
import { newSandboxSnapshot } from '@/lib/billing/sandbox-subscription'
import type { PaidPlanId } from '@/lib/billing/stripe-prices'
import type { BillingState, OrgPlan } from '@/lib/generated/prisma/enums'

export async function completeSandboxCheckout({
  actor,
  plan: rawPlan,
  now = new Date(),
}: {
  actor: Actor
  plan: PaidPlanId
  now?: Date
}): Promise<{ plan: OrgPlan; state: BillingState; sandbox: true; unchanged: boolean }> {
  const orgId = assertCan(actor, 'billing.manage')
  const plan = parsePaidPlan(rawPlan)
  if (isStripeLive())
    throw new AppError('FORBIDDEN', 'The sandbox checkout is only available while Stripe is not configured', {
      details: { reason: 'SANDBOX_ONLY' },
    })
  const account = await loadAccount(orgId)
  if (hasLiveSubscription(account))
    throw new AppError('CONFLICT', 'This organization has a Stripe subscription', { details: { reason: 'SUBSCRIPTION_EXISTS' } })
  // a double-submitted confirm form changes nothing
  if (account.sandbox && account.state === 'ACTIVE' && account.org.plan === plan)
    return { plan, state: account.state, sandbox: true, unchanged: true }
  const r = await db.$transaction((tx) =>
    applySubscriptionState({
      tx,
      orgId,
      snapshot: newSandboxSnapshot({ orgId, plan, now }),
      source: { kind: 'sandbox_checkout' },
      actor: auditActorOf(actor),
      now,
    }),
  )
  return { plan: r.plan, state: r.state, sandbox: true, unchanged: false }
}

// Upgrade from the billing page: a Stripe Checkout session for the plan's monthly price plus its metered
// quality-lead price. The Stripe customer is made once per org (stored on the billing account). The success
// redirect NEVER changes entitlements — only the verified webhooks that follow do (applySubscriptionState).
// Sandbox (Stripe not live): the URL is the app's own sandbox checkout page, whose confirm button calls
// completeSandboxCheckout.
import 'server-only'
import { db } from '@/lib/db'
import { assertCan, auditActorOf, userIdOf, type Actor } from '@/lib/auth/actor'
import { writeAudit } from '@/lib/audit/write-audit'
import { AppError } from '@/lib/errors'
import { providerEnv } from '@/lib/external/config'
import { createCheckoutSession, createCustomer, isStripeLive } from '@/lib/external/stripe'
import {
  billingPageUrl,
  hasLiveSubscription,
  hasSandboxSubscription,
  loadAccount,
  ownerEmails,
  parsePaidPlan,
} from '@/lib/billing/billing-account'
import { pricesForPlan, type PaidPlanId } from '@/lib/billing/stripe-prices'

export interface CheckoutStart {
  /** where to send the browser: Stripe Checkout, or (sandbox) the app's sandbox checkout page (a path) */
  url: string
  sandbox: boolean
}

export async function startCheckout({ actor, plan: rawPlan }: { actor: Actor; plan: PaidPlanId }): Promise<CheckoutStart> {
  const orgId = assertCan(actor, 'billing.manage')
  const plan = parsePaidPlan(rawPlan)
  const account = await loadAccount(orgId)
  if (hasLiveSubscription(account) || hasSandboxSubscription(account)) {
    if (account.org.plan === plan && !account.pendingPlan)
      throw new AppError('CONFLICT', `You are already on the ${plan.toLowerCase()} plan`, { details: { reason: 'PLAN_UNCHANGED', plan } })
    throw new AppError('CONFLICT', 'You already have a subscription: change its plan instead', {
      details: { reason: 'SUBSCRIPTION_EXISTS', plan: account.org.plan },
    })
  }
  const slug = account.org.slug
  if (!isStripeLive()) {
    await db.$transaction((tx) =>
      writeAudit(tx, { orgId, actor: auditActorOf(actor), action: 'billing.checkout.started', after: { plan, sandbox: true } }),
    )
    return { url: `/${slug}/settings/billing/sandbox-checkout?plan=${plan}`, sandbox: true }
  }
  const prices = pricesForPlan(plan)
  let customerId = account.stripeCustomerId
  if (!customerId) {
    const userId = userIdOf(actor)
    const email =
      (userId ? (await db.user.findUnique({ where: { id: userId }, select: { email: true } }))?.email : undefined) ??
      (await ownerEmails(orgId))[0]
    if (!email) throw new AppError('CONFLICT', 'The organization has no owner e-mail for billing')
    // one key per org: two racing clicks get the same customer back from Stripe
    const c = await createCustomer({ email, name: account.org.name, orgId, idempotencyKey: `customer:${orgId}` })
    await db.billingAccount.updateMany({ where: { orgId, stripeCustomerId: null }, data: { stripeCustomerId: c.customerId } })
    customerId = (await db.billingAccount.findUniqueOrThrow({ where: { orgId }, select: { stripeCustomerId: true } })).stripeCustomerId!
  }
  const session = await createCheckoutSession({
    customerId,
    orgId,
    priceId: prices.priceId,
    meteredPriceId: prices.meteredPriceId,
    successUrl: billingPageUrl(slug, 'checkout=success'),
    cancelUrl: billingPageUrl(slug, 'checkout=canceled'),
    automaticTax: providerEnv().STRIPE_TAX_ENABLED === '1',
  })
  if (!session.url) throw new AppError('UPSTREAM_FAILED', 'Stripe did not return a checkout page', { details: { provider: 'stripe' } })
  await db.$transaction((tx) =>
    writeAudit(tx, {
      orgId,
      actor: auditActorOf(actor),
      action: 'billing.checkout.started',
      targetType: 'checkout_session',
      targetId: session.id,
      after: { plan, sandbox: false },
    }),
  )
  return { url: session.url, sandbox: false }
}

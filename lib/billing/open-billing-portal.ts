// Card changes, invoices and receipts: the Stripe customer portal (OWNER). The sandbox has no portal: the URL is
// the billing page with `sandbox_portal=1`, which the page labels.
import 'server-only'
import { db } from '@/lib/db'
import { assertCan, auditActorOf, type Actor } from '@/lib/auth/actor'
import { writeAudit } from '@/lib/audit/write-audit'
import { AppError } from '@/lib/errors'
import { createBillingPortalSession, isStripeLive } from '@/lib/external/stripe'
import { billingPageUrl, loadAccount } from '@/lib/billing/billing-account'

export async function openBillingPortal({ actor }: { actor: Actor }): Promise<{ url: string; sandbox: boolean }> {
  const orgId = assertCan(actor, 'billing.manage')
  const account = await loadAccount(orgId)
  const returnUrl = billingPageUrl(account.org.slug)
  if (account.sandbox || !isStripeLive()) {
    if (!account.stripeSubscriptionId)
      throw new AppError('CONFLICT', 'There is no subscription yet: choose a plan first', { details: { reason: 'NO_SUBSCRIPTION' } })
    return { url: `/${account.org.slug}/settings/billing?sandbox_portal=1`, sandbox: true }
  }
  if (!account.stripeCustomerId)
    throw new AppError('CONFLICT', 'There is no subscription yet: choose a plan first', { details: { reason: 'NO_SUBSCRIPTION' } })
  const s = await createBillingPortalSession({ customerId: account.stripeCustomerId, returnUrl })
  await db.$transaction((tx) => writeAudit(tx, { orgId, actor: auditActorOf(actor), action: 'billing.portal.opened' }))
  return { url: s.url, sandbox: s.sandbox }
}

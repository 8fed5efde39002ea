// Undo a cancellation before the period ends (OWNER): the subscription simply continues. After it has ended the org
// subscribes again through startCheckout (its data, kept 90 days, is all still there).
import 'server-only'
import { db } from '@/lib/db'
import { assertCan, auditActorOf, type Actor } from '@/lib/auth/actor'
import { writeAudit } from '@/lib/audit/write-audit'
import { AppError } from '@/lib/errors'
import { updateSubscription } from '@/lib/external/stripe'
import { applySubscriptionState } from '@/lib/billing/apply-subscription-state'
import { hasLiveSubscription, hasSandboxSubscription, loadAccount } from '@/lib/billing/billing-account'
import { changedSandboxSnapshot } from '@/lib/billing/sandbox-subscription'

export async function reactivateSubscription({
  actor,
  now = new Date(),
}: {
  actor: Actor
  now?: Date
}): Promise<{ pending: boolean; sandbox: boolean }> {
  const orgId = assertCan(actor, 'billing.manage')
  const account = await loadAccount(orgId)
  const live = hasLiveSubscription(account)
  if (account.state === 'CANCELED' || (!live && !hasSandboxSubscription(account)))
    throw new AppError('CONFLICT', 'The subscription has ended: choose a plan to subscribe again (your data is still here)', {
      details: { reason: 'NO_SUBSCRIPTION' },
    })
  if (!account.cancelAtPeriodEnd)
    throw new AppError('CONFLICT', 'The subscription is not being canceled', { details: { reason: 'NOT_CANCELING' } })
  if (live)
    await updateSubscription({
      subscriptionId: account.stripeSubscriptionId!,
      params: { cancel_at_period_end: false },
    })
  await db.$transaction(async (tx) => {
    await writeAudit(tx, { orgId, actor: auditActorOf(actor), action: 'billing.subscription.reactivated', after: { sandbox: !live } })
    if (!live)
      await applySubscriptionState({
        tx,
        orgId,
        snapshot: changedSandboxSnapshot(account, { cancelAtPeriodEnd: false }, now),
        source: { kind: 'sandbox_change' },
        actor: auditActorOf(actor),
        now,
      })
  })
  return { pending: live, sandbox: !live }
}

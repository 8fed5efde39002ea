// Cancel at the period end (OWNER): the plan stays until then; afterwards the account is CANCELED and its data is
// kept 90 days (dataRetainedUntil), when reactivating (or subscribing again) restores everything. The state moves
// when Stripe's webhook is processed (sandbox: applied here through applySubscriptionState).
import 'server-only'
import { db } from '@/lib/db'
import { assertCan, auditActorOf, type Actor } from '@/lib/auth/actor'
import { writeAudit } from '@/lib/audit/write-audit'
import { AppError } from '@/lib/errors'
import { cancelSubscription as stripeCancel } from '@/lib/external/stripe'
import { applySubscriptionState, DATA_RETENTION_DAYS } from '@/lib/billing/apply-subscription-state'
import { hasLiveSubscription, hasSandboxSubscription, loadAccount } from '@/lib/billing/billing-account'
import { changedSandboxSnapshot } from '@/lib/billing/sandbox-subscription'

export interface CancelResult {
  /** the subscription ends then (the plan stays until then) */
  endsAt: Date
  /** data is kept until then */
  dataRetainedUntil: Date
  pending: boolean
  sandbox: boolean
}

export async function cancelSubscription({ actor, now = new Date() }: { actor: Actor; now?: Date }): Promise<CancelResult> {
  const orgId = assertCan(actor, 'billing.manage')
  const account = await loadAccount(orgId)
  const live = hasLiveSubscription(account)
  if (!live && !hasSandboxSubscription(account))
    throw new AppError('CONFLICT', 'There is no subscription to cancel', { details: { reason: 'NO_SUBSCRIPTION' } })
  const endsAt = account.currentPeriodEnd ?? account.periodEnd
  const dataRetainedUntil = new Date(endsAt.getTime() + DATA_RETENTION_DAYS * 86_400_000)
  if (account.cancelAtPeriodEnd) return { endsAt, dataRetainedUntil, pending: false, sandbox: !live }
  if (live)
    // a fresh key per request (cancel → reactivate → cancel within a day must reach Stripe each time)
    await stripeCancel({ subscriptionId: account.stripeSubscriptionId!, atPeriodEnd: true })
  await db.$transaction(async (tx) => {
    await writeAudit(tx, {
      orgId,
      actor: auditActorOf(actor),
      action: 'billing.subscription.cancel_requested',
      after: { endsAt, dataRetainedUntil, sandbox: !live },
    })
    if (!live)
      await applySubscriptionState({
        tx,
        orgId,
        snapshot: changedSandboxSnapshot(account, { cancelAtPeriodEnd: true }, now),
        source: { kind: 'sandbox_change' },
        actor: auditActorOf(actor),
        now,
      })
  })
  return { endsAt, dataRetainedUntil, pending: live, sandbox: !live }
}

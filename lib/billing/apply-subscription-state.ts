// THE one place entitlements change: the org's effective plan (organizations.plan) and the billing state machine
// (billing_accounts.state) move only here, from a subscription snapshot re-read from Stripe (webhook processing,
// the dunning clock) or made by the sandbox checkout. Never from a redirect or a request payload.
//
// Stripe status → state: active/trialing → ACTIVE (pastDueSince cleared); past_due/unpaid → PAST_DUE (the dunning
// clock, lib/billing/advance-dunning.ts, owns PAST_DUE → READ_ONLY → CANCELED from the stored dates);
// canceled/incomplete_expired → CANCELED (data kept 90 days); incomplete/paused → unchanged.
// Stale snapshots (read before the one already applied) are ignored, so racing processing jobs converge.
import 'server-only'
import type { Tx } from '@/lib/db'
import { writeAudit, type AuditActor } from '@/lib/audit/write-audit'
import type { BillingState, OrgPlan } from '@/lib/generated/prisma/enums'
import { enqueue } from '@/lib/jobs/enqueue'
import { getPlan } from '@/lib/billing/plans'
import type { PaidPlanId } from '@/lib/billing/stripe-prices'

const DAY_MS = 86_400_000
/** a canceled org's data is kept this long; reactivating before then restores everything */
export const DATA_RETENTION_DAYS = 90

export interface SubscriptionSnapshot {
  subscriptionId: string
  customerId: string | null
  /** Stripe's subscription status */
  status: string
  /** the flat (plan) price id */
  priceId: string | null
  /** the paid plan the subscription's prices are for; null = a price we do not know (plan left as is) */
  plan: PaidPlanId | null
  currentPeriodStart: Date | null
  currentPeriodEnd: Date | null
  cancelAtPeriodEnd: boolean
  canceledAt: Date | null
  /** a downgrade waiting for the period end (subscription metadata): the plan paid for until `downgradeAt` */
  downgradeFrom: PaidPlanId | null
  downgradeAt: Date | null
  /** when the unpaid invoice that made it past due was created (the dunning clock counts from there) */
  pastDueSince: Date | null
  /** when this snapshot was read from Stripe (or made, for the sandbox) */
  readAt: Date
  sandbox: boolean
}

export type ApplySource =
  { kind: 'webhook'; eventId: string } | { kind: 'sandbox_checkout' } | { kind: 'sandbox_change' } | { kind: 'resync' }

export interface ApplyResult {
  outcome: 'applied' | 'stale' | 'other_subscription'
  state: BillingState
  plan: OrgPlan
  stateChanged: boolean
  planChanged: boolean
}

const ACTIVE_STATUSES = new Set(['active', 'trialing'])
const PAST_DUE_STATUSES = new Set(['past_due', 'unpaid'])
const ENDED_STATUSES = new Set(['canceled', 'incomplete_expired'])

/** The state a Stripe status maps to, given the state the account is in (null = leave it). */
export function stateForStatus(status: string, current: BillingState): BillingState | null {
  if (ACTIVE_STATUSES.has(status)) return 'ACTIVE'
  if (PAST_DUE_STATUSES.has(status)) return current === 'PAST_DUE' || current === 'READ_ONLY' ? current : 'PAST_DUE'
  if (ENDED_STATUSES.has(status)) return 'CANCELED'
  return null
}

export async function applySubscriptionState({
  tx,
  orgId,
  snapshot,
  source,
  actor = { type: 'SYSTEM' },
  now = new Date(),
}: {
  tx: Tx
  orgId: string
  snapshot: SubscriptionSnapshot
  source: ApplySource
  actor?: AuditActor
  now?: Date
}): Promise<ApplyResult> {
  // one writer per account at a time: racing webhook jobs serialise here, and the later read wins
  await tx.$queryRaw`SELECT id FROM billing_accounts WHERE org_id = ${orgId}::uuid FOR UPDATE`
  const account = await tx.billingAccount.findUniqueOrThrow({ where: { orgId }, include: { org: { select: { plan: true } } } })
  const result = (outcome: ApplyResult['outcome']): ApplyResult => ({
    outcome,
    state: account.state,
    plan: account.org.plan,
    stateChanged: false,
    planChanged: false,
  })
  const sameSubscription = account.stripeSubscriptionId === snapshot.subscriptionId
  if (sameSubscription && account.syncedAt && snapshot.readAt.getTime() < account.syncedAt.getTime()) return result('stale')
  // an old subscription ending (or any news about it) after the org subscribed again changes nothing
  if (account.stripeSubscriptionId && !sameSubscription && account.state !== 'CANCELED' && !ACTIVE_STATUSES.has(snapshot.status))
    return result('other_subscription')

  // the effective plan: a pending downgrade keeps the plan paid for until the period end
  const downgradePending = !!(snapshot.downgradeFrom && snapshot.downgradeAt && now.getTime() < snapshot.downgradeAt.getTime())
  const mappedPlan: OrgPlan = snapshot.plan ?? account.org.plan
  const plan: OrgPlan = downgradePending ? snapshot.downgradeFrom! : mappedPlan
  const pendingPlan: OrgPlan | null = downgradePending && snapshot.plan && snapshot.plan !== plan ? snapshot.plan : null

  const state = stateForStatus(snapshot.status, account.state) ?? account.state
  const stateChanged = state !== account.state
  const planChanged = plan !== account.org.plan
  const canceledAt = state === 'CANCELED' ? (account.canceledAt ?? snapshot.canceledAt ?? now) : null
  const periodEnd = snapshot.currentPeriodEnd ?? account.currentPeriodEnd
  const dataRetainedUntil =
    state === 'CANCELED'
      ? new Date(canceledAt!.getTime() + DATA_RETENTION_DAYS * DAY_MS)
      : snapshot.cancelAtPeriodEnd && periodEnd
        ? new Date(periodEnd.getTime() + DATA_RETENTION_DAYS * DAY_MS)
        : null
  const pastDueSince = state === 'PAST_DUE' || state === 'READ_ONLY' ? (account.pastDueSince ?? snapshot.pastDueSince ?? now) : null
  // the cap: a trial's 0 becomes the plan's default; a cap still at the old plan's default follows the plan
  let spendCapCents = account.spendCapCents
  if (planChanged && plan !== 'TRIAL') {
    const oldDefault = getPlan(account.org.plan).defaultSpendCapCents
    if (spendCapCents === 0 || spendCapCents === oldDefault) spendCapCents = getPlan(plan).defaultSpendCapCents
  }
  const hasPeriod = snapshot.currentPeriodStart && snapshot.currentPeriodEnd && snapshot.currentPeriodEnd > snapshot.currentPeriodStart

  await tx.billingAccount.update({
    where: { id: account.id },
    data: {
      stripeSubscriptionId: snapshot.subscriptionId,
      ...(snapshot.customerId && !account.stripeCustomerId ? { stripeCustomerId: snapshot.customerId } : {}),
      status: snapshot.status,
      priceId: snapshot.priceId,
      currentPeriodEnd: snapshot.currentPeriodEnd,
      syncedAt: snapshot.readAt,
      state,
      ...(stateChanged ? { stateChangedAt: now } : {}),
      pastDueSince,
      ...(state === 'ACTIVE' || state === 'CANCELED' ? { dunningDay: 0 } : {}),
      cancelAtPeriodEnd: state === 'CANCELED' ? false : snapshot.cancelAtPeriodEnd,
      canceledAt,
      dataRetainedUntil,
      pendingPlan,
      sandbox: snapshot.sandbox,
      spendCapCents,
      ...(hasPeriod ? { periodStart: snapshot.currentPeriodStart!, periodEnd: snapshot.currentPeriodEnd! } : {}),
    },
    select: { id: true },
  })
  if (planChanged) await tx.organization.update({ where: { id: orgId }, data: { plan }, select: { id: true } })

  const origin = source.kind === 'webhook' ? { eventId: source.eventId } : { source: source.kind }
  if (
    account.status !== snapshot.status ||
    account.priceId !== snapshot.priceId ||
    !sameSubscription ||
    account.cancelAtPeriodEnd !== snapshot.cancelAtPeriodEnd ||
    account.pendingPlan !== pendingPlan
  )
    await writeAudit(tx, {
      orgId,
      actor,
      action: 'billing.subscription.synced',
      targetType: 'billing_account',
      targetId: account.id,
      before: {
        status: account.status,
        priceId: account.priceId,
        cancelAtPeriodEnd: account.cancelAtPeriodEnd,
        pendingPlan: account.pendingPlan,
      },
      after: {
        status: snapshot.status,
        priceId: snapshot.priceId,
        cancelAtPeriodEnd: snapshot.cancelAtPeriodEnd,
        pendingPlan,
        sandbox: snapshot.sandbox,
        ...origin,
      },
    })
  if (stateChanged)
    await writeAudit(tx, {
      orgId,
      actor,
      action: 'billing.state.changed',
      targetType: 'billing_account',
      targetId: account.id,
      before: { state: account.state },
      after: { state, status: snapshot.status, sandbox: snapshot.sandbox, ...origin },
    })
  if (planChanged)
    await writeAudit(tx, {
      orgId,
      actor,
      action: 'billing.plan.changed',
      targetType: 'organization',
      targetId: orgId,
      before: { plan: account.org.plan },
      after: { plan, sandbox: snapshot.sandbox, ...origin },
    })
  // a payment just failed: the dunning clock sends the day-0 email now (and takes it from there)
  if (stateChanged && state === 'PAST_DUE')
    await enqueue({ queue: 'billing.dunning', data: { orgId }, tx, options: { singletonKey: `dunning:${orgId}` } })
  return { outcome: 'applied', state, plan, stateChanged, planChanged }
}

/** The dunning clock's own transition (lib/billing/advance-dunning.ts): PAST_DUE → READ_ONLY on day 7 of an unpaid
 *  invoice. Guarded (only from PAST_DUE), audited; returns whether it moved. */
export async function applyDunningReadOnly({
  tx,
  orgId,
  day,
  now = new Date(),
}: {
  tx: Tx
  orgId: string
  day: number
  now?: Date
}): Promise<boolean> {
  const moved = await tx.billingAccount.updateMany({
    where: { orgId, state: 'PAST_DUE' },
    data: { state: 'READ_ONLY', stateChangedAt: now },
  })
  if (!moved.count) return false
  const account = await tx.billingAccount.findUniqueOrThrow({ where: { orgId }, select: { id: true } })
  await writeAudit(tx, {
    orgId,
    actor: { type: 'SYSTEM' },
    action: 'billing.state.changed',
    targetType: 'billing_account',
    targetId: account.id,
    before: { state: 'PAST_DUE' },
    after: { state: 'READ_ONLY', source: 'dunning', day },
  })
  return true
}

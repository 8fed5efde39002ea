// What an organization may do right now, from its billing account (the state machine B1's webhooks drive) and
// the one plans config. Read by the billing page, the org-shell banner, the scan form and every use case that
// starts billable work (`assertBillableWorkAllowed`). Reads and exports are never gated: a read-only, canceled or
// frozen org still sees and exports everything it has.
import 'server-only'
import { currentPeriod } from '@/lib/billing/period'
import { db, type Tx } from '@/lib/db'
import { AppError, notFound } from '@/lib/errors'
import type { BillingState } from '@/lib/generated/prisma/enums'
import { getPlan, type PlanId } from '@/lib/billing/plans'

const DAY_MS = 86_400_000

/** Billing states in which no new work starts (scans, outreach, anything billable); data stays readable. */
export const READ_ONLY_STATES: readonly BillingState[] = ['READ_ONLY', 'TRIAL_ENDED', 'CANCELED']

/** What is about to start: a scan (live or sandbox), outreach (SMS, calls, mail), or any other billable work. */
export type BillableWork = 'scan' | 'outreach' | 'billable'

export type BlockedReason = 'BILLING_READ_ONLY' | 'DISPUTE_FROZEN'

export interface TrialEntitlement {
  /** the org is on the Trial plan and its trial has not ended */
  active: boolean
  /** null when the org never got a trial (the owner's e-mail had already used one) */
  endsAt: Date | null
  /** whole days left, rounded up (0 once ended) */
  daysLeft: number
  /** the org was created without a trial: "Your free trial was already used; choose a plan to start" */
  refused: boolean
  freeLeadsTotal: number
  freeLeadsUsed: number
  freeLeadsLeft: number
}

export interface Entitlements {
  orgId: string
  /** the EFFECTIVE plan (organizations.plan) */
  plan: PlanId
  planName: string
  /** effective state: a TRIALING account past its end already counts as TRIAL_ENDED (the hourly job catches up) */
  state: BillingState
  /** as stored on the account */
  storedState: BillingState
  /** READ_ONLY, TRIAL_ENDED or CANCELED: no scans, no outreach, nothing billable; reads and exports still work */
  readOnly: boolean
  /** a card dispute froze billable work until staff lift it */
  frozen: boolean
  frozenAt: Date | null
  /** why new work is refused right now (null = allowed) */
  blockedReason: BlockedReason | null
  /** the subscription came from the sandbox checkout (labelled; nothing is sent to Stripe) */
  sandbox: boolean
  trial: TrialEntitlement
  period: { start: Date; end: Date }
  spendCapCents: number
  seats: { limit: number; members: number; pendingInvitations: number; used: number; left: number }
  apiAccess: boolean
  whiteLabelReport: boolean
  maxScanProperties: number
  qualityLeadCents: number
  /** per month; null = unlimited */
  aiAdGenerationsPerMonth: number | null
  /** left this month; null = unlimited; 0 while work is blocked (the feature arrives with issue #12) */
  aiAdGenerationsLeft: number | null
  pendingPlan: PlanId | null
  cancelAtPeriodEnd: boolean
  canceledAt: Date | null
  dataRetainedUntil: Date | null
  pastDueSince: Date | null
  firstPaidAt: Date | null
  /** the 30-day lead-quality guarantee window ends here (null before the first paid invoice) */
  guaranteeEndsAt: Date | null
  hasStripeCustomer: boolean
}

/** The lead-quality guarantee: a quality-lead fee can be disputed within this many days of the first paid invoice. */
export const GUARANTEE_DAYS = 30

export interface EntitlementInputs {
  orgId: string
  plan: PlanId
  account: {
    state: BillingState
    trialEndsAt: Date | null
    periodStart: Date
    periodEnd: Date
    spendCapCents: number
    pendingPlan: PlanId | null
    cancelAtPeriodEnd: boolean
    canceledAt: Date | null
    dataRetainedUntil: Date | null
    pastDueSince: Date | null
    disputeFrozenAt: Date | null
    firstPaidAt: Date | null
    sandbox: boolean
    stripeCustomerId: string | null
  }
  freeLeadsUsed: number
  members: number
  pendingInvitations: number
  /** AI ad generations used this period (lib/billing/plan-quota.ts); 0 when not loaded */
  adGenerationsUsed?: number
  now: Date
}

/** Pure: the entitlements from the loaded rows (exported for tests and for callers that already hold the rows). */
export function computeEntitlements(i: EntitlementInputs): Entitlements {
  const plan = getPlan(i.plan)
  const a = i.account
  const trialOver = a.state === 'TRIALING' && a.trialEndsAt !== null && a.trialEndsAt.getTime() <= i.now.getTime()
  const state: BillingState = trialOver ? 'TRIAL_ENDED' : a.state
  const readOnly = READ_ONLY_STATES.includes(state)
  const frozen = a.disputeFrozenAt !== null
  const blockedReason: BlockedReason | null = readOnly ? 'BILLING_READ_ONLY' : frozen ? 'DISPUTE_FROZEN' : null
  const onTrialPlan = i.plan === 'TRIAL'
  const trialActive = onTrialPlan && state === 'TRIALING'
  const freeLeadsTotal = onTrialPlan ? plan.freeQualityLeads : 0
  const freeLeadsUsed = onTrialPlan ? Math.min(i.freeLeadsUsed, freeLeadsTotal) : 0
  const daysLeft = trialActive && a.trialEndsAt ? Math.max(0, Math.ceil((a.trialEndsAt.getTime() - i.now.getTime()) / DAY_MS)) : 0
  const used = i.members + i.pendingInvitations
  const aiPerMonth = plan.aiAdGenerationsPerMonth
  return {
    orgId: i.orgId,
    plan: i.plan,
    planName: plan.name,
    state,
    storedState: a.state,
    readOnly,
    frozen,
    frozenAt: a.disputeFrozenAt,
    blockedReason,
    sandbox: a.sandbox,
    trial: {
      active: trialActive,
      endsAt: a.trialEndsAt,
      daysLeft,
      refused: onTrialPlan && a.state === 'TRIAL_ENDED' && a.trialEndsAt === null,
      freeLeadsTotal,
      freeLeadsUsed,
      freeLeadsLeft: trialActive && !blockedReason ? freeLeadsTotal - freeLeadsUsed : 0,
    },
    period: { start: a.periodStart, end: a.periodEnd },
    spendCapCents: a.spendCapCents,
    seats: { limit: plan.seats, members: i.members, pendingInvitations: i.pendingInvitations, used, left: Math.max(0, plan.seats - used) },
    apiAccess: plan.apiAccess,
    whiteLabelReport: plan.whiteLabelReport,
    maxScanProperties: plan.maxScanProperties,
    qualityLeadCents: plan.qualityLeadCents,
    aiAdGenerationsPerMonth: aiPerMonth,
    aiAdGenerationsLeft: blockedReason ? 0 : aiPerMonth === null ? null : Math.max(0, aiPerMonth - (i.adGenerationsUsed ?? 0)),
    pendingPlan: a.pendingPlan,
    cancelAtPeriodEnd: a.cancelAtPeriodEnd,
    canceledAt: a.canceledAt,
    dataRetainedUntil: a.dataRetainedUntil,
    pastDueSince: a.pastDueSince,
    firstPaidAt: a.firstPaidAt,
    guaranteeEndsAt: a.firstPaidAt ? new Date(a.firstPaidAt.getTime() + GUARANTEE_DAYS * DAY_MS) : null,
    hasStripeCustomer: a.stripeCustomerId !== null,
  }
}

/** Pending = neither accepted nor canceled, not expired: it holds a seat until answered. */
export function pendingInvitationWhere(orgId: string, now: Date) {
  return { orgId, acceptedAt: null, canceledAt: null, expiresAt: { gt: now } }
}

/**
 * The entitlements of one org. `orgId` must come from a checked actor or a page member (never from input):
 * this is the building block, not a use case. Unknown or deleted org → NOT_FOUND.
 */
export async function getEntitlements(orgId: string, opts: { tx?: Tx; now?: Date } = {}): Promise<Entitlements> {
  const client = opts.tx ?? db
  const now = opts.now ?? new Date()
  const org = await client.organization.findUnique({
    where: { id: orgId },
    select: {
      id: true,
      plan: true,
      deletedAt: true,
      billingAccount: {
        select: {
          state: true,
          trialEndsAt: true,
          periodStart: true,
          periodEnd: true,
          spendCapCents: true,
          pendingPlan: true,
          cancelAtPeriodEnd: true,
          canceledAt: true,
          dataRetainedUntil: true,
          pastDueSince: true,
          disputeFrozenAt: true,
          firstPaidAt: true,
          sandbox: true,
          stripeCustomerId: true,
        },
      },
    },
  })
  if (!org || org.deletedAt) throw notFound('Organization')
  // every org gets its account from the insert trigger; a missing one is a broken invariant, not a user error
  if (!org.billingAccount) throw new Error(`organization ${orgId} has no billing account`)
  const [free, members, pendingInvitations] = await Promise.all([
    // the trial's free quality leads (the trial is one usage period; summed so a rolled counter cannot refill it)
    org.plan === 'TRIAL'
      ? client.spendCounter.aggregate({ where: { orgId }, _sum: { freeQualityLeadsUsed: true } })
      : Promise.resolve({ _sum: { freeQualityLeadsUsed: 0 } }),
    client.membership.count({ where: { orgId } }),
    client.invitation.count({ where: pendingInvitationWhere(orgId, now) }),
  ])
  const adGenerations = await client.planQuotaUsage.findUnique({
    where: {
      orgId_quota_periodStart: { orgId, quota: 'ai_ad_generation', periodStart: currentPeriod(org.billingAccount, now).start },
    },
    select: { used: true },
  })
  return computeEntitlements({
    orgId,
    plan: org.plan,
    account: org.billingAccount,
    freeLeadsUsed: free._sum.freeQualityLeadsUsed ?? 0,
    members,
    pendingInvitations,
    adGenerationsUsed: adGenerations?.used ?? 0,
    now,
  })
}

const WHAT: Record<BillableWork, string> = {
  scan: 'New scans',
  outreach: 'Outreach',
  billable: 'Billable work',
}

/** The refusal for an org whose work is blocked (the UI links it to the billing page). */
export function billingBlockedError(e: Pick<Entitlements, 'blockedReason' | 'state' | 'trial'>, what: BillableWork): AppError {
  if (e.blockedReason === 'DISPUTE_FROZEN') {
    return new AppError('FORBIDDEN', `${WHAT[what]} are paused while a card payment dispute is reviewed; contact support`, {
      details: { reason: 'DISPUTE_FROZEN', what },
    })
  }
  const message =
    e.state === 'TRIAL_ENDED'
      ? e.trial.refused
        ? 'Your free trial was already used; choose a plan to start'
        : `Your free trial has ended; choose a plan to continue. ${WHAT[what]} are paused, your data stays available.`
      : e.state === 'CANCELED'
        ? `Your subscription is canceled; reactivate it to continue. ${WHAT[what]} are paused, your data stays available.`
        : `Your account is read-only until the overdue invoice is paid. ${WHAT[what]} are paused, your data stays available.`
  return new AppError('FORBIDDEN', message, { details: { reason: 'BILLING_READ_ONLY', state: e.state, what } })
}

/**
 * Refuses new work for an org that is read-only (READ_ONLY, TRIAL_ENDED, CANCELED → FORBIDDEN reason
 * BILLING_READ_ONLY) or frozen by a card dispute (FORBIDDEN reason DISPUTE_FROZEN). Pass `tx` to read inside the
 * caller's transaction. Returns the entitlements it read so callers need not load them twice.
 */
export async function assertBillableWorkAllowed({
  orgId,
  tx,
  what,
  now,
}: {
  orgId: string
  tx?: Tx
  what: BillableWork
  now?: Date
}): Promise<Entitlements> {
  const e = await getEntitlements(orgId, { tx, now })
  if (e.blockedReason) throw billingBlockedError(e, what)
  return e
}

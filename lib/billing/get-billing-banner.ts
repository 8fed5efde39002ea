// The one billing banner of the org shell (app/[orgSlug]/layout.tsx): the most urgent billing fact for this org, or
// null. Every member sees why work is paused (read-only, trial ended, canceled, dispute freeze); amounts (spend
// against the cap) and the link to the billing page only go to members who may read billing (OWNER, ADMIN).
import 'server-only'
import { db } from '@/lib/db'
import { assertCan, scopeFor, type Actor } from '@/lib/auth/actor'
import { getEntitlements } from '@/lib/billing/entitlements'
import { spendCapPercent, spendCapWarningLevel } from '@/lib/billing/plans'
import { nextDunningStep } from '@/lib/billing/dunning-schedule'
import { currentPeriod } from '@/lib/billing/period'

export type BillingBannerKind =
  | 'DISPUTE_FROZEN'
  | 'READ_ONLY'
  | 'CANCELED'
  | 'TRIAL_ENDED'
  | 'PAST_DUE'
  | 'SPEND_100'
  | 'SPEND_90'
  | 'SPEND_80'
  | 'TRIAL_ENDING'
  | 'CANCEL_SCHEDULED'

export interface BillingBanner {
  kind: BillingBannerKind
  tone: 'warning' | 'error'
  /** the member may open the billing page (billing.read) */
  canReadBilling: boolean
  /** the member may fix it (billing.manage: OWNER) */
  canManage: boolean
  trialDaysLeft?: number
  trialRefused?: boolean
  /** the next dunning step (PAST_DUE) */
  nextStepAt?: Date
  nextStepDay?: number
  dataRetainedUntil?: Date | null
  periodEnd?: Date
  /** only for billing readers */
  spend?: { usedCents: number; capCents: number; percent: number }
}

/** Trial ending soon: the banner shows from this many days left. */
export const TRIAL_ENDING_DAYS = 3

export async function getBillingBanner({ actor, now = new Date() }: { actor: Actor; now?: Date }): Promise<BillingBanner | null> {
  const orgId = assertCan(actor, 'member.read')
  const canReadBilling = scopeFor(actor, 'billing.read') !== 'none'
  const canManage = scopeFor(actor, 'billing.manage') !== 'none'
  const e = await getEntitlements(orgId, { now })
  const base = { canReadBilling, canManage }
  if (e.frozen) return { ...base, kind: 'DISPUTE_FROZEN', tone: 'error' }
  if (e.state === 'READ_ONLY') return { ...base, kind: 'READ_ONLY', tone: 'error' }
  if (e.state === 'CANCELED') return { ...base, kind: 'CANCELED', tone: 'error', dataRetainedUntil: e.dataRetainedUntil }
  if (e.state === 'TRIAL_ENDED') return { ...base, kind: 'TRIAL_ENDED', tone: 'error', trialRefused: e.trial.refused }
  if (e.state === 'PAST_DUE') {
    const next = e.pastDueSince
      ? nextDunningStep({
          pastDueSince: e.pastDueSince,
          dunningDay: (await db.billingAccount.findUnique({ where: { orgId }, select: { dunningDay: true } }))?.dunningDay ?? 0,
        })
      : null
    return { ...base, kind: 'PAST_DUE', tone: 'warning', nextStepAt: next?.at, nextStepDay: next?.day }
  }
  if (canReadBilling && e.spendCapCents > 0) {
    const period = currentPeriod({ periodStart: e.period.start, periodEnd: e.period.end }, now)
    const counter = await db.spendCounter.findUnique({
      where: { orgId_periodStart: { orgId, periodStart: period.start } },
      select: { usedCents: true },
    })
    const usedCents = counter?.usedCents ?? 0
    const level = spendCapWarningLevel({ spentCents: usedCents, capCents: e.spendCapCents })
    if (level) {
      const spend = { usedCents, capCents: e.spendCapCents, percent: spendCapPercent({ spentCents: usedCents, capCents: e.spendCapCents }) }
      return { ...base, kind: `SPEND_${level}`, tone: level === 100 ? 'error' : 'warning', spend, periodEnd: period.end }
    }
  }
  if (e.trial.active && e.trial.daysLeft <= TRIAL_ENDING_DAYS)
    return { ...base, kind: 'TRIAL_ENDING', tone: 'warning', trialDaysLeft: e.trial.daysLeft }
  if (canReadBilling && e.cancelAtPeriodEnd && e.state === 'ACTIVE')
    return { ...base, kind: 'CANCEL_SCHEDULED', tone: 'warning', periodEnd: e.period.end }
  return null
}

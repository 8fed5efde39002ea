// The usage period a spend cap and its counter apply to. The billing account holds the period (Stripe's
// subscription period, or the trial's); when its end has passed and nothing moved it on (no subscription: sandbox
// checkout, a trial past its end, or a renewal webhook not in yet) the period rolls by whole months from the stored
// end, so every process computes the same period start and the (org, period_start) counter row is shared.
// The counter row itself is upserted lazily by the first reservation of the period (lib/billing/reserve-spend.ts).
import 'server-only'
import type { Tx } from '@/lib/db'

export interface Period {
  start: Date
  end: Date
}

/** `d` plus `n` calendar months in UTC; a day that does not exist in the target month clamps to its last day
 *  (Jan 31 + 1 month = Feb 28/29), like PostgreSQL's `+ interval '1 month'`. */
export function addMonthsUtc(d: Date, n: number): Date {
  const y = d.getUTCFullYear()
  const m = d.getUTCMonth() + n
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate()
  return new Date(
    Date.UTC(y, m, Math.min(d.getUTCDate(), lastDay), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()),
  )
}

/** The period containing `now`: the stored one while it lasts, then monthly periods rolled from its end. */
export function currentPeriod(account: { periodStart: Date; periodEnd: Date }, now: Date = new Date()): Period {
  if (now.getTime() < account.periodEnd.getTime()) return { start: account.periodStart, end: account.periodEnd }
  const anchor = account.periodEnd
  // months between the anchor and now, then step forward until the period contains now (at most a couple of steps)
  let k = Math.max(0, (now.getUTCFullYear() - anchor.getUTCFullYear()) * 12 + now.getUTCMonth() - anchor.getUTCMonth() - 1)
  while (addMonthsUtc(anchor, k + 1).getTime() <= now.getTime()) k++
  return { start: addMonthsUtc(anchor, k), end: addMonthsUtc(anchor, k + 1) }
}

/** The org's billing account fields the ledger needs, read in `client` (the caller's transaction or the pool). */
export async function loadBillingAccount(client: Pick<Tx, 'billingAccount'>, orgId: string) {
  const account = await client.billingAccount.findUnique({
    where: { orgId },
    select: {
      periodStart: true,
      periodEnd: true,
      spendCapCents: true,
      sandbox: true,
      stripeCustomerId: true,
      state: true,
      // what the entitlement rule reads (lib/billing/entitlements.ts computeEntitlements)
      trialEndsAt: true,
      pendingPlan: true,
      cancelAtPeriodEnd: true,
      canceledAt: true,
      dataRetainedUntil: true,
      pastDueSince: true,
      disputeFrozenAt: true,
      firstPaidAt: true,
      org: { select: { plan: true, deletedAt: true } },
    },
  })
  return account
}

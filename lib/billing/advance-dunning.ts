// The dunning clock (PRODUCT §4), run daily for every org due and right after a payment fails (job billing.dunning).
// It works from STORED dates (pastDueSince, dunningDay), and first re-reads the subscription from Stripe, so it is
// right even when a webhook was lost: a payment that succeeded restores ACTIVE at once, a failure nobody told us
// about starts the clock at the unpaid invoice's date.
//   day 0  PAST_DUE (full access): e-mail + banner
//   day 3  retry the invoice, e-mail
//   day 7  retry; still unpaid → READ_ONLY (no scans, outreach or billable work; everything readable/exportable), e-mail
//   day 14 last retry; still unpaid → the subscription is canceled → CANCELED, data kept 90 days, e-mail
// Each step runs once (guarded `dunning_day < step` update); a late run does the step that is due, not the missed ones.
import 'server-only'
import { db } from '@/lib/db'
import { assertCan, type Actor, systemActor } from '@/lib/auth/actor'
import { sendEmail } from '@/lib/email/send-email'
import { toAppError } from '@/lib/errors'
import { cancelSubscription as stripeCancel, listInvoices, payInvoice } from '@/lib/external/stripe'
import { log } from '@/lib/logger'
import { applyDunningReadOnly } from '@/lib/billing/apply-subscription-state'
import { billingPageUrl, loadAccount, ownerEmails } from '@/lib/billing/billing-account'
import { dunningSteps } from '@/lib/billing/dunning-schedule'
import { finishDowngrade } from '@/lib/billing/change-plan'
import { syncSubscription } from '@/lib/billing/sync-subscription'
import type { BillingState } from '@/lib/generated/prisma/enums'

const DAY_MS = 86_400_000
/** a renewal is due at the period end; this long after it without news, the clock re-reads Stripe */
const RENEWAL_GRACE_MS = 2 * 3600_000
export const DUNNING_STEPS = [0, 3, 7, 14] as const
export type DunningDay = (typeof DUNNING_STEPS)[number]

export interface DunningResult {
  orgId: string
  state: BillingState
  /** the step taken on this run (null = nothing due) */
  step: DunningDay | null
  retried: 'paid' | 'declined' | 'no_open_invoice' | null
  resynced: boolean
}

/** The step due `days` after the first failure. */
export function dueStep(days: number): DunningDay {
  return days >= 14 ? 14 : days >= 7 ? 7 : days >= 3 ? 3 : 0
}

const fmt = (d: Date) => d.toLocaleDateString('en-US', { month: 'long', day: 'numeric', year: 'numeric', timeZone: 'UTC' })

function dunningEmail(step: DunningDay, pastDueSince: Date, url: string, orgName: string): { subject: string; text: string } {
  const [d3, d7, d14] = dunningSteps({ pastDueSince, dunningDay: step }).map((s) => s.at)
  const update = `Update your card: ${url}`
  switch (step) {
    case 0:
      return {
        subject: `Payment failed for ${orgName} — please update your card`,
        text: `We could not charge your card for Fish Mouth. Nothing changes yet: you keep full access.\n\nWe will try again on ${fmt(d3!)}. If the invoice is still unpaid on ${fmt(d7!)}, the account becomes read-only (no new scans, outreach or billable work; everything stays viewable and exportable).\n\n${update}`,
      }
    case 3:
      return {
        subject: `Second payment attempt failed for ${orgName}`,
        text: `We tried your card again and it was declined. You still have full access.\n\nOn ${fmt(d7!)} we retry once more; if that fails the account becomes read-only until the invoice is paid.\n\n${update}`,
      }
    case 7:
      return {
        subject: `${orgName} is now read-only — payment needed`,
        text: `Your invoice is still unpaid, so the account is read-only: no new scans, outreach or billable work. Everything you have stays viewable and exportable.\n\nOn ${fmt(d14!)} we make a last attempt; if it fails the subscription is canceled (your data is kept for 90 days). Paying the invoice restores full access at once.\n\n${update}`,
      }
    case 14:
      return {
        subject: `${orgName}: subscription canceled after failed payments`,
        text: `We could not collect the unpaid invoice, so the subscription is canceled. Your data is kept for 90 days: subscribe again any time before then and everything is restored.\n\n${url}`,
      }
  }
}

async function emailOwners(orgId: string, step: DunningDay, pastDueSince: Date) {
  const account = await loadAccount(orgId)
  const { subject, text } = dunningEmail(step, pastDueSince, billingPageUrl(account.org.slug), account.org.name)
  for (const to of await ownerEmails(orgId))
    await sendEmail({
      to,
      subject,
      text,
      template: `billing-dunning-${step}`,
      dedupeKey: `dunning:${orgId}:${pastDueSince.getTime()}:${step}:${to}`,
      orgId,
    })
}

/** Retries the subscription's newest open invoice (one idempotency key per invoice and step). */
async function retryPayment(customerId: string, subscriptionId: string, step: DunningDay): Promise<DunningResult['retried']> {
  const { invoices } = await listInvoices({ customerId, subscriptionId, limit: 5 })
  const open = invoices.find((i) => i.status === 'open')
  if (!open) return 'no_open_invoice'
  try {
    await payInvoice({ invoiceId: open.id, idempotencyKey: `dunning:${open.id}:${step}` })
    return 'paid'
  } catch (err) {
    const e = toAppError(err)
    // a declined card is the expected failure; anything else (Stripe down) fails the job so it is retried
    if (e.code === 'UPSTREAM_FAILED' && (e.details as { status?: number } | undefined)?.status === 402) return 'declined'
    throw err
  }
}

export async function advanceDunning({ actor, now = new Date() }: { actor: Actor; now?: Date }): Promise<DunningResult> {
  const orgId = assertCan(actor, 'billing.read')
  let account = await loadAccount(orgId)
  const result: DunningResult = { orgId, state: account.state, step: null, retried: null, resynced: false }
  const live = !account.sandbox && !!account.stripeSubscriptionId && !!account.stripeCustomerId
  if (!live) return result
  const subscriptionId = account.stripeSubscriptionId!
  const periodEnd = account.currentPeriodEnd?.getTime() ?? Infinity
  const renewalOverdue = account.state === 'ACTIVE' && periodEnd + RENEWAL_GRACE_MS < now.getTime()
  const dunning = account.state === 'PAST_DUE' || account.state === 'READ_ONLY'
  if (dunning || renewalOverdue || (account.pendingPlan && periodEnd < now.getTime())) {
    if (account.pendingPlan && periodEnd < now.getTime()) await finishDowngrade({ subscriptionId, now })
    // what Stripe says now (a lost invoice.paid or invoice.payment_failed webhook is caught here)
    await syncSubscription({ subscriptionId, source: { kind: 'resync' } })
    result.resynced = true
    account = await loadAccount(orgId)
    result.state = account.state
  }
  if ((account.state !== 'PAST_DUE' && account.state !== 'READ_ONLY') || !account.pastDueSince) return result

  const pastDueSince = account.pastDueSince
  const step = dueStep(Math.floor((now.getTime() - pastDueSince.getTime()) / DAY_MS))
  if (step === 0) {
    await emailOwners(orgId, 0, pastDueSince) // once: the e-mail's dedupe key
    result.step = 0
    return result
  }
  // claim the step: two runs never both retry or e-mail
  const claimed = await db.billingAccount.updateMany({
    where: { orgId, dunningDay: { lt: step }, state: { in: ['PAST_DUE', 'READ_ONLY'] }, pastDueSince },
    data: { dunningDay: step },
  })
  if (!claimed.count) return result
  result.step = step
  try {
    result.retried = await retryPayment(account.stripeCustomerId!, subscriptionId, step)
  } catch (err) {
    // Stripe unreachable: give the step back so the job's retry takes it again
    await db.billingAccount.updateMany({ where: { orgId, dunningDay: step }, data: { dunningDay: account.dunningDay } })
    throw err
  }
  if (result.retried !== 'declined') {
    // paid (or nothing open any more): Stripe's subscription says what happens next — normally ACTIVE again
    await syncSubscription({ subscriptionId, source: { kind: 'resync' } })
    result.state = (await loadAccount(orgId)).state
    if (result.state !== 'PAST_DUE' && result.state !== 'READ_ONLY') return result
  }
  if (step === 14) {
    await stripeCancel({ subscriptionId, idempotencyKey: `dunning-cancel:${subscriptionId}` })
    await syncSubscription({ subscriptionId, source: { kind: 'resync' } })
  } else if (step === 7) {
    await db.$transaction((tx) => applyDunningReadOnly({ tx, orgId, day: step, now }))
  }
  result.state = (await loadAccount(orgId)).state
  await emailOwners(orgId, step, pastDueSince)
  return result
}

/** The daily run: every live account that is past due, read-only, overdue for a renewal, or whose pending downgrade
 *  reached its period end. Cross-org on purpose (a scheduler, not a tenant request): each org then runs as its own
 *  `billing` system actor. */
export async function unsafeRunDunningSweep({ now = new Date() }: { now?: Date } = {}): Promise<DunningResult[]> {
  const due = await db.billingAccount.findMany({
    where: {
      sandbox: false,
      stripeSubscriptionId: { not: null },
      org: { deletedAt: null },
      OR: [
        { state: { in: ['PAST_DUE', 'READ_ONLY'] } },
        { state: 'ACTIVE', currentPeriodEnd: { lt: new Date(now.getTime() - RENEWAL_GRACE_MS) } },
        { pendingPlan: { not: null }, currentPeriodEnd: { lt: now } },
      ],
    },
    select: { orgId: true },
    orderBy: { pastDueSince: 'asc' },
  })
  const out: DunningResult[] = []
  let failed = 0
  for (const { orgId } of due) {
    try {
      out.push(await advanceDunning({ actor: systemActor({ process: 'billing', orgId }), now }))
    } catch (err) {
      failed++
      log().warn({ err, orgId }, 'dunning run failed for an org')
    }
  }
  if (failed) throw new Error(`dunning failed for ${failed} of ${due.length} orgs (see logs); the job is retried`)
  return out
}

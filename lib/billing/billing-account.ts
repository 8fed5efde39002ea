// Shared reads for the Stripe lifecycle use cases: the org's billing account with its org, the OWNERs' e-mail
// addresses (billing mail goes to them), the billing page URL, and the plan input schema.
import 'server-only'
import { z } from 'zod'
import { db, type Tx } from '@/lib/db'
import { env } from '@/lib/env'
import { AppError, notFound } from '@/lib/errors'
import { PLAN_ORDER, type PlanId } from '@/lib/billing/plans'
import type { PaidPlanId } from '@/lib/billing/stripe-prices'

/** A plan someone can buy (the edge parses with this; the use cases check again). */
export const paidPlanSchema = z.enum(['PROFESSIONAL', 'ENTERPRISE'])

export function parsePaidPlan(plan: unknown): PaidPlanId {
  const p = paidPlanSchema.safeParse(plan)
  if (!p.success) throw new AppError('VALIDATION_FAILED', 'Choose the Professional or Enterprise plan', { details: { field: 'plan' } })
  return p.data
}

export const planRank = (plan: PlanId) => PLAN_ORDER.indexOf(plan)

export async function loadAccount(orgId: string, client: Pick<Tx, 'billingAccount'> = db) {
  const account = await client.billingAccount.findUnique({
    where: { orgId },
    include: { org: { select: { id: true, slug: true, name: true, plan: true, deletedAt: true } } },
  })
  if (!account || account.org.deletedAt) throw notFound('Organization')
  return account
}
export type LoadedAccount = Awaited<ReturnType<typeof loadAccount>>

/** Absolute URL of the org's billing page (Stripe redirects and e-mails link here). */
export function billingPageUrl(slug: string, query = ''): string {
  return `${env().APP_URL.replace(/\/$/, '')}/${slug}/settings/billing${query ? `?${query}` : ''}`
}

/** The e-mail addresses of the org's OWNERs (billing mail goes to them). */
export async function ownerEmails(orgId: string): Promise<string[]> {
  const owners = await db.membership.findMany({
    where: { orgId, role: 'OWNER' },
    select: { user: { select: { email: true } } },
    orderBy: { createdAt: 'asc' },
  })
  return owners.map((o) => o.user.email)
}

/** A live subscription the org can change (not the sandbox's, not ended). */
export function hasLiveSubscription(a: LoadedAccount): boolean {
  return !!a.stripeSubscriptionId && !a.sandbox && a.state !== 'CANCELED' && a.status !== 'canceled' && a.status !== 'incomplete_expired'
}
/** A sandbox subscription (from the sandbox checkout) that has not ended. */
export function hasSandboxSubscription(a: LoadedAccount): boolean {
  return a.sandbox && !!a.stripeSubscriptionId && a.state !== 'CANCELED'
}

// Everything the billing page shows (OWNER manages, ADMIN reads): plan and entitlements, this period's usage by kind
// from the ledger (sandbox and free rows apart: shown, never billed), the spend counter against the cap, invoices,
// lead disputes and the fees that may still be disputed, the dunning clock and the billing history (audit rows
// billing.*). Reads only; one org (the actor's).
import 'server-only'
import { Prisma } from '@/lib/generated/prisma/client'
import type { BillingState, LeadDisputeReason, LeadDisputeStatus, UsageKind } from '@/lib/generated/prisma/enums'
import { db } from '@/lib/db'
import { assertCan, type Actor } from '@/lib/auth/actor'
import { getEntitlements, type Entitlements } from '@/lib/billing/entitlements'
import { PLANS, spendCapPercent, spendCapWarningLevel, USAGE_PRICES, type PlanId } from '@/lib/billing/plans'
import { dunningSteps, type DunningStep } from '@/lib/billing/dunning-schedule'
import { currentPeriod } from '@/lib/billing/period'

export const USAGE_KIND_ORDER: readonly UsageKind[] = [
  'QUALITY_LEAD',
  'AI_CALL',
  'SMS_SEGMENT',
  'ENRICHMENT',
  'POSTCARD_4X6',
  'POSTCARD_6X9',
  'LETTER',
]

export interface UsageLine {
  kind: UsageKind
  label: string
  unit: string
  /** this plan's price per unit, cents */
  unitCents: number
  /** live units charged at the price (not free, not sandbox) */
  chargedQuantity: number
  chargedCents: number
  /** trial allowance: recorded, never billed */
  freeQuantity: number
  /** from sandbox data: recorded, never billed, never counted against the cap */
  sandboxQuantity: number
  sandboxCents: number
  /** credits this period (guarantee): negative or 0 */
  creditCents: number
}

export interface BillingInvoiceRow {
  id: string
  number: string | null
  status: string
  amountDueCents: number
  amountPaidCents: number
  taxCents: number
  currency: string
  hostedInvoiceUrl: string | null
  invoicePdfUrl: string | null
  createdAt: Date
  paidAt: Date | null
  periodStart: Date | null
  periodEnd: Date | null
}

export interface LeadDisputeRow {
  id: string
  leadId: string | null
  leadAddress: string | null
  reason: LeadDisputeReason
  note: string | null
  status: LeadDisputeStatus
  feeCents: number
  creditCents: number
  createdAt: Date
  decidedAt: Date | null
}

export interface DisputableFee {
  usageEventId: string
  leadId: string | null
  leadAddress: string | null
  amountCents: number
  occurredAt: Date
}

export interface BillingHistoryRow {
  id: string
  action: string
  at: Date
  actor: string
  before: unknown
  after: unknown
}

export interface BillingOverview {
  orgId: string
  entitlements: Entitlements
  stripe: {
    hasCustomer: boolean
    hasSubscription: boolean
    /** a subscription that has not ended (live or sandbox): plan changes, cancel and reactivate apply to it */
    subscriptionActive: boolean
    status: string | null
    currentPeriodEnd: Date | null
  }
  stateChangedAt: Date
  dunningDay: number
  /** the day 3/7/14 steps when the account is past due or read-only */
  dunning: DunningStep[] | null
  period: { start: Date; end: Date }
  spend: {
    capCents: number
    usedCents: number
    reservedCents: number
    committedCents: number
    leftCents: number
    percent: number
    warningLevel: 80 | 90 | 100 | null
  }
  usage: UsageLine[]
  /** live charges this period less credits, cents (what the period's metered invoice lines come to) */
  usageTotalCents: number
  sandboxTotalCents: number
  invoices: BillingInvoiceRow[]
  disputes: LeadDisputeRow[]
  /** quality-lead fees that can still be disputed (guarantee open, not disputed yet); newest first */
  disputableFees: DisputableFee[]
  guarantee: { endsAt: Date | null; open: boolean }
  history: BillingHistoryRow[]
  /** plans offered for a change, cheapest first (the current one included, flagged) */
  plans: { id: PlanId; current: boolean; pending: boolean }[]
}

const HISTORY_LIMIT = 50
const INVOICE_LIMIT = 24
const FEE_LIMIT = 100

type UsageSumRow = {
  kind: UsageKind
  charged_qty: bigint | null
  charged_cents: bigint | null
  free_qty: bigint | null
  sandbox_qty: bigint | null
  sandbox_cents: bigint | null
  credit_cents: bigint | null
}

const n = (v: bigint | number | null | undefined) => Number(v ?? 0)
const addr = (l: { addressLine1: string; city: string; state: string; zip: string }) => `${l.addressLine1}, ${l.city}, ${l.state} ${l.zip}`

export async function getBillingOverview({ actor, now = new Date() }: { actor: Actor; now?: Date }): Promise<BillingOverview> {
  const orgId = assertCan(actor, 'billing.read')
  const [entitlements, account] = await Promise.all([
    getEntitlements(orgId, { now }),
    db.billingAccount.findUniqueOrThrow({
      where: { orgId },
      select: {
        stripeCustomerId: true,
        stripeSubscriptionId: true,
        status: true,
        currentPeriodEnd: true,
        stateChangedAt: true,
        dunningDay: true,
        pastDueSince: true,
        state: true,
        periodStart: true,
        periodEnd: true,
        sandbox: true,
      },
    }),
  ])

  // the period every process computes the same way (lib/billing/period.ts); its counter row exists after the first
  // reservation of the period
  const period = currentPeriod(account, now)
  const counter = await db.spendCounter.findUnique({
    where: { orgId_periodStart: { orgId, periodStart: period.start } },
    select: { usedCents: true, reservedCents: true },
  })

  const [usageRows, invoices, disputes, feeRows, audits] = await Promise.all([
    db.$queryRaw<UsageSumRow[]>(Prisma.sql`
      SELECT kind,
        sum(quantity) FILTER (WHERE credit_of_id IS NULL AND NOT sandbox AND NOT free) AS charged_qty,
        sum(amount_cents) FILTER (WHERE credit_of_id IS NULL AND NOT sandbox AND NOT free) AS charged_cents,
        sum(quantity) FILTER (WHERE credit_of_id IS NULL AND free AND NOT sandbox) AS free_qty,
        sum(quantity) FILTER (WHERE credit_of_id IS NULL AND sandbox) AS sandbox_qty,
        sum(amount_cents) FILTER (WHERE credit_of_id IS NULL AND sandbox) AS sandbox_cents,
        sum(amount_cents) FILTER (WHERE credit_of_id IS NOT NULL) AS credit_cents
      FROM usage_events WHERE org_id = ${orgId}::uuid AND period_start = ${period.start}
      GROUP BY kind`),
    db.billingInvoice.findMany({
      where: { orgId },
      orderBy: { createdAt: 'desc' },
      take: INVOICE_LIMIT,
      select: {
        id: true,
        number: true,
        status: true,
        amountDueCents: true,
        amountPaidCents: true,
        taxCents: true,
        currency: true,
        hostedInvoiceUrl: true,
        invoicePdfUrl: true,
        createdAt: true,
        paidAt: true,
        periodStart: true,
        periodEnd: true,
      },
    }),
    db.leadDispute.findMany({
      where: { orgId },
      orderBy: { createdAt: 'desc' },
      take: 100,
      select: {
        id: true,
        leadId: true,
        reason: true,
        note: true,
        status: true,
        creditCents: true,
        createdAt: true,
        decidedAt: true,
        usageEvent: { select: { amountCents: true } },
      },
    }),
    entitlements.guaranteeEndsAt && entitlements.guaranteeEndsAt.getTime() > now.getTime()
      ? db.usageEvent.findMany({
          where: {
            orgId,
            kind: 'QUALITY_LEAD',
            creditOfId: null,
            sandbox: false,
            free: false,
            amountCents: { gt: 0 },
            dispute: { is: null },
            credit: { is: null },
          },
          orderBy: { occurredAt: 'desc' },
          take: FEE_LIMIT,
          select: { id: true, leadId: true, amountCents: true, occurredAt: true },
        })
      : Promise.resolve([]),
    db.auditLog.findMany({
      where: { orgId, action: { startsWith: 'billing.' } },
      orderBy: { id: 'desc' },
      take: HISTORY_LIMIT,
      select: { id: true, action: true, createdAt: true, actorType: true, actorId: true, before: true, after: true },
    }),
  ])

  const leadIds = [...new Set([...disputes.map((d) => d.leadId), ...feeRows.map((f) => f.leadId)].filter((x): x is string => !!x))]
  const userIds = [...new Set(audits.filter((a) => a.actorType === 'USER' && a.actorId).map((a) => a.actorId!))]
  const [leads, users] = await Promise.all([
    leadIds.length
      ? db.lead.findMany({
          where: { orgId, id: { in: leadIds } },
          select: { id: true, addressLine1: true, city: true, state: true, zip: true },
        })
      : Promise.resolve([]),
    userIds.length ? db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }) : Promise.resolve([]),
  ])
  const leadAddress = new Map(leads.map((l) => [l.id, addr(l)]))
  const userName = new Map(users.map((u) => [u.id, u.name]))

  const plan = PLANS[entitlements.plan]
  const byKind = new Map(usageRows.map((r) => [r.kind, r]))
  const usage: UsageLine[] = USAGE_KIND_ORDER.map((kind) => {
    const r = byKind.get(kind)
    const price = kind === 'QUALITY_LEAD' ? null : USAGE_PRICES[kind]
    return {
      kind,
      label: price?.label ?? 'Quality lead',
      unit: price?.unit ?? 'per lead scoring 60 or more, billed once',
      unitCents: price?.cents ?? plan.qualityLeadCents,
      chargedQuantity: n(r?.charged_qty),
      chargedCents: n(r?.charged_cents),
      freeQuantity: n(r?.free_qty),
      sandboxQuantity: n(r?.sandbox_qty),
      sandboxCents: n(r?.sandbox_cents),
      creditCents: n(r?.credit_cents),
    }
  })

  const capCents = entitlements.spendCapCents
  const usedCents = counter?.usedCents ?? 0
  const reservedCents = counter?.reservedCents ?? 0
  const pastDue: BillingState[] = ['PAST_DUE', 'READ_ONLY']
  const planIds = Object.keys(PLANS) as PlanId[]

  return {
    orgId,
    entitlements,
    stripe: {
      hasCustomer: account.stripeCustomerId !== null,
      hasSubscription: account.stripeSubscriptionId !== null,
      subscriptionActive:
        account.stripeSubscriptionId !== null &&
        account.state !== 'CANCELED' &&
        (account.sandbox || (account.status !== 'canceled' && account.status !== 'incomplete_expired')),
      status: account.status,
      currentPeriodEnd: account.currentPeriodEnd,
    },
    stateChangedAt: account.stateChangedAt,
    dunningDay: account.dunningDay,
    dunning:
      pastDue.includes(account.state) && account.pastDueSince
        ? dunningSteps({ pastDueSince: account.pastDueSince, dunningDay: account.dunningDay })
        : null,
    period,
    spend: {
      capCents,
      usedCents,
      reservedCents,
      committedCents: usedCents - reservedCents,
      leftCents: Math.max(0, capCents - usedCents),
      percent: spendCapPercent({ spentCents: usedCents, capCents }),
      warningLevel: spendCapWarningLevel({ spentCents: usedCents, capCents }),
    },
    usage,
    usageTotalCents: usage.reduce((s, u) => s + u.chargedCents + u.creditCents, 0),
    sandboxTotalCents: usage.reduce((s, u) => s + u.sandboxCents, 0),
    invoices,
    disputes: disputes.map((d) => ({
      id: d.id,
      leadId: d.leadId,
      leadAddress: d.leadId ? (leadAddress.get(d.leadId) ?? null) : null,
      reason: d.reason,
      note: d.note,
      status: d.status,
      feeCents: d.usageEvent.amountCents,
      creditCents: d.creditCents,
      createdAt: d.createdAt,
      decidedAt: d.decidedAt,
    })),
    disputableFees: feeRows.map((f) => ({
      usageEventId: f.id,
      leadId: f.leadId,
      leadAddress: f.leadId ? (leadAddress.get(f.leadId) ?? null) : null,
      amountCents: f.amountCents,
      occurredAt: f.occurredAt,
    })),
    guarantee: {
      endsAt: entitlements.guaranteeEndsAt,
      open: !!entitlements.guaranteeEndsAt && entitlements.guaranteeEndsAt.getTime() > now.getTime(),
    },
    history: audits.map((a) => ({
      id: String(a.id),
      action: a.action,
      at: a.createdAt,
      actor:
        a.actorType === 'USER'
          ? (userName.get(a.actorId ?? '') ?? 'A member')
          : a.actorType === 'STAFF'
            ? 'Fish Mouth support'
            : a.actorType === 'API_KEY'
              ? 'An API key'
              : 'Fish Mouth billing',
      before: a.before,
      after: a.after,
    })),
    plans: planIds.map((id) => ({ id, current: id === entitlements.plan, pending: id === entitlements.pendingPlan })),
  }
}

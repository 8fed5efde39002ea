// The staff revenue console's queries (/admin/billing; staff.console.read — STAFF_SUPPORT and STAFF_ADMIN read). Every
// query here runs across organizations on purpose: the console is the platform's own view of revenue ("unsafe" =
// unscoped by org, staff only). Definitions (UTC calendar month, sandbox subscriptions never count as revenue):
// - paying org: plan PROFESSIONAL/ENTERPRISE, state ACTIVE or PAST_DUE, a Stripe subscription, not sandbox
// - MRR: sum of the paying orgs' plan prices (lib/billing/plans.ts)
// - churn: paying orgs canceled this month / paying orgs at the month's start, where "at the start" is reconstructed
//   as paying now + canceled this month − first paid this month
// - ARPU: (MRR + this month's billable usage − credits) / paying orgs
// - trials converting: trials that ended this month (trial_ends_at in the month, up to now) that have a first paid invoice
// - staff credits and refunds this month: billing_adjustments DONE this month, not sandbox (shown beside ARPU, which
//   stays MRR + usage; a credit lowers future invoices, a refund gives back money already collected)
import 'server-only'
import { Prisma } from '@/lib/generated/prisma/client'
import type {
  BillingAdjustmentKind,
  BillingAdjustmentStatus,
  BillingState,
  LeadDisputeReason,
  OrgPlan,
  UsageKind,
} from '@/lib/generated/prisma/enums'
import { db } from '@/lib/db'
import { assertStaffCan, type Actor } from '@/lib/auth/actor'
import { PLANS, spendCapPercent } from '@/lib/billing/plans'

export interface RevenueSummary {
  monthStart: Date
  now: Date
  payingOrgs: number
  payingByPlan: { PROFESSIONAL: number; ENTERPRISE: number }
  mrrCents: number
  /** billable usage this month less credits, cents */
  usageCents: number
  arpuCents: number | null
  churn: { canceled: number; atStart: number; rate: number | null }
  trials: { ended: number; converted: number; rate: number | null; active: number }
  /** sandbox-checkout subscriptions (labelled; never revenue) */
  sandboxPaidOrgs: number
  /** staff credits and refunds DONE this month (not sandbox), cents */
  adjustments: { creditsCents: number; refundsCents: number }
}

export interface FailedPaymentOrg {
  orgId: string
  orgName: string
  orgSlug: string
  plan: OrgPlan
  state: BillingState
  pastDueSince: Date | null
  dunningDay: number
}

export interface FailedInvoice {
  id: string
  orgId: string
  orgName: string
  number: string | null
  status: string
  amountDueCents: number
  attemptCount: number
  nextAttemptAt: Date | null
  createdAt: Date
  hostedInvoiceUrl: string | null
}

export interface OrgUsageRow {
  orgId: string
  orgName: string
  orgSlug: string
  plan: OrgPlan
  state: BillingState
  sandbox: boolean
  frozen: boolean
  periodStart: Date
  periodEnd: Date
  usedCents: number
  reservedCents: number
  capCents: number
  percent: number
  qualityLeads: number
  billableCents: number
}

export interface StaffAlertRow {
  id: string
  orgId: string | null
  orgName: string | null
  kind: string
  severity: string
  title: string
  body: string
  createdAt: Date
}

export interface DisputeReviewRow {
  id: string
  orgId: string
  orgName: string
  leadId: string | null
  leadAddress: string | null
  reason: LeadDisputeReason
  note: string | null
  feeCents: number
  createdAt: Date
}

export interface CreditRow {
  id: string
  orgId: string
  orgName: string
  kind: UsageKind
  identifier: string
  amountCents: number
  createdAt: Date
  disputeReason: LeadDisputeReason | null
}

/** A staff credit or refund (billing_adjustments), newest first. */
export interface AdjustmentRow {
  id: string
  orgId: string
  orgName: string
  kind: BillingAdjustmentKind
  amountCents: number
  reason: string
  note: string
  invoiceId: string | null
  invoiceNumber: string | null
  status: BillingAdjustmentStatus
  error: string | null
  sandbox: boolean
  stripeObjectId: string | null
  createdAt: Date
  completedAt: Date | null
  /** the staff member who issued it */
  createdBy: { id: string; name: string | null; email: string } | null
}

/** A paid invoice and what is left to refund of it (PENDING and DONE refunds count). */
export interface PaidInvoiceRow {
  id: string
  orgId: string
  orgName: string
  number: string | null
  paidCents: number
  refundedCents: number
  refundableCents: number
  paidAt: Date | null
  hostedInvoiceUrl: string | null
  sandbox: boolean
}

/** An org staff can credit: it has a Stripe customer, or its account is sandbox (recorded, labelled, never billed). */
export interface CreditTargetRow {
  orgId: string
  orgName: string
  orgSlug: string
  sandbox: boolean
}

export interface FrozenOrgRow {
  orgId: string
  orgName: string
  frozenAt: Date
  disputes: { stripeDisputeId: string; amountCents: number; reason: string | null; status: string; createdAt: Date }[]
}

export interface StaffRevenueConsole {
  summary: RevenueSummary
  failedPaymentOrgs: FailedPaymentOrg[]
  failedInvoices: FailedInvoice[]
  usage: OrgUsageRow[]
  alerts: StaffAlertRow[]
  disputeQueue: DisputeReviewRow[]
  credits: CreditRow[]
  frozenOrgs: FrozenOrgRow[]
  adjustments: AdjustmentRow[]
  paidInvoices: PaidInvoiceRow[]
  creditTargets: CreditTargetRow[]
}

const LIST_LIMIT = 100
const n = (v: bigint | number | null | undefined) => Number(v ?? 0)
const ratio = (a: number, b: number) => (b > 0 ? a / b : null)

export function monthStartUtc(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1))
}

/** The revenue numbers (see the definitions at the top). */
export async function unsafeGetRevenueSummary({ actor, now = new Date() }: { actor: Actor; now?: Date }): Promise<RevenueSummary> {
  assertStaffCan(actor, 'staff.console.read')
  const monthStart = monthStartUtc(now)
  const [row] = await db.$queryRaw<
    {
      paying_pro: bigint
      paying_ent: bigint
      canceled: bigint
      first_paid: bigint
      trials_ended: bigint
      trials_converted: bigint
      trials_active: bigint
      sandbox_paid: bigint
      usage_cents: bigint | null
      credits_cents: bigint | null
      refunds_cents: bigint | null
    }[]
  >(Prisma.sql`
    SELECT
      count(*) FILTER (WHERE o.plan = 'PROFESSIONAL' AND b.state IN ('ACTIVE', 'PAST_DUE') AND b.stripe_subscription_id IS NOT NULL AND NOT b.sandbox) AS paying_pro,
      count(*) FILTER (WHERE o.plan = 'ENTERPRISE' AND b.state IN ('ACTIVE', 'PAST_DUE') AND b.stripe_subscription_id IS NOT NULL AND NOT b.sandbox) AS paying_ent,
      count(*) FILTER (WHERE b.state = 'CANCELED' AND b.canceled_at >= ${monthStart} AND b.canceled_at <= ${now} AND NOT b.sandbox AND b.first_paid_at IS NOT NULL) AS canceled,
      count(*) FILTER (WHERE b.first_paid_at >= ${monthStart} AND b.first_paid_at <= ${now} AND NOT b.sandbox
                         AND b.state IN ('ACTIVE', 'PAST_DUE') AND b.stripe_subscription_id IS NOT NULL) AS first_paid,
      count(*) FILTER (WHERE b.trial_ends_at >= ${monthStart} AND b.trial_ends_at <= ${now}) AS trials_ended,
      count(*) FILTER (WHERE b.trial_ends_at >= ${monthStart} AND b.trial_ends_at <= ${now} AND b.first_paid_at IS NOT NULL) AS trials_converted,
      count(*) FILTER (WHERE b.state = 'TRIALING' AND b.trial_ends_at > ${now}) AS trials_active,
      count(*) FILTER (WHERE b.sandbox AND b.state IN ('ACTIVE', 'PAST_DUE') AND o.plan <> 'TRIAL') AS sandbox_paid,
      (SELECT sum(u.amount_cents) FROM usage_events u
        WHERE u.created_at >= ${monthStart} AND u.created_at <= ${now} AND NOT u.sandbox AND (u.billable OR u.credit_of_id IS NOT NULL)) AS usage_cents,
      (SELECT sum(a.amount_cents) FROM billing_adjustments a
        WHERE a.kind = 'CREDIT' AND a.status = 'DONE' AND NOT a.sandbox AND a.completed_at >= ${monthStart} AND a.completed_at <= ${now}) AS credits_cents,
      (SELECT sum(a.amount_cents) FROM billing_adjustments a
        WHERE a.kind = 'REFUND' AND a.status = 'DONE' AND NOT a.sandbox AND a.completed_at >= ${monthStart} AND a.completed_at <= ${now}) AS refunds_cents
    FROM billing_accounts b JOIN organizations o ON o.id = b.org_id
    WHERE o.deleted_at IS NULL`)
  const pro = n(row?.paying_pro)
  const ent = n(row?.paying_ent)
  const paying = pro + ent
  const mrrCents = pro * PLANS.PROFESSIONAL.priceCents + ent * PLANS.ENTERPRISE.priceCents
  const usageCents = n(row?.usage_cents)
  const canceled = n(row?.canceled)
  const atStart = Math.max(0, paying + canceled - n(row?.first_paid))
  const ended = n(row?.trials_ended)
  const converted = n(row?.trials_converted)
  return {
    monthStart,
    now,
    payingOrgs: paying,
    payingByPlan: { PROFESSIONAL: pro, ENTERPRISE: ent },
    mrrCents,
    usageCents,
    arpuCents: paying > 0 ? Math.round((mrrCents + usageCents) / paying) : null,
    churn: { canceled, atStart, rate: ratio(canceled, atStart) },
    trials: { ended, converted, rate: ratio(converted, ended), active: n(row?.trials_active) },
    sandboxPaidOrgs: n(row?.sandbox_paid),
    adjustments: { creditsCents: n(row?.credits_cents), refundsCents: n(row?.refunds_cents) },
  }
}

/** The whole console: summary, failed payments, usage per org this period, open alerts, the dispute queue, credits,
 *  staff credits and refunds, the paid invoices staff may refund and the orgs they may credit. */
export async function unsafeGetStaffRevenueConsole({
  actor,
  now = new Date(),
}: {
  actor: Actor
  now?: Date
}): Promise<StaffRevenueConsole> {
  assertStaffCan(actor, 'staff.console.read')
  const [summary, failedPaymentOrgs, failedInvoices, usage, alerts, disputes, credits, frozen, adjustments, paidInvoices, creditTargets] =
    await Promise.all([
      unsafeGetRevenueSummary({ actor, now }),
      db.billingAccount.findMany({
        where: { state: { in: ['PAST_DUE', 'READ_ONLY'] }, org: { deletedAt: null } },
        orderBy: { pastDueSince: 'asc' },
        take: LIST_LIMIT,
        select: { orgId: true, state: true, pastDueSince: true, dunningDay: true, org: { select: { name: true, slug: true, plan: true } } },
      }),
      db.billingInvoice.findMany({
        where: { status: { in: ['open', 'uncollectible'] }, attemptCount: { gt: 0 } },
        orderBy: { createdAt: 'desc' },
        take: LIST_LIMIT,
        select: {
          id: true,
          orgId: true,
          number: true,
          status: true,
          amountDueCents: true,
          attemptCount: true,
          nextAttemptAt: true,
          createdAt: true,
          hostedInvoiceUrl: true,
          org: { select: { name: true } },
        },
      }),
      db.$queryRaw<
        {
          org_id: string
          name: string
          slug: string
          plan: OrgPlan
          state: BillingState
          sandbox: boolean
          frozen: boolean
          period_start: Date
          period_end: Date
          used_cents: number
          reserved_cents: number
          cap_cents: number
          quality_leads: bigint | null
          billable_cents: bigint | null
        }[]
      >(Prisma.sql`
      SELECT o.id AS org_id, o.name, o.slug, o.plan, b.state, b.sandbox, b.dispute_frozen_at IS NOT NULL AS frozen,
             c.period_start, c.period_end, c.used_cents, c.reserved_cents, b.spend_cap_cents AS cap_cents,
             (SELECT count(*) FROM usage_events u WHERE u.org_id = c.org_id AND u.period_start = c.period_start
                AND u.kind = 'QUALITY_LEAD' AND u.credit_of_id IS NULL AND NOT u.sandbox) AS quality_leads,
             (SELECT sum(u.amount_cents) FROM usage_events u WHERE u.org_id = c.org_id AND u.period_start = c.period_start
                AND (u.billable OR u.credit_of_id IS NOT NULL) AND NOT u.sandbox) AS billable_cents
      FROM (
        -- each org's current counter: the newest period containing now (an upgrade starts a new period while the
        -- trial's counter may still run)
        SELECT DISTINCT ON (org_id) * FROM spend_counters
        WHERE period_start <= ${now} AND period_end > ${now}
        ORDER BY org_id, period_start DESC
      ) c
      JOIN billing_accounts b ON b.org_id = c.org_id
      JOIN organizations o ON o.id = c.org_id AND o.deleted_at IS NULL
      ORDER BY c.used_cents DESC, o.name
      LIMIT ${LIST_LIMIT}`),
      db.staffAlert.findMany({
        where: { resolvedAt: null },
        orderBy: { createdAt: 'desc' },
        take: LIST_LIMIT,
        select: {
          id: true,
          orgId: true,
          kind: true,
          severity: true,
          title: true,
          body: true,
          createdAt: true,
          org: { select: { name: true } },
        },
      }),
      db.leadDispute.findMany({
        where: { status: 'OPEN' },
        orderBy: { createdAt: 'asc' },
        take: LIST_LIMIT,
        select: {
          id: true,
          orgId: true,
          leadId: true,
          reason: true,
          note: true,
          createdAt: true,
          org: { select: { name: true } },
          usageEvent: { select: { amountCents: true } },
        },
      }),
      db.usageEvent.findMany({
        where: { creditOfId: { not: null } },
        orderBy: { createdAt: 'desc' },
        take: LIST_LIMIT,
        select: {
          id: true,
          orgId: true,
          kind: true,
          identifier: true,
          amountCents: true,
          createdAt: true,
          org: { select: { name: true } },
          creditOf: { select: { dispute: { select: { reason: true } } } },
        },
      }),
      db.billingAccount.findMany({
        where: { disputeFrozenAt: { not: null }, org: { deletedAt: null } },
        orderBy: { disputeFrozenAt: 'asc' },
        take: LIST_LIMIT,
        select: {
          orgId: true,
          disputeFrozenAt: true,
          org: {
            select: {
              name: true,
              paymentDisputes: {
                orderBy: { createdAt: 'desc' },
                take: 5,
                select: { stripeDisputeId: true, amountCents: true, reason: true, status: true, createdAt: true },
              },
            },
          },
        },
      }),
      db.billingAdjustment.findMany({
        orderBy: { createdAt: 'desc' },
        take: LIST_LIMIT,
        select: {
          id: true,
          orgId: true,
          kind: true,
          amountCents: true,
          reason: true,
          note: true,
          invoiceId: true,
          status: true,
          error: true,
          sandbox: true,
          stripeObjectId: true,
          createdAt: true,
          completedAt: true,
          createdById: true,
          org: { select: { name: true } },
          invoice: { select: { number: true } },
        },
      }),
      db.$queryRaw<
        {
          id: string
          org_id: string
          org_name: string
          number: string | null
          paid_cents: number
          refunded_cents: bigint | null
          paid_at: Date | null
          hosted_invoice_url: string | null
          sandbox: boolean
        }[]
      >(Prisma.sql`
      SELECT i.id, i.org_id, o.name AS org_name, i.number, i.amount_paid_cents AS paid_cents, i.paid_at, i.hosted_invoice_url,
             b.sandbox,
             (SELECT sum(a.amount_cents) FROM billing_adjustments a
               WHERE a.invoice_id = i.id AND a.kind = 'REFUND' AND a.status IN ('PENDING', 'DONE')) AS refunded_cents
      FROM billing_invoices i
      JOIN organizations o ON o.id = i.org_id AND o.deleted_at IS NULL
      JOIN billing_accounts b ON b.org_id = i.org_id
      WHERE i.status = 'paid' AND i.amount_paid_cents > 0
      ORDER BY i.paid_at DESC NULLS LAST, i.created_at DESC
      LIMIT ${LIST_LIMIT}`),
      db.billingAccount.findMany({
        where: { OR: [{ stripeCustomerId: { not: null } }, { sandbox: true }], org: { deletedAt: null } },
        orderBy: { org: { name: 'asc' } },
        take: 500,
        select: { orgId: true, sandbox: true, org: { select: { name: true, slug: true } } },
      }),
    ])

  const staffIds = [...new Set(adjustments.map((a) => a.createdById))]
  const staffUsers = staffIds.length
    ? await db.user.findMany({ where: { id: { in: staffIds } }, select: { id: true, name: true, email: true } })
    : []
  const staffById = new Map(staffUsers.map((u) => [u.id, u]))

  const leadIds = disputes.map((d) => d.leadId).filter((x): x is string => !!x)
  const leads = leadIds.length
    ? await db.lead.findMany({
        where: { id: { in: leadIds } },
        select: { id: true, orgId: true, addressLine1: true, city: true, state: true, zip: true },
      })
    : []
  // a lead's address only answers for the org of the dispute (same-org trigger on disputes; checked again here)
  const leadAddress = new Map(leads.map((l) => [`${l.orgId}:${l.id}`, `${l.addressLine1}, ${l.city}, ${l.state} ${l.zip}`]))

  return {
    summary,
    failedPaymentOrgs: failedPaymentOrgs.map((a) => ({
      orgId: a.orgId,
      orgName: a.org.name,
      orgSlug: a.org.slug,
      plan: a.org.plan,
      state: a.state,
      pastDueSince: a.pastDueSince,
      dunningDay: a.dunningDay,
    })),
    failedInvoices: failedInvoices.map(({ org, ...i }) => ({ ...i, orgName: org.name })),
    usage: usage.map((u) => ({
      orgId: u.org_id,
      orgName: u.name,
      orgSlug: u.slug,
      plan: u.plan,
      state: u.state,
      sandbox: u.sandbox,
      frozen: u.frozen,
      periodStart: u.period_start,
      periodEnd: u.period_end,
      usedCents: u.used_cents,
      reservedCents: u.reserved_cents,
      capCents: u.cap_cents,
      percent: spendCapPercent({ spentCents: u.used_cents, capCents: u.cap_cents }),
      qualityLeads: n(u.quality_leads),
      billableCents: n(u.billable_cents),
    })),
    alerts: alerts.map(({ org, ...a }) => ({ ...a, orgName: org?.name ?? null })),
    disputeQueue: disputes.map((d) => ({
      id: d.id,
      orgId: d.orgId,
      orgName: d.org.name,
      leadId: d.leadId,
      leadAddress: d.leadId ? (leadAddress.get(`${d.orgId}:${d.leadId}`) ?? null) : null,
      reason: d.reason,
      note: d.note,
      feeCents: d.usageEvent.amountCents,
      createdAt: d.createdAt,
    })),
    credits: credits.map((c) => ({
      id: c.id,
      orgId: c.orgId,
      orgName: c.org.name,
      kind: c.kind,
      identifier: c.identifier,
      amountCents: c.amountCents,
      createdAt: c.createdAt,
      disputeReason: c.creditOf?.dispute?.reason ?? null,
    })),
    frozenOrgs: frozen.map((f) => ({ orgId: f.orgId, orgName: f.org.name, frozenAt: f.disputeFrozenAt!, disputes: f.org.paymentDisputes })),
    adjustments: adjustments.map(({ org, invoice, createdById, ...a }) => ({
      ...a,
      orgName: org.name,
      invoiceNumber: invoice?.number ?? null,
      createdBy: staffById.get(createdById) ?? null,
    })),
    paidInvoices: paidInvoices.map((i) => {
      const refunded = n(i.refunded_cents)
      return {
        id: i.id,
        orgId: i.org_id,
        orgName: i.org_name,
        number: i.number,
        paidCents: i.paid_cents,
        refundedCents: refunded,
        refundableCents: Math.max(0, i.paid_cents - refunded),
        paidAt: i.paid_at,
        hostedInvoiceUrl: i.hosted_invoice_url,
        sandbox: i.sandbox,
      }
    }),
    creditTargets: creditTargets.map((t) => ({ orgId: t.orgId, orgName: t.org.name, orgSlug: t.org.slug, sandbox: t.sandbox })),
  }
}

// The daily reconciliation (job billing.reconcile): for every org with billable ledger rows in the last 35 days
// (as far back as Stripe accepts meter events), compare the ledger with what was delivered:
//   - per identifier: every billable row has its METER outbox message and that message was accepted (sent, or
//     delivered in sandbox); a row missing or stuck shows up by name;
//   - per meter and customer (Stripe live): the sum of the ledger's quantities equals Stripe's meter event summary
//     for the same window (meter events carry the ledger row's occurred_at as their timestamp).
// The run is one billing_reconciliations row; any org with a difference gets ONE staff_alerts row per day
// (dedupe key billing-reconcile:<org>:<day>). The window ends an hour ago so messages in flight are not flagged.
import 'server-only'
import { Prisma } from '@/lib/generated/prisma/client'
import { db } from '@/lib/db'
import { log } from '@/lib/logger'
import { isStripeLive, listMeters, meterEventSummary } from '@/lib/external/stripe'
import { METER_EVENT_NAMES, type LedgerKind } from '@/lib/billing/plans'

export const RECONCILE_DAYS = 35
/** rows newer than this are still in flight (the outbox retries for minutes): checked on the next run */
export const RECONCILE_SETTLE_MS = 60 * 60 * 1000
const MAX_LISTED = 20

export interface OrgReconciliation {
  orgId: string
  customerId: string | null
  ledgerRows: number
  /** billable rows whose meter message is missing or not (yet) accepted */
  undelivered: number
  undeliveredIdentifiers: string[]
  /** live Stripe only: per event name, the ledger's sum and Stripe's */
  meters: Array<{ eventName: string; ledgerValue: number; stripeValue: number | null }>
  ok: boolean
}

export interface ReconcileResult {
  id: string
  orgs: number
  ledgerRows: number
  mismatches: number
  mode: 'stripe' | 'sandbox'
  details: OrgReconciliation[]
}

const minute = (ms: number) => new Date(Math.floor(ms / 60_000) * 60_000)

/** Unscoped on purpose: a platform job over every org's ledger. */
export async function unsafeReconcileUsage({ now = new Date() }: { now?: Date } = {}): Promise<ReconcileResult> {
  const start = minute(now.getTime() - RECONCILE_DAYS * 86_400_000)
  const end = minute(now.getTime() - RECONCILE_SETTLE_MS)
  const live = isStripeLive()

  const rows = await db.$queryRaw<Array<{ org_id: string; kind: LedgerKind; rows: number; value: number; undelivered: number }>>`
    SELECT u.org_id, u.kind::text AS kind, count(*)::int AS rows, sum(u.quantity)::int AS value,
           count(*) FILTER (WHERE o.id IS NULL OR o.status NOT IN ('sent', 'delivered'))::int AS undelivered
      FROM usage_events u
      LEFT JOIN outbox_messages o ON o.dedupe_key = u.identifier AND o.channel = 'METER'
     WHERE u.billable AND u.occurred_at >= ${start} AND u.occurred_at < ${end}
     GROUP BY u.org_id, u.kind
     ORDER BY u.org_id, u.kind`
  const orgIds = [...new Set(rows.map((r) => r.org_id))]
  const accounts = orgIds.length
    ? await db.billingAccount.findMany({ where: { orgId: { in: orgIds } }, select: { orgId: true, stripeCustomerId: true } })
    : []
  const customerOf = new Map(accounts.map((a) => [a.orgId, a.stripeCustomerId]))
  const meterIds = new Map<string, string>()
  if (live && orgIds.length) for (const m of (await listMeters()).meters) meterIds.set(m.eventName, m.id)

  const details: OrgReconciliation[] = []
  for (const orgId of orgIds) {
    const mine = rows.filter((r) => r.org_id === orgId)
    const customerId = customerOf.get(orgId) ?? null
    const undelivered = mine.reduce((n, r) => n + r.undelivered, 0)
    const undeliveredIdentifiers = undelivered
      ? (
          await db.$queryRaw<Array<{ identifier: string }>>`
            SELECT u.identifier FROM usage_events u
              LEFT JOIN outbox_messages o ON o.dedupe_key = u.identifier AND o.channel = 'METER'
             WHERE u.org_id = ${orgId}::uuid AND u.billable AND u.occurred_at >= ${start} AND u.occurred_at < ${end}
               AND (o.id IS NULL OR o.status NOT IN ('sent', 'delivered'))
             ORDER BY u.occurred_at LIMIT ${MAX_LISTED}`
        ).map((r) => r.identifier)
      : []
    const meters: OrgReconciliation['meters'] = []
    for (const r of mine) {
      const eventName = METER_EVENT_NAMES[r.kind]
      let stripeValue: number | null = null
      if (live && customerId) {
        const meterId = meterIds.get(eventName)
        stripeValue = meterId ? (await meterEventSummary({ meterId, customerId, start, end })).value : 0
      }
      meters.push({ eventName, ledgerValue: r.value, stripeValue })
    }
    const ok = undelivered === 0 && meters.every((m) => m.stripeValue === null || m.stripeValue === m.ledgerValue)
    details.push({ orgId, customerId, ledgerRows: mine.reduce((n, r) => n + r.rows, 0), undelivered, undeliveredIdentifiers, meters, ok })
  }

  const mismatched = details.filter((d) => !d.ok)
  const day = now.toISOString().slice(0, 10)
  const recorded = await db.$transaction(async (tx) => {
    const run = await tx.billingReconciliation.create({
      data: {
        ranAt: now,
        orgs: details.length,
        ledgerRows: details.reduce((n, d) => n + d.ledgerRows, 0),
        mismatches: mismatched.length,
        details: JSON.parse(JSON.stringify({ mode: live ? 'stripe' : 'sandbox', start, end, orgs: details })) as Prisma.InputJsonValue,
      },
      select: { id: true },
    })
    if (mismatched.length) {
      await tx.staffAlert.createMany({
        data: mismatched.map((d) => ({
          orgId: d.orgId,
          kind: 'billing.reconcile',
          severity: 'critical',
          title: 'Usage ledger and Stripe disagree',
          body: [
            d.undelivered ? `${d.undelivered} billable ledger row(s) not accepted by Stripe yet` : null,
            ...d.meters
              .filter((m) => m.stripeValue !== null && m.stripeValue !== m.ledgerValue)
              .map((m) => `${m.eventName}: ledger ${m.ledgerValue}, Stripe ${m.stripeValue}`),
          ]
            .filter(Boolean)
            .join('; ')
            .slice(0, 4000),
          details: JSON.parse(JSON.stringify({ ...d, reconciliationId: run.id, start, end })) as Prisma.InputJsonValue,
          dedupeKey: `billing-reconcile:${d.orgId}:${day}`,
        })),
        skipDuplicates: true,
      })
    }
    return run
  })
  if (mismatched.length)
    log().warn({ mismatches: mismatched.length, reconciliationId: recorded.id }, 'billing reconciliation found differences')
  return {
    id: recorded.id,
    orgs: details.length,
    ledgerRows: details.reduce((n, d) => n + d.ledgerRows, 0),
    mismatches: mismatched.length,
    mode: live ? 'stripe' : 'sandbox',
    details,
  }
}

// A hold on the org's monthly spend cap, taken BEFORE billable work (a provider call, a quality lead). The cap
// check and the increment are ONE guarded UPDATE of the period's counter row, so any number of concurrent
// reservations can never take the counter past the cap (PostgreSQL's row lock orders them; each re-checks the
// condition on the row it finally updates). Committed into the ledger by commit-spend.ts, given back by
// releaseSpend (or by the stale-reservation sweeper when the process died in between).
//
// Sandbox data reserves nothing (recorded as sandbox, never counted, never billed). On the Trial plan a quality
// lead takes from the free allowance (guarded the same way) and is refused with TRIAL_LIMIT when none is left.
// The same identifier twice returns the first reservation (idempotent), so a retried job never holds twice.
import 'server-only'
import { z } from 'zod'
import { db, type Tx } from '@/lib/db'
import { env } from '@/lib/env'
import { AppError } from '@/lib/errors'
import { billingBlockedError, computeEntitlements } from '@/lib/billing/entitlements'
import { currentPeriod, loadBillingAccount } from '@/lib/billing/period'
import { formatCents, getPlan, unitCentsFor, type LedgerKind } from '@/lib/billing/plans'
import { noteSpendThreshold, prepareSpendWarnings } from '@/lib/billing/spend-warnings'

export const LEDGER_KINDS = [
  'QUALITY_LEAD',
  'AI_CALL',
  'SMS_SEGMENT',
  'ENRICHMENT',
  'POSTCARD_4X6',
  'POSTCARD_6X9',
  'LETTER',
] as const satisfies readonly LedgerKind[]

export const reserveSpendInput = z.object({
  orgId: z.uuid(),
  kind: z.enum(LEDGER_KINDS),
  quantity: z.number().int().min(1).max(1_000_000),
  /** the ledger identifier the work commits as ("lead:<id>", "sms:<message id>"); unique per org for ever */
  identifier: z.string().trim().min(1).max(100),
  /** the work runs on sandbox data: recorded, never counted, never billed */
  sandbox: z.boolean(),
})
export type ReserveSpendInput = z.input<typeof reserveSpendInput>

export interface Reservation {
  reservationId: string
  amountCents: number
  /** taken from the trial's free allowance (never billed) */
  free: boolean
  sandbox: boolean
}

interface ReservationRow {
  id: string
  status: 'RESERVED' | 'COMMITTED' | 'RELEASED'
  amount_cents: number
  free: boolean
  sandbox: boolean
  quantity: number
  kind: LedgerKind
  period_start: Date
}

/** Make sure the counter row of the period exists (the guarded UPDATE needs a row to update); true when it was
 *  created now. */
export async function ensureCounter(tx: Tx, orgId: string, period: { start: Date; end: Date }): Promise<boolean> {
  const n = await tx.$executeRaw`
    INSERT INTO spend_counters (org_id, period_start, period_end, updated_at)
    VALUES (${orgId}::uuid, ${period.start}, ${period.end}, now())
    ON CONFLICT (org_id, period_start) DO NOTHING`
  return n === 1
}

export const billingUrl = (orgSlug: string) => new URL(`/${orgSlug}/settings/billing`, env().APP_URL).toString()

/**
 * Reserve `quantity` units of `kind` for the org. With `tx`, inside the caller's transaction (the hold commits or
 * rolls back with the work it is for; call `prepareSpendWarnings()` before opening it); without, in its own.
 * Refusals: FORBIDDEN BILLING_READ_ONLY / DISPUTE_FROZEN (entitlements), QUOTA_EXCEEDED TRIAL_LIMIT or SPEND_CAP.
 */
export async function reserveSpend({ tx, ...raw }: ReserveSpendInput & { tx?: Tx }): Promise<Reservation> {
  const input = reserveSpendInput.parse(raw)
  if (tx) return reserveIn(tx, input)
  await prepareSpendWarnings()
  return db.$transaction((t) => reserveIn(t, input), { maxWait: 10_000, timeout: 15_000 })
}

async function reserveIn(tx: Tx, input: z.output<typeof reserveSpendInput>): Promise<Reservation> {
  const { orgId, kind, quantity, identifier, sandbox } = input
  const existing = await findReservation(tx, orgId, identifier)
  if (existing && existing.status !== 'RELEASED') return toReservation(existing)

  const account = await loadBillingAccount(tx, orgId)
  if (!account || account.org.deletedAt) throw new AppError('NOT_FOUND', 'Organization not found')
  // assertBillableWorkAllowed's rule (read-only states, dispute freeze), applied to the account row read above: the
  // same pure function, without the seat and allowance counts it does not need (one query on the hot path, not five)
  const e = computeEntitlements({
    orgId,
    plan: account.org.plan,
    account,
    freeLeadsUsed: 0,
    members: 0,
    pendingInvitations: 0,
    now: new Date(),
  })
  if (e.blockedReason) throw billingBlockedError(e, 'billable')
  const plan = getPlan(account.org.plan)
  const period = currentPeriod(account)
  const unitCents = unitCentsFor({ plan: plan.id, kind })
  const amountCents = unitCents * quantity

  let free = false
  if (!sandbox) {
    if (kind === 'QUALITY_LEAD' && plan.freeQualityLeads > 0) {
      await ensureCounter(tx, orgId, period)
      const took = await tx.$executeRaw`
        UPDATE spend_counters SET free_quality_leads_used = free_quality_leads_used + ${quantity}, updated_at = now()
         WHERE org_id = ${orgId}::uuid AND period_start = ${period.start}
           AND free_quality_leads_used + ${quantity} <= ${plan.freeQualityLeads}`
      if (took === 1) free = true
      else if (plan.blockAfterFreeLeads) {
        const slug = await orgSlug(tx, orgId)
        throw new AppError(
          'QUOTA_EXCEEDED',
          `Your trial’s ${plan.freeQualityLeads} free quality leads are used. Choose a plan to keep finding quality leads.`,
          { details: { reason: 'TRIAL_LIMIT', freeQualityLeads: plan.freeQualityLeads, upgradeUrl: billingUrl(slug) } },
        )
      }
    }
  }

  // the reservation row first: a concurrent reservation of the same identifier waits here and then finds ours
  const row = await upsertReservation(tx, { orgId, kind, quantity, unitCents, amountCents, identifier, period, free, sandbox, existing })
  if (!row) {
    // lost the race for this identifier to a concurrent caller: theirs is the reservation (give back what we took)
    if (free) await giveBackFree(tx, orgId, period.start, quantity)
    const theirs = await findReservation(tx, orgId, identifier)
    if (!theirs)
      throw new AppError('CONFLICT', 'The reservation changed concurrently; try again', { details: { reason: 'CONCURRENT_CHANGE' } })
    return toReservation(theirs)
  }
  if (sandbox || free) return { reservationId: row.id, amountCents, free, sandbox }

  // THE guarded statement: the cap check and the increment are one UPDATE of one row
  const take = () => tx.$queryRaw<Array<{ used_cents: number; cap: number; warned_percent: number }>>`
    UPDATE spend_counters c
       SET used_cents = c.used_cents + ${amountCents}, reserved_cents = c.reserved_cents + ${amountCents}, updated_at = now()
      FROM billing_accounts b
     WHERE c.org_id = ${orgId}::uuid AND c.period_start = ${period.start} AND b.org_id = c.org_id
       AND c.used_cents + ${amountCents} <= b.spend_cap_cents
    RETURNING c.used_cents, b.spend_cap_cents AS cap, c.warned_percent`
  let counted = await take()
  // no row updated: over the cap, or the period's counter row does not exist yet (its first reservations). Create
  // it (a concurrent creator makes us wait for its commit) and run the same guarded statement once more.
  if (!counted[0]) {
    await ensureCounter(tx, orgId, period)
    counted = await take()
  }
  if (!counted[0]) {
    // nothing may stay behind in a caller's transaction that catches this: drop the row we just wrote
    if (existing) await tx.$executeRaw`UPDATE spend_reservations SET status = 'RELEASED', settled_at = now() WHERE id = ${row.id}::uuid`
    else await tx.$executeRaw`DELETE FROM spend_reservations WHERE id = ${row.id}::uuid AND status = 'RESERVED'`
    const now = await tx.$queryRaw<Array<{ used_cents: number; cap: number }>>`
      SELECT c.used_cents, b.spend_cap_cents AS cap FROM spend_counters c JOIN billing_accounts b ON b.org_id = c.org_id
       WHERE c.org_id = ${orgId}::uuid AND c.period_start = ${period.start}`
    const usedCents = now[0]?.used_cents ?? 0
    const capCents = now[0]?.cap ?? account.spendCapCents
    const leftCents = Math.max(0, capCents - usedCents)
    throw new AppError(
      'QUOTA_EXCEEDED',
      `This would pass your monthly spend cap: ${formatCents({ cents: leftCents, alwaysCents: true })} of your ${formatCents({ cents: capCents })} cap is left and this costs ${formatCents({ cents: amountCents, alwaysCents: true })}. Raise the cap on the billing page to continue.`,
      { details: { reason: 'SPEND_CAP', capCents, usedCents, requestedCents: amountCents, leftCents } },
    )
  }
  await noteSpendThreshold({
    tx,
    orgId,
    periodStart: period.start,
    usedCents: counted[0].used_cents,
    capCents: counted[0].cap,
    warnedPercent: counted[0].warned_percent,
  })
  return { reservationId: row.id, amountCents, free, sandbox }
}

async function findReservation(tx: Tx, orgId: string, identifier: string): Promise<ReservationRow | null> {
  const rows = await tx.$queryRaw<ReservationRow[]>`
    SELECT id, status, amount_cents, free, sandbox, quantity, kind, period_start FROM spend_reservations
     WHERE org_id = ${orgId}::uuid AND identifier = ${identifier}`
  return rows[0] ?? null
}

const toReservation = (r: ReservationRow): Reservation => ({
  reservationId: r.id,
  amountCents: r.amount_cents,
  free: r.free,
  sandbox: r.sandbox,
})

/** Inserts the reservation, or takes a RELEASED one of the same identifier back (a retry after a failed attempt).
 *  Returns null when a concurrent caller holds the identifier. */
async function upsertReservation(
  tx: Tx,
  r: {
    orgId: string
    kind: LedgerKind
    quantity: number
    unitCents: number
    amountCents: number
    identifier: string
    period: { start: Date }
    free: boolean
    sandbox: boolean
    existing: ReservationRow | null
  },
): Promise<{ id: string } | null> {
  if (r.existing) {
    const again = await tx.$queryRaw<Array<{ id: string }>>`
      UPDATE spend_reservations
         SET status = 'RESERVED', settled_at = NULL, kind = ${r.kind}::"UsageKind", quantity = ${r.quantity},
             unit_cents = ${r.unitCents}, amount_cents = ${r.amountCents}, period_start = ${r.period.start},
             free = ${r.free}, sandbox = ${r.sandbox}, created_at = now()
       WHERE id = ${r.existing.id}::uuid AND status = 'RELEASED'
      RETURNING id`
    return again[0] ?? null
  }
  const inserted = await tx.$queryRaw<Array<{ id: string }>>`
    INSERT INTO spend_reservations (org_id, kind, quantity, unit_cents, amount_cents, identifier, period_start, free, sandbox)
    VALUES (${r.orgId}::uuid, ${r.kind}::"UsageKind", ${r.quantity}, ${r.unitCents}, ${r.amountCents}, ${r.identifier},
            ${r.period.start}, ${r.free}, ${r.sandbox})
    ON CONFLICT (org_id, identifier) DO NOTHING
    RETURNING id`
  return inserted[0] ?? null
}

/** Gives `quantity` free quality leads back to the period's allowance. */
export async function giveBackFree(tx: Tx, orgId: string, periodStart: Date, quantity: number): Promise<void> {
  await tx.$executeRaw`
    UPDATE spend_counters SET free_quality_leads_used = GREATEST(0, free_quality_leads_used - ${quantity}), updated_at = now()
     WHERE org_id = ${orgId}::uuid AND period_start = ${periodStart}`
}

async function orgSlug(tx: Tx, orgId: string): Promise<string> {
  const org = await tx.organization.findUniqueOrThrow({ where: { id: orgId }, select: { slug: true } })
  return org.slug
}

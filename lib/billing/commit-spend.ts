// Settles a spend reservation (lib/billing/reserve-spend.ts).
//
// commitSpend: the work happened. In the caller's transaction the reservation becomes COMMITTED, its amount stops
// being "reserved" (it stays used), ONE usage_events row is appended to the ledger and, when the row is billable,
// ONE outbox METER message is queued with the ledger identifier as its dedupe key and as Stripe's meter-event
// identifier. Ledger row and meter message commit together: a crash before the commit leaves neither, a crash after
// it leaves both (the outbox delivers the message; Stripe deduplicates a repeat on the identifier), so Stripe counts
// each billable row exactly once.
//
// releaseSpend: the work did not happen (provider refused, crash, lost race). The hold is given back to the cap
// (or to the trial's free allowance). Both are idempotent.
import 'server-only'
import { z } from 'zod'
import { db, type Tx } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { METER_EVENT_NAMES, type LedgerKind } from '@/lib/billing/plans'
import { giveBackFree } from '@/lib/billing/reserve-spend'
import { enqueueMessage } from '@/lib/outbox/enqueue-message'

export const commitSpendInput = z.object({
  reservationId: z.uuid(),
  leadId: z.uuid().optional(),
  normalizedAddress: z.string().min(1).max(300).optional(),
  occurredAt: z.date().optional(),
})
export type CommitSpendInput = z.input<typeof commitSpendInput>

export interface CommitResult {
  /** the ledger row (null when nothing was recorded: the address was already billed) */
  usageEventId: string | null
  billable: boolean
  /** the ledger already had this identifier, or this org already has a quality lead for the address: the
   *  reservation was released instead (nothing charged twice) */
  duplicate: boolean
  /** this call found the reservation already committed (a retry): the existing row is returned */
  alreadyCommitted: boolean
}

interface LockedReservation {
  id: string
  org_id: string
  kind: LedgerKind
  quantity: number
  unit_cents: number
  amount_cents: number
  identifier: string
  period_start: Date
  status: 'RESERVED' | 'COMMITTED' | 'RELEASED'
  free: boolean
  sandbox: boolean
}

async function lockReservation(tx: Tx, reservationId: string): Promise<LockedReservation | null> {
  const rows = await tx.$queryRaw<LockedReservation[]>`
    SELECT id, org_id, kind, quantity, unit_cents, amount_cents, identifier, period_start, status, free, sandbox
      FROM spend_reservations WHERE id = ${reservationId}::uuid FOR UPDATE`
  return rows[0] ?? null
}

/** Is the reservation counted in spend_counters.used_cents (not sandbox, not from the free allowance)? */
const counted = (r: Pick<LockedReservation, 'free' | 'sandbox'>) => !r.free && !r.sandbox

/**
 * Commit a reservation into the ledger, in `tx` (the transaction of the work it pays for). Quality leads need
 * `leadId` and `normalizedAddress` (the database refuses a quality-lead row without them). Call
 * `prepareSpendWarnings()` (lib/billing/spend-warnings.ts) before opening `tx`: the meter message's dispatch job
 * is inserted in it.
 */
export async function commitSpend({ tx, ...raw }: CommitSpendInput & { tx: Tx }): Promise<CommitResult> {
  const input = commitSpendInput.parse(raw)
  const r = await lockReservation(tx, input.reservationId)
  if (!r) throw new AppError('NOT_FOUND', 'Spend reservation not found')
  if (r.status === 'COMMITTED') {
    const ev = await tx.usageEvent.findUnique({ where: { identifier: r.identifier }, select: { id: true, billable: true } })
    return { usageEventId: ev?.id ?? null, billable: ev?.billable ?? false, duplicate: false, alreadyCommitted: true }
  }
  if (r.status === 'RELEASED')
    throw new AppError('CONFLICT', 'This spend reservation was released; reserve again', { details: { reason: 'CONCURRENT_CHANGE' } })

  const account = await tx.billingAccount.findUniqueOrThrow({
    where: { orgId: r.org_id },
    select: { stripeCustomerId: true, sandbox: true },
  })
  const customerId = account.stripeCustomerId
  const billable = !r.sandbox && !r.free && r.amount_cents > 0 && customerId !== null && !account.sandbox
  const occurredAt = input.occurredAt ?? new Date()
  // ON CONFLICT DO NOTHING covers the identifier and "a quality lead once per normalized address per org": a
  // conflict means it is already in the ledger, so this reservation is given back instead
  const inserted = await tx.$queryRaw<Array<{ id: string }>>`
    INSERT INTO usage_events (org_id, kind, quantity, unit_cents, amount_cents, identifier, lead_id, normalized_address,
                              sandbox, free, billable, period_start, occurred_at)
    VALUES (${r.org_id}::uuid, ${r.kind}::"UsageKind", ${r.quantity}, ${r.unit_cents}, ${r.amount_cents}, ${r.identifier},
            ${input.leadId ?? null}::uuid, ${input.normalizedAddress ?? null}, ${r.sandbox}, ${r.free}, ${billable},
            ${r.period_start}, ${occurredAt})
    ON CONFLICT DO NOTHING
    RETURNING id`
  if (!inserted[0]) {
    await releaseLocked(tx, r)
    return { usageEventId: null, billable: false, duplicate: true, alreadyCommitted: false }
  }
  await tx.$executeRaw`
    UPDATE spend_reservations SET status = 'COMMITTED', settled_at = now() WHERE id = ${r.id}::uuid AND status = 'RESERVED'`
  if (counted(r) && r.amount_cents > 0) {
    await tx.$executeRaw`
      UPDATE spend_counters SET reserved_cents = reserved_cents - ${r.amount_cents}, updated_at = now()
       WHERE org_id = ${r.org_id}::uuid AND period_start = ${r.period_start}`
  }
  if (billable) {
    await enqueueMessage({
      tx,
      channel: 'METER',
      dedupeKey: r.identifier,
      orgId: r.org_id,
      // the ledger's time, so Stripe's summary of a period matches the ledger's rows of it (reconcile-usage.ts)
      payload: {
        eventName: METER_EVENT_NAMES[r.kind],
        customerId: customerId!,
        value: r.quantity,
        timestamp: Math.floor(occurredAt.getTime() / 1000),
      },
    })
  }
  return { usageEventId: inserted[0].id, billable, duplicate: false, alreadyCommitted: false }
}

async function releaseLocked(tx: Tx, r: LockedReservation): Promise<boolean> {
  const n = await tx.$executeRaw`
    UPDATE spend_reservations SET status = 'RELEASED', settled_at = now() WHERE id = ${r.id}::uuid AND status = 'RESERVED'`
  if (n !== 1) return false
  if (r.free) await giveBackFree(tx, r.org_id, r.period_start, r.quantity)
  else if (counted(r) && r.amount_cents > 0) {
    await tx.$executeRaw`
      UPDATE spend_counters
         SET used_cents = used_cents - ${r.amount_cents}, reserved_cents = reserved_cents - ${r.amount_cents}, updated_at = now()
       WHERE org_id = ${r.org_id}::uuid AND period_start = ${r.period_start}`
  }
  return true
}

/** Give a reservation back (the work failed or never ran). Idempotent: false when it was not RESERVED any more. */
export async function releaseSpend({ tx, reservationId }: { tx?: Tx; reservationId: string }): Promise<{ released: boolean }> {
  const id = z.uuid().parse(reservationId)
  const run = async (t: Tx) => {
    const r = await lockReservation(t, id)
    if (!r) throw new AppError('NOT_FOUND', 'Spend reservation not found')
    return { released: r.status === 'RESERVED' ? await releaseLocked(t, r) : false }
  }
  return tx ? run(tx) : db.$transaction(run)
}

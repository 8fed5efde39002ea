// The stale-reservation sweeper (job billing.sweep-reservations, every 10 minutes): a reservation still RESERVED
// an hour after it was taken belongs to work whose process died between reserve and commit (the work itself
// commits with its ledger row, so it did not happen). Releasing it gives the hold back to the cap.
import 'server-only'
import { db } from '@/lib/db'
import { releaseSpend } from '@/lib/billing/commit-spend'

export const STALE_RESERVATION_MS = 60 * 60 * 1000

/** Unscoped on purpose: a system sweep over every org's stale reservations. Returns how many it released. */
export async function unsafeReleaseStaleReservations({
  olderThanMs = STALE_RESERVATION_MS,
  limit = 1000,
}: { olderThanMs?: number; limit?: number } = {}): Promise<{ released: number }> {
  const before = new Date(Date.now() - olderThanMs)
  const stale = await db.spendReservation.findMany({
    where: { status: 'RESERVED', createdAt: { lt: before } },
    orderBy: { createdAt: 'asc' },
    take: limit,
    select: { id: true },
  })
  let released = 0
  for (const { id } of stale) if ((await releaseSpend({ reservationId: id })).released) released++
  return { released }
}

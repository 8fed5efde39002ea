// Seat limits arrive with billing (PRODUCT §3): this is the one seam that invite and accept call.
// When plans exist, count memberships + pending invitations against the plan's seats here and throw
// AppError('QUOTA_EXCEEDED', …, { details: { reason: 'SEAT_LIMIT' } }).
import 'server-only'
import type { Tx } from '@/lib/db'

export async function assertSeatAvailable(_tx: Tx, _args: { orgId: string }): Promise<void> {
  // no plan limits yet
}

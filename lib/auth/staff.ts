// Platform staff (users.staff_role set) for /admin pages and actions. Anyone else gets the 404 page: staff
// pages do not reveal that they exist. STAFF_SUPPORT is read-only; changes need STAFF_ADMIN.
import { notFound } from 'next/navigation'
import { getPageSession } from '@/lib/auth/page-session'
import type { CurrentSession, SessionUser } from '@/lib/auth/session'
import { AppError } from '@/lib/errors'

export type StaffRole = NonNullable<SessionUser['staffRole']>

export async function requireStaffPage(): Promise<CurrentSession & { staffRole: StaffRole }> {
  const session = await getPageSession()
  if (!session?.user.staffRole) notFound()
  return { ...session, staffRole: session.user.staffRole }
}

/** For staff server actions: non-staff get NOT_FOUND (no existence leak); support staff get FORBIDDEN on writes. */
export function assertStaff(user: Pick<SessionUser, 'staffRole'>, opts: { write?: boolean } = {}): StaffRole {
  if (!user.staffRole) throw new AppError('NOT_FOUND', 'Not found')
  if (opts.write && user.staffRole !== 'STAFF_ADMIN') throw new AppError('FORBIDDEN', 'Only staff admins can do this')
  return user.staffRole
}

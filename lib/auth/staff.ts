// Platform staff (users.staff_role set) for /admin pages. Anyone else gets the 404 page: staff pages do not
// reveal that they exist. Rights come from STAFF_MATRIX through the staff actor (lib/auth/actor.ts): the
// domain functions behind the console assert them (STAFF_SUPPORT reads; changes need STAFF_ADMIN).
import 'server-only'
import { notFound } from 'next/navigation'
import { getPageSession } from '@/lib/auth/page-session'
import type { CurrentSession } from '@/lib/auth/session'
import { staffActor, type StaffActor } from '@/lib/auth/actor'
import type { StaffRole } from '@/lib/auth/permissions'

export type { StaffRole }

export async function requireStaffPage(): Promise<CurrentSession & { staffRole: StaffRole; actor: StaffActor }> {
  const session = await getPageSession()
  if (!session?.user.staffRole) notFound()
  return { ...session, staffRole: session.user.staffRole, actor: staffActor(session.user) }
}

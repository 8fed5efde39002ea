// Session and member lookups for server components (pages/layouts). Same DB checks as actions and routes.
import { cookies } from 'next/headers'
import { notFound, redirect } from 'next/navigation'
import { getMemberContext, type MemberContext } from '@/lib/auth/org-context'
import { sessionFromCookieHeader, type CurrentSession } from '@/lib/auth/session'
import { AppError } from '@/lib/errors'

export async function getPageSession(): Promise<CurrentSession | null> {
  const jar = await cookies()
  const header = jar.getAll().map((c) => `${c.name}=${encodeURIComponent(c.value)}`).join('; ')
  return sessionFromCookieHeader(header)
}

/** Redirects to sign-in (with a return path) when there is no live session. */
export async function requirePageSession(returnTo?: string): Promise<CurrentSession> {
  const s = await getPageSession()
  if (!s) redirect(returnTo ? `/sign-in?next=${encodeURIComponent(returnTo)}` : '/sign-in')
  return s
}

/** The member context for an org page; not a member → the 404 page. */
export async function requirePageMember(orgSlug: string): Promise<{ session: CurrentSession; member: MemberContext }> {
  const session = await requirePageSession(`/${orgSlug}`)
  if (!session.user.emailVerifiedAt) redirect('/verify-email')
  try {
    return { session, member: await getMemberContext({ userId: session.user.id, orgSlug }) }
  } catch (e) {
    if (e instanceof AppError && e.code === 'NOT_FOUND') notFound()
    throw e
  }
}

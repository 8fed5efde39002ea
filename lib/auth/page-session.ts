// Session and member lookups for server components (pages/layouts). Same DB checks as actions and routes.
// Both lookups are wrapped in React cache(): a layout and its page asking for the same session or membership in
// one render share one query each (cache() is per request, so nothing leaks between users or requests).
import 'server-only'
import { cache } from 'react'
import { cookies, headers } from 'next/headers'
import { notFound, redirect } from 'next/navigation'
import { getMemberContext, type MemberContext } from '@/lib/auth/org-context'
import { sessionFromCookieHeader, type CurrentSession } from '@/lib/auth/session'
import { AppError } from '@/lib/errors'
import { safeNextPath } from '@/lib/auth/redirect-target'

/** The live session of this request, or null; looked up once per render. */
export const getPageSession = cache(async (): Promise<CurrentSession | null> => {
  const jar = await cookies()
  const header = jar
    .getAll()
    .map((c) => `${c.name}=${encodeURIComponent(c.value)}`)
    .join('; ')
  return sessionFromCookieHeader(header)
})

/** This user's membership in this org, looked up once per render (the org layout and its page both need it). */
const loadPageMember = cache((userId: string, orgSlug: string): Promise<MemberContext> => getMemberContext({ userId, orgSlug }))

/** Redirects to sign-in (with a return path) when there is no live session. */
export async function requirePageSession(returnTo?: string): Promise<CurrentSession> {
  const s = await getPageSession()
  if (!s) redirect(returnTo ? `/sign-in?next=${encodeURIComponent(returnTo)}` : '/sign-in')
  return s
}

/** The path being rendered (set by proxy.ts), validated like any sign-in return path. */
async function currentPath(): Promise<string | null> {
  return safeNextPath((await headers()).get('x-fm-path'))
}

/** The member context for an org page; not a member → the 404 page. Signed out → sign-in, then back here. */
export async function requirePageMember(orgSlug: string): Promise<{ session: CurrentSession; member: MemberContext }> {
  const session = await requirePageSession((await currentPath()) ?? `/${orgSlug}`)
  if (!session.user.emailVerifiedAt) redirect('/verify-email')
  try {
    return { session, member: await loadPageMember(session.user.id, orgSlug) }
  } catch (e) {
    if (e instanceof AppError && e.code === 'NOT_FOUND') notFound()
    throw e
  }
}

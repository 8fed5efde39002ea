// Where to go after sign-in: a same-site relative `next` path, else the user's first org, else /orgs/new.

/** Only "/path" (not "//host", not "/\\host", no scheme, no control chars) is accepted. */
import 'server-only'

export function safeNextPath(next: string | null | undefined): string | null {
  if (!next || next.length > 2000) return null
  if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null
  if (/[\u0000-\u001f\u007f\\]/.test(next)) return null
  try {
    const u = new URL(next, 'http://fm.invalid')
    if (u.origin !== 'http://fm.invalid') return null
    return u.pathname + u.search + u.hash
  } catch {
    return null
  }
}

export function postSignInTarget({
  next,
  firstOrgSlug,
  emailVerified = true,
}: {
  next?: string | null
  firstOrgSlug?: string | null
  emailVerified?: boolean
}): string {
  const safe = safeNextPath(next)
  if (safe) return safe
  if (!emailVerified) return '/verify-email'
  return firstOrgSlug ? `/${firstOrgSlug}` : '/orgs/new'
}

// Reads the signed-in user from the session cookie and the DB session registry. Every request re-checks the
// registry, so revocation ("sign out everywhere", role downgrade, password reset) takes effect immediately.
import 'server-only'
import { decode } from 'next-auth/jwt'
import { db } from '@/lib/db'
import { env } from '@/lib/env'
import { AppError } from '@/lib/errors'

export const IDLE_TIMEOUT_MS = 30 * 60_000
export const ABSOLUTE_TIMEOUT_MS = 24 * 3600_000
export const REMEMBER_ME_MS = 30 * 24 * 3600_000
export const MAX_LIVE_SESSIONS = 5
const TOUCH_EVERY_MS = 60_000

export const SESSION_COOKIES = ['__Secure-authjs.session-token', 'authjs.session-token'] as const

export interface SessionUser {
  id: string
  email: string
  name: string
  emailVerifiedAt: Date | null
  staffRole: 'STAFF_ADMIN' | 'STAFF_SUPPORT' | null
}
export interface CurrentSession {
  user: SessionUser
  sessionId: string
}

function readCookie(cookieHeader: string, name: string): string | undefined {
  for (const part of cookieHeader.split(';')) {
    const i = part.indexOf('=')
    if (i > 0 && part.slice(0, i).trim() === name) return decodeURIComponent(part.slice(i + 1).trim())
  }
  return undefined
}

/** Decodes the next-auth JWT from a Cookie header and returns its session id. */
export async function sessionIdFromCookieHeader(cookieHeader: string | null | undefined): Promise<string | null> {
  if (!cookieHeader) return null
  for (const name of SESSION_COOKIES) {
    const token = readCookie(cookieHeader, name)
    if (!token) continue
    try {
      const payload = await decode({ token, secret: env().AUTH_SECRET, salt: name })
      if (payload && typeof payload.sid === 'string') return payload.sid
    } catch {
      return null
    }
  }
  return null
}

export function isSessionLive(
  s: { rememberMe: boolean; lastSeenAt: Date; expiresAt: Date; revokedAt: Date | null },
  now = new Date(),
): boolean {
  if (s.revokedAt || s.expiresAt <= now) return false
  return s.rememberMe || now.getTime() - s.lastSeenAt.getTime() < IDLE_TIMEOUT_MS
}

/** Validates a registry session id and returns its user; touches last-seen at most once a minute. */
export async function loadSession({ sessionId }: { sessionId: string }): Promise<CurrentSession | null> {
  if (!/^[0-9a-f-]{36}$/i.test(sessionId)) return null
  const s = await db.session.findUnique({
    where: { id: sessionId },
    select: {
      id: true,
      rememberMe: true,
      lastSeenAt: true,
      expiresAt: true,
      revokedAt: true,
      user: { select: { id: true, email: true, name: true, emailVerifiedAt: true, staffRole: true, deletedAt: true } },
    },
  })
  if (!s || s.user.deletedAt || !isSessionLive(s)) return null
  if (Date.now() - s.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db.session.update({ where: { id: s.id }, data: { lastSeenAt: new Date() }, select: { id: true } })
  }
  const { deletedAt: _deleted, ...user } = s.user
  return { user, sessionId: s.id }
}

export async function sessionFromCookieHeader(cookieHeader: string | null | undefined): Promise<CurrentSession | null> {
  const sid = await sessionIdFromCookieHeader(cookieHeader)
  return sid ? loadSession({ sessionId: sid }) : null
}

export function requireSession(s: CurrentSession | null): CurrentSession {
  if (!s) throw new AppError('UNAUTHENTICATED', 'Sign in to continue')
  return s
}

/** Org work needs a verified email (sign-up sends the link); the UI sends the user to /verify-email. */
export function assertEmailVerified(s: CurrentSession): void {
  if (!s.user.emailVerifiedAt) {
    throw new AppError('FORBIDDEN', 'Confirm your email address to continue', { details: { reason: 'EMAIL_NOT_VERIFIED' } })
  }
}

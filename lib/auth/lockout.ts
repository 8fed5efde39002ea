// Brute-force protection: 5 failed sign-ins within 15 minutes lock the account (by email, whether or not it
// exists, so the lock itself reveals nothing) and, separately, the client IP.
import 'server-only'
import { db } from '@/lib/db'
import { AppError } from '@/lib/errors'

export const LOCKOUT_WINDOW_MS = 15 * 60_000
export const LOCKOUT_MAX_FAILURES = 5

/** Seconds until the 5th most recent failure leaves the window (0 = not locked). */
async function lockedFor(where: { email: string } | { ip: string }, since: Date): Promise<number> {
  const failures = await db.loginAttempt.findMany({
    where: { ...where, success: false, createdAt: { gt: since } },
    select: { createdAt: true },
    orderBy: { createdAt: 'desc' },
    take: LOCKOUT_MAX_FAILURES,
  })
  if (failures.length < LOCKOUT_MAX_FAILURES) return 0
  const oldest = failures[LOCKOUT_MAX_FAILURES - 1].createdAt.getTime()
  return Math.max(1, Math.ceil((oldest + LOCKOUT_WINDOW_MS - Date.now()) / 1000))
}

export async function assertNotLockedOut({ email, ip }: { email: string; ip: string }): Promise<void> {
  const windowStart = new Date(Date.now() - LOCKOUT_WINDOW_MS)
  // a successful sign-in clears the account's earlier failures; the IP counter only ages out
  const lastSuccess = await db.loginAttempt.findFirst({
    where: { email, success: true, createdAt: { gt: windowStart } },
    select: { createdAt: true },
    orderBy: { createdAt: 'desc' },
  })
  const accountSince = lastSuccess && lastSuccess.createdAt > windowStart ? lastSuccess.createdAt : windowStart
  const retryAfter = Math.max(await lockedFor({ email }, accountSince), await lockedFor({ ip }, windowStart))
  if (retryAfter > 0) {
    const minutes = Math.ceil(retryAfter / 60)
    throw new AppError('RATE_LIMITED', `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`, {
      retryAfter,
      details: { reason: 'LOCKED_OUT', retryAfter },
    })
  }
}

export async function recordLoginAttempt({ email, ip, success }: { email: string; ip: string; success: boolean }): Promise<void> {
  await db.loginAttempt.create({ data: { email: email.slice(0, 254), ip: ip.slice(0, 64), success }, select: { id: true } })
}

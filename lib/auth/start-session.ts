// Opens a session-registry row and the single-use login ticket that next-auth turns into the cookie.
// remember-me → 30 days absolute, no idle timeout; otherwise idle 30 min / absolute 24 h (session.ts).
// At most MAX_LIVE_SESSIONS live sessions per user: the oldest are revoked.
import 'server-only'
import { db } from '@/lib/db'
import { createLoginTicket } from '@/lib/auth/login-ticket'
import { ABSOLUTE_TIMEOUT_MS, IDLE_TIMEOUT_MS, MAX_LIVE_SESSIONS, REMEMBER_ME_MS } from '@/lib/auth/session'

export async function startSession({
  userId,
  rememberMe,
  ip,
  userAgent,
}: {
  userId: string
  rememberMe: boolean
  ip?: string
  userAgent?: string
}) {
  const now = Date.now()
  const sessionId = await db.$transaction(async (tx) => {
    // serialise concurrent sign-ins of one user so the limit holds
    await tx.$queryRaw`SELECT id FROM users WHERE id = ${userId}::uuid FOR UPDATE`
    const s = await tx.session.create({
      data: {
        userId,
        rememberMe,
        ip: ip?.slice(0, 64),
        userAgent: userAgent?.slice(0, 512),
        expiresAt: new Date(now + (rememberMe ? REMEMBER_ME_MS : ABSOLUTE_TIMEOUT_MS)),
      },
      select: { id: true },
    })
    const live = await tx.session.findMany({
      where: {
        userId,
        revokedAt: null,
        expiresAt: { gt: new Date(now) },
        OR: [{ rememberMe: true }, { lastSeenAt: { gt: new Date(now - IDLE_TIMEOUT_MS) } }],
      },
      select: { id: true },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    })
    const excess = live
      .filter((x) => x.id !== s.id)
      .slice(MAX_LIVE_SESSIONS - 1)
      .map((x) => x.id)
    if (excess.length) {
      await tx.session.updateMany({ where: { id: { in: excess } }, data: { revokedAt: new Date(), revokedReason: 'session_limit' } })
    }
    return s.id
  })
  const ticket = await createLoginTicket({ userId, sessionId })
  return { sessionId, ticket }
}

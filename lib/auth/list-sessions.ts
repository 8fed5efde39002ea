// The user's live sessions for the security page (device, IP, created, last seen, "this device").
import 'server-only'
import { db } from '@/lib/db'
import { IDLE_TIMEOUT_MS } from '@/lib/auth/session'

export interface SessionRow {
  id: string
  userAgent: string | null
  ip: string | null
  createdAt: Date
  lastSeenAt: Date
  expiresAt: Date
  rememberMe: boolean
  current: boolean
}

export async function listSessions({ userId, currentSessionId }: { userId: string; currentSessionId?: string }): Promise<SessionRow[]> {
  const now = Date.now()
  const rows = await db.session.findMany({
    where: {
      userId,
      revokedAt: null,
      expiresAt: { gt: new Date(now) },
      OR: [{ rememberMe: true }, { lastSeenAt: { gt: new Date(now - IDLE_TIMEOUT_MS) } }],
    },
    select: { id: true, userAgent: true, ip: true, createdAt: true, lastSeenAt: true, expiresAt: true, rememberMe: true },
    orderBy: { lastSeenAt: 'desc' },
  })
  return rows.map((r) => ({ ...r, current: r.id === currentSessionId }))
}

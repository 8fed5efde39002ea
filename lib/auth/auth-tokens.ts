// Single-use emailed tokens (verification 24 h, password reset 1 h): random, sent once, stored as sha256.
import 'server-only'
import type { Tx } from '@/lib/db'
import { db } from '@/lib/db'
import { randomToken, sha256Hex } from '@/lib/crypto'
import { AppError } from '@/lib/errors'

export const EMAIL_VERIFY_TTL_MS = 24 * 3600_000
export const PASSWORD_RESET_TTL_MS = 3600_000

type EmailedKind = 'EMAIL_VERIFY' | 'PASSWORD_RESET'

export async function issueAuthToken(tx: Tx, { userId, kind, ttlMs }: { userId: string; kind: EmailedKind; ttlMs: number }) {
  const token = randomToken()
  const row = await tx.authToken.create({
    data: { userId, kind, tokenHash: sha256Hex(token), expiresAt: new Date(Date.now() + ttlMs) },
    select: { id: true },
  })
  return { id: row.id, token }
}

const LINK_PROBLEMS = {
  INVALID: 'This link is invalid. Request a new one.',
  USED: 'This link has already been used. Request a new one if you still need it.',
  EXPIRED: 'This link has expired. Request a new one.',
} as const

/**
 * Marks the token used (guarded UPDATE: exactly one caller wins) and returns its user. Unknown, used or expired
 * → BAD_REQUEST with details.reason INVALID | USED | EXPIRED.
 */
export async function consumeAuthToken(
  tx: Tx,
  { token, kind }: { token: string; kind: EmailedKind },
): Promise<{ id: string; userId: string }> {
  const tokenHash = sha256Hex(token)
  const now = new Date()
  const { count } = await tx.authToken.updateMany({
    where: { tokenHash, kind, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  })
  const row = await tx.authToken.findUnique({
    where: { tokenHash },
    select: { id: true, userId: true, kind: true, usedAt: true, expiresAt: true },
  })
  if (count === 1 && row) return { id: row.id, userId: row.userId }
  const reason = !row || row.kind !== kind ? 'INVALID' : row.expiresAt <= now && !row.usedAt ? 'EXPIRED' : 'USED'
  throw new AppError('BAD_REQUEST', LINK_PROBLEMS[reason], { details: { reason } })
}

/** Tokens of one kind issued to a user within the window, newest first (for resend/request limits). */
export async function recentTokens(
  { userId, kind, sinceMs }: { userId: string; kind: EmailedKind; sinceMs: number },
  tx: Tx = db as unknown as Tx,
) {
  return tx.authToken.findMany({
    where: { userId, kind, createdAt: { gt: new Date(Date.now() - sinceMs) } },
    select: { createdAt: true },
    orderBy: { createdAt: 'desc' },
  })
}

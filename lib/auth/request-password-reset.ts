// "Forgot password": emails a 1 h single-use link. The answer is identical whether or not the email has an
// account, and beyond 3 requests per hour per email nothing more is sent (silently, for the same reason).
import 'server-only'
import { db } from '@/lib/db'
import { PASSWORD_RESET_TTL_MS, issueAuthToken, recentTokens } from '@/lib/auth/auth-tokens'
import { sendPasswordResetEmail } from '@/lib/auth/auth-emails'

export const RESET_MAX_PER_HOUR = 3
export const RESET_REQUEST_MESSAGE = 'If an account exists for that email, we have sent a link to reset the password. Check your inbox.'

export async function requestPasswordReset({ email: rawEmail }: { email: string }): Promise<{ message: string }> {
  const email = rawEmail.trim().toLowerCase()
  const user = await db.user.findFirst({ where: { email, deletedAt: null }, select: { id: true } })
  if (user) {
    const token = await db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM users WHERE id = ${user.id}::uuid FOR UPDATE`
      const recent = await recentTokens({ userId: user.id, kind: 'PASSWORD_RESET', sinceMs: 3600_000 }, tx)
      if (recent.length >= RESET_MAX_PER_HOUR) return null
      return issueAuthToken(tx, { userId: user.id, kind: 'PASSWORD_RESET', ttlMs: PASSWORD_RESET_TTL_MS })
    })
    if (token) await sendPasswordResetEmail({ to: email, tokenId: token.id, token: token.token })
  }
  return { message: RESET_REQUEST_MESSAGE }
}

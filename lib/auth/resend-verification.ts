// Sends a fresh verification link: at most 5 per hour per user, and not within 60 s of the previous one.
import 'server-only'
import { db } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { EMAIL_VERIFY_TTL_MS, issueAuthToken, recentTokens } from '@/lib/auth/auth-tokens'
import { sendVerificationEmail } from '@/lib/auth/auth-emails'

export const RESEND_COOLDOWN_MS = 60_000
export const RESEND_MAX_PER_HOUR = 5
const HOUR_MS = 3600_000

export async function resendVerification({ userId }: { userId: string }): Promise<{ alreadyVerified: boolean; cooldownSeconds: number }> {
  const sent = await db.$transaction(async (tx) => {
    // row lock: two clicks at once cannot both pass the limits
    await tx.$queryRaw`SELECT id FROM users WHERE id = ${userId}::uuid FOR UPDATE`
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, name: true, emailVerifiedAt: true } })
    if (user.emailVerifiedAt) return null
    const recent = await recentTokens({ userId, kind: 'EMAIL_VERIFY', sinceMs: HOUR_MS }, tx)
    const now = Date.now()
    if (recent.length >= RESEND_MAX_PER_HOUR) {
      const retryAfter = Math.ceil((recent[RESEND_MAX_PER_HOUR - 1].createdAt.getTime() + HOUR_MS - now) / 1000)
      throw new AppError('RATE_LIMITED', 'You have asked for too many verification emails. Try again later.', {
        retryAfter,
        details: { retryAfter },
      })
    }
    if (recent[0] && now - recent[0].createdAt.getTime() < RESEND_COOLDOWN_MS) {
      const retryAfter = Math.ceil((recent[0].createdAt.getTime() + RESEND_COOLDOWN_MS - now) / 1000)
      throw new AppError('RATE_LIMITED', `We just sent one. You can ask again in ${retryAfter} seconds.`, {
        retryAfter,
        details: { retryAfter },
      })
    }
    const token = await issueAuthToken(tx, { userId, kind: 'EMAIL_VERIFY', ttlMs: EMAIL_VERIFY_TTL_MS })
    return { user, token }
  })
  if (!sent) return { alreadyVerified: true, cooldownSeconds: 0 }
  await sendVerificationEmail({ to: sent.user.email, name: sent.user.name, tokenId: sent.token.id, token: sent.token.token })
  return { alreadyVerified: false, cooldownSeconds: RESEND_COOLDOWN_MS / 1000 }
}

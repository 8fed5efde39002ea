// Completes a password reset: consumes the token, sets the new password, signs out every session of the user.
import 'server-only'
import { db } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { writeAudit } from '@/lib/audit/write-audit'
import { hashPassword, passwordProblem } from '@/lib/auth/password'
import { consumeAuthToken } from '@/lib/auth/auth-tokens'
import { revokeUserSessions } from '@/lib/auth/revoke-sessions'
import { sendPasswordChangedEmail } from '@/lib/auth/auth-emails'
import { sha256Hex } from '@/lib/crypto'

export async function resetPassword({ token, password }: { token: string; password: string }): Promise<{ userId: string; email: string }> {
  // read-only look-up first so a policy failure does not burn the link
  const pending = await db.authToken.findUnique({
    where: { tokenHash: sha256Hex(token) },
    select: { kind: true, user: { select: { email: true } } },
  })
  if (pending?.kind === 'PASSWORD_RESET') {
    const problem = passwordProblem(password, pending.user.email)
    if (problem) throw new AppError('VALIDATION_FAILED', problem, { details: { issues: [{ path: 'password', message: problem }] } })
  }
  const passwordHash = await hashPassword(password)
  const done = await db.$transaction(async (tx) => {
    const { id: tokenId, userId } = await consumeAuthToken(tx, { token, kind: 'PASSWORD_RESET' })
    const user = await tx.user.update({ where: { id: userId }, data: { passwordHash }, select: { email: true, name: true } })
    // other outstanding reset links die with this one
    await tx.authToken.updateMany({ where: { userId, kind: 'PASSWORD_RESET', usedAt: null }, data: { usedAt: new Date() } })
    const revoked = await revokeUserSessions({ userId, reason: 'password_reset' }, tx)
    await writeAudit(tx, {
      actor: { type: 'USER', id: userId },
      action: 'user.password_reset',
      targetType: 'user',
      targetId: userId,
      after: { sessionsRevoked: revoked },
    })
    return { userId, tokenId, ...user }
  })
  await sendPasswordChangedEmail({ to: done.email, name: done.name, eventId: `reset:${done.tokenId}` })
  return { userId: done.userId, email: done.email }
}

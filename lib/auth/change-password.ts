// Change password while signed in: the current password is required; every other session is signed out.
import 'server-only'
import { db } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { writeAudit } from '@/lib/audit/write-audit'
import { hashPassword, passwordProblem, verifyPassword } from '@/lib/auth/password'
import { revokeUserSessions } from '@/lib/auth/revoke-sessions'
import { sendPasswordChangedEmail } from '@/lib/auth/auth-emails'

const fieldError = (path: string, message: string) =>
  new AppError('VALIDATION_FAILED', message, { details: { issues: [{ path, message }] } })

export async function changePassword({
  userId,
  sessionId,
  currentPassword,
  newPassword,
}: {
  userId: string
  sessionId: string
  currentPassword: string
  newPassword: string
}): Promise<{ otherSessionsRevoked: number }> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, name: true, passwordHash: true } })
  if (!(await verifyPassword(user.passwordHash, currentPassword))) throw fieldError('currentPassword', 'The current password is incorrect')
  const problem = passwordProblem(newPassword, user.email)
  if (problem) throw fieldError('newPassword', problem)
  if (await verifyPassword(user.passwordHash, newPassword))
    throw fieldError('newPassword', 'Choose a password different from the current one')
  const passwordHash = await hashPassword(newPassword)
  const revoked = await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash }, select: { id: true } })
    const n = await revokeUserSessions({ userId, reason: 'password_changed', exceptSessionId: sessionId }, tx)
    await writeAudit(tx, {
      actor: { type: 'USER', id: userId },
      action: 'user.password_changed',
      targetType: 'user',
      targetId: userId,
      after: { otherSessionsRevoked: n },
    })
    return n
  })
  await sendPasswordChangedEmail({ to: user.email, name: user.name, eventId: `change:${sessionId}:${Date.now()}` })
  return { otherSessionsRevoked: revoked }
}

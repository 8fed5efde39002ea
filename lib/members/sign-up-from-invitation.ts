// Accepting an invitation without an account: creates the user (no org of their own), marks the email
// verified (the invite link proves it), accepts the invitation, all in one transaction. The caller then
// starts a session (lib/auth/start-session.ts). No actor: nobody is signed in yet; the token is the right.
import 'server-only'
import { db } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { sha256Hex } from '@/lib/crypto'
import { writeAudit } from '@/lib/audit/write-audit'
import { hashPassword, passwordProblem } from '@/lib/auth/password'
import type { SignUpFromInvitationInput } from '@/lib/members/schemas'
import { acceptInvitationInTx, type AcceptedInvitation } from '@/lib/members/accept-invitation'

export async function signUpFromInvitation({
  token,
  name,
  password,
}: SignUpFromInvitationInput): Promise<AcceptedInvitation & { userId: string }> {
  const inv = await db.invitation.findUnique({ where: { tokenHash: sha256Hex(token) }, select: { email: true } })
  if (!inv) throw new AppError('NOT_FOUND', 'This invitation link is not valid')
  const problem = passwordProblem(password, inv.email)
  if (problem)
    throw new AppError('VALIDATION_FAILED', problem, { details: { issues: [{ path: 'password', message: problem, code: 'custom' }] } })
  const passwordHash = await hashPassword(password)
  try {
    return await db.$transaction(async (tx) => {
      const existing = await tx.user.findUnique({ where: { email: inv.email }, select: { id: true } })
      if (existing) throw accountExists()
      const user = await tx.user.create({
        data: { email: inv.email, name, passwordHash, emailVerifiedAt: new Date() },
        select: { id: true, email: true },
      })
      await writeAudit(tx, {
        actor: { type: 'USER', id: user.id },
        action: 'user.sign_up',
        targetType: 'user',
        targetId: user.id,
        after: { via: 'invitation' },
      })
      const accepted = await acceptInvitationInTx(tx, { token, user })
      return { ...accepted, userId: user.id }
    })
  } catch (err) {
    if ((err as { code?: string })?.code === 'P2002') throw accountExists()
    throw err
  }
}

const accountExists = () =>
  new AppError('CONFLICT', 'An account with this email already exists. Sign in to accept the invitation.', {
    details: { reason: 'ACCOUNT_EXISTS' },
  })

// Sign-up: the user AND their organization (creator = OWNER) in one transaction with audit rows, then the
// verification email. Emails are unique case-insensitively (stored lower-cased; DB CHECK).
import 'server-only'
import { db } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { writeAudit } from '@/lib/audit/write-audit'
import { hashPassword } from '@/lib/auth/password'
import type { SignUp } from '@/lib/auth/schemas'
import { EMAIL_VERIFY_TTL_MS, issueAuthToken } from '@/lib/auth/auth-tokens'
import { sendVerificationEmail } from '@/lib/auth/auth-emails'

/** `input`: parsed by signUpSchema at the edge (the sign-up action) */
export async function signUp(input: SignUp): Promise<{ userId: string; orgId: string; orgSlug: string }> {
  const fieldConflict = (field: string, message: string) =>
    new AppError('CONFLICT', message, { details: { reason: 'UNIQUE', field, issues: [{ path: field, message }] } })

  const [emailTaken, slugTaken] = await Promise.all([
    db.user.findUnique({ where: { email: input.email }, select: { id: true } }),
    db.organization.findUnique({ where: { slug: input.slug }, select: { id: true } }),
  ])
  if (emailTaken) throw fieldConflict('email', 'An account with this email already exists. Sign in or reset your password.')
  if (slugTaken) throw fieldConflict('slug', 'This address is taken; choose another')

  const passwordHash = await hashPassword(input.password)
  const result = await db
    .$transaction(async (tx) => {
      const user = await tx.user.create({ data: { email: input.email, name: input.name, passwordHash }, select: { id: true } })
      const org = await tx.organization.create({ data: { name: input.companyName, slug: input.slug }, select: { id: true, slug: true } })
      const membership = await tx.membership.create({ data: { orgId: org.id, userId: user.id, role: 'OWNER' }, select: { id: true } })
      const actor = { type: 'USER' as const, id: user.id }
      await writeAudit(tx, {
        actor,
        action: 'user.signed_up',
        targetType: 'user',
        targetId: user.id,
        after: { email: input.email, name: input.name },
      })
      await writeAudit(tx, {
        orgId: org.id,
        actor,
        action: 'org.created',
        targetType: 'organization',
        targetId: org.id,
        after: { name: input.companyName, slug: org.slug },
      })
      await writeAudit(tx, {
        orgId: org.id,
        actor,
        action: 'member.added',
        targetType: 'membership',
        targetId: membership.id,
        after: { userId: user.id, role: 'OWNER' },
      })
      const token = await issueAuthToken(tx, { userId: user.id, kind: 'EMAIL_VERIFY', ttlMs: EMAIL_VERIFY_TTL_MS })
      return { userId: user.id, orgId: org.id, orgSlug: org.slug, token }
    })
    .catch((e) => {
      // lost a race with a concurrent sign-up: say which field, like the pre-check does
      const text = String((e as Error)?.message ?? '')
      if (text.includes('slug')) throw fieldConflict('slug', 'This address is taken; choose another')
      if (text.includes('email')) throw fieldConflict('email', 'An account with this email already exists. Sign in or reset your password.')
      throw e
    })

  await sendVerificationEmail({ to: input.email, name: input.name, tokenId: result.token.id, token: result.token.token })
  return { userId: result.userId, orgId: result.orgId, orgSlug: result.orgSlug }
}

// Admin CLI: add an existing user to an organization with a role (seat limits are the app's concern).
import 'server-only'
import { db } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { writeAudit } from '@/lib/audit/write-audit'
import { assertCan, auditActorOf } from '@/lib/auth/actor'
import type { Role } from '@/lib/generated/prisma/enums'
import { operatorInOrg } from '@/lib/admin-cli/operator'

export async function adminAddMember({ orgSlug, email, role }: { orgSlug: string; email: string; role: Role }) {
  const { actor } = await operatorInOrg(orgSlug)
  // the operator adds directly (no invitation email): the right closest to it is inviting
  const orgId = assertCan(actor, 'member.invite')
  const user = await db.user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true } })
  if (!user) throw new AppError('NOT_FOUND', `No user with email ${email}`)
  return db.$transaction(async (tx) => {
    const existing = await tx.membership.findUnique({ where: { orgId_userId: { orgId, userId: user.id } }, select: { id: true } })
    if (existing) throw new AppError('CONFLICT', `${email} is already a member of ${orgSlug}`)
    const m = await tx.membership.create({ data: { orgId, userId: user.id, role }, select: { id: true, role: true } })
    await writeAudit(tx, {
      orgId,
      actor: auditActorOf(actor),
      action: 'member.add',
      targetType: 'membership',
      targetId: m.id,
      after: { userId: user.id, role, via: 'cli' },
    })
    return m
  })
}

import 'server-only'
import { db } from '@/lib/db'
import { writeAudit } from '@/lib/audit/write-audit'

/** `name`: parsed by updateProfileSchema at the edge */
export async function updateProfile({ userId, name }: { userId: string; name: string }): Promise<{ name: string }> {
  return db.$transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { name: true } })
    if (before.name === name) return { name }
    await tx.user.update({ where: { id: userId }, data: { name }, select: { id: true } })
    await writeAudit(tx, {
      actor: { type: 'USER', id: userId },
      action: 'user.profile_updated',
      targetType: 'user',
      targetId: userId,
      before,
      after: { name },
    })
    return { name }
  })
}

import 'server-only'
import { db } from '@/lib/db'
import { writeAudit } from '@/lib/audit/write-audit'
import { nameField } from '@/lib/auth/schemas'

export async function updateProfile({ userId, name: rawName }: { userId: string; name: string }): Promise<{ name: string }> {
  const name = nameField.parse(rawName)
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

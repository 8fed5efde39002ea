// Marks a member's own notifications read: the given ids (all of them theirs in this org, or nothing is marked
// and the answer is NOT_FOUND) or all of them. Marking a read one again is a no-op; returns the unread left.
import 'server-only'
import { db } from '@/lib/db'
import { notFound } from '@/lib/errors'
import type { Actor } from '@/lib/auth/actor'
import { assertInboxOwner, isUuid } from '@/lib/notifications/member-notifications'

export async function markNotificationsRead(
  args: { actor: Actor; ids: string[]; all?: never } | { actor: Actor; all: true; ids?: never },
): Promise<{ marked: number; unread: number }> {
  const { orgId, userId } = assertInboxOwner(args.actor)
  const mine = { orgId, userId }
  return db.$transaction(async (tx) => {
    let marked: number
    if (args.all) {
      marked = (await tx.notification.updateMany({ where: { ...mine, readAt: null }, data: { readAt: new Date() } })).count
    } else {
      const ids = [...new Set(args.ids)]
      if (!ids.every(isUuid)) throw notFound('Notification')
      const found = await tx.notification.count({ where: { ...mine, id: { in: ids } } })
      if (found !== ids.length) throw notFound('Notification')
      marked = (await tx.notification.updateMany({ where: { ...mine, id: { in: ids }, readAt: null }, data: { readAt: new Date() } })).count
    }
    const unread = await tx.notification.count({ where: { ...mine, readAt: null } })
    return { marked, unread }
  })
}

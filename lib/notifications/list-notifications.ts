// A member's own notifications in one org, newest first, with keyset paging (index on user, org, read, created).
import 'server-only'
import { db } from '@/lib/db'
import { notFound } from '@/lib/errors'
import type { Actor } from '@/lib/auth/actor'
import { assertInboxOwner, isUuid } from '@/lib/notifications/member-notifications'
import type { NotificationView } from '@/lib/notifications/schemas'

const SELECT = { id: true, kind: true, title: true, body: true, url: true, leadId: true, readAt: true, createdAt: true } as const

export async function listNotifications({
  actor,
  unreadOnly = false,
  before,
  limit,
}: {
  actor: Actor
  unreadOnly?: boolean
  before?: string
  limit: number
}): Promise<{ items: NotificationView[]; nextCursor: string | null }> {
  const { orgId, userId } = assertInboxOwner(actor)
  const mine = { orgId, userId, ...(unreadOnly ? { readAt: null } : {}) }
  let after = {}
  if (before !== undefined) {
    // the cursor is a notification of this member in this org; anything else (another user's id) is NOT_FOUND
    const cursor = isUuid(before)
      ? await db.notification.findFirst({ where: { id: before, orgId, userId }, select: { id: true, createdAt: true } })
      : null
    if (!cursor) throw notFound('Notification')
    after = { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] }
  }
  const rows = await db.notification.findMany({
    where: { ...mine, ...after },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: limit + 1,
    select: SELECT,
  })
  const page = rows.slice(0, limit)
  return {
    items: page.map((n) => ({ ...n, readAt: n.readAt?.toISOString() ?? null, createdAt: n.createdAt.toISOString() })),
    nextCursor: rows.length > limit ? page[page.length - 1]!.id : null,
  }
}

/** How many of the member's notifications in this org are unread (the bell's badge). */
export async function countUnread({ actor }: { actor: Actor }): Promise<{ unread: number }> {
  const { orgId, userId } = assertInboxOwner(actor)
  return { unread: await db.notification.count({ where: { orgId, userId, readAt: null } }) }
}

// The bell for the org layout's header: the unread count is rendered on the server (no flash of "0"), then the
// client component keeps it fresh by polling the actions.
import type { MemberContext } from '@/lib/auth/org-context'
import { memberActor } from '@/lib/auth/actor'
import { countUnread } from '@/lib/notifications/list-notifications'
import { NotificationBell } from '@/components/notifications/notification-bell'
import { countUnreadAction, listNotificationsAction, markNotificationsReadAction } from './actions'

export async function NotificationBellSlot({ member }: { member: MemberContext }) {
  const { unread } = await countUnread({ actor: memberActor(member) })
  return (
    <NotificationBell
      orgSlug={member.org.slug}
      initialUnread={unread}
      actions={{ list: listNotificationsAction, count: countUnreadAction, markRead: markNotificationsReadAction }}
    />
  )
}

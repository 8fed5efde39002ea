'use server'
// Notification centre server actions: thin wiring (session → member from DB → zod → one domain call). Any member
// may call them (permission null): each reads or marks only the caller's own notifications in this org, which
// the domain functions enforce (another user's id is NOT_FOUND).
import { orgAction } from '@/lib/actions/define-action'
import { z } from 'zod'
import { listNotificationsSchema, markNotificationsReadSchema } from '@/lib/notifications/schemas'
import { countUnread, listNotifications } from '@/lib/notifications/list-notifications'
import { markNotificationsRead } from '@/lib/notifications/mark-notifications-read'

export const listNotificationsAction = orgAction({ permission: null, input: listNotificationsSchema }, async ({ input, actor }) =>
  listNotifications({ actor, unreadOnly: input.unreadOnly, before: input.before, limit: input.limit }),
)

// loose: the only field is the orgSlug every org action carries
export const countUnreadAction = orgAction({ permission: null, input: z.looseObject({}) }, async ({ actor }) => countUnread({ actor }))

export const markNotificationsReadAction = orgAction(
  { permission: null, input: z.object({ target: markNotificationsReadSchema }) },
  async ({ input, actor }) =>
    'all' in input.target ? markNotificationsRead({ actor, all: true }) : markNotificationsRead({ actor, ids: input.target.ids }),
)

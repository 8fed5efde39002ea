// Notification centre inputs, shared by the server actions and the client components (isomorphic: no server code).
import { z } from 'zod'

/** Notification ids as they arrive from a client: a malformed one is NOT_FOUND in the domain, like another user's. */
const notificationId = z.string().min(1).max(64)

export const NOTIFICATIONS_PAGE_MAX = 50

export const listNotificationsSchema = z.object({
  unreadOnly: z.boolean().optional(),
  /** keyset cursor: the id of the last notification of the previous page */
  before: notificationId.optional(),
  limit: z.number().int().min(1).max(NOTIFICATIONS_PAGE_MAX).default(10),
})
export type ListNotificationsInput = z.infer<typeof listNotificationsSchema>

export const markNotificationsReadSchema = z.union([
  z.object({ ids: z.array(notificationId).min(1).max(100) }),
  z.object({ all: z.literal(true) }),
])
export type MarkNotificationsReadInput = z.infer<typeof markNotificationsReadSchema>

/** What the UI gets for one notification (dates as ISO strings: they cross the server-action boundary). */
export interface NotificationView {
  id: string
  kind: string
  title: string
  body: string
  url: string
  leadId: string | null
  readAt: string | null
  createdAt: string
}

// Display helpers of the notification centre. Pure: the caller passes `nowMs` (render must stay pure).

/** "just now", "5 min ago", "3 h ago", "2 days ago", then a date ("Nov 20, 2026", UTC). */
export function relativeTime(iso: string, nowMs: number): string {
  const s = Math.max(0, Math.round((nowMs - Date.parse(iso)) / 1000))
  if (s < 60) return 'just now'
  if (s < 3600) return `${Math.floor(s / 60)} min ago`
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`
  const days = Math.floor(s / 86_400)
  if (days < 7) return `${days} day${days === 1 ? '' : 's'} ago`
  return new Date(iso).toLocaleDateString('en-US', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' })
}

/** The badge text: exact up to 99. */
export const badgeCount = (n: number) => (n > 99 ? '99+' : String(n))

/** The bell's accessible name, e.g. "Notifications, 3 unread". */
export const bellLabel = (unread: number) => `Notifications, ${unread} unread`

/** A notification's url is an app path written by our own code; anything else is not followed. */
export const safeAppPath = (url: string, fallback: string) => (/^\/(?![/\\])/.test(url) ? url : fallback)

/** Fired on window when notifications were marked read anywhere on the page, so the bell re-counts. */
export const NOTIFICATIONS_CHANGED = 'fm:notifications-changed'
export const announceNotificationsChanged = (unread?: number) =>
  window.dispatchEvent(new CustomEvent(NOTIFICATIONS_CHANGED, { detail: { unread } }))

/** Now, for the list's "5 min ago" (kept out of component bodies: render must stay pure). */
export const nowMs = () => Date.now()

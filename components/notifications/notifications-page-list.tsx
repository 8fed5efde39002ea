'use client'
// The notifications page's list: the rows come from the server (page + filter in the URL); marking read calls the
// action, refreshes the server rows and tells the bell the new unread count.
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { Button } from '@/components/ui/button'
import { ErrorNotice } from '@/components/ui/feedback'
import type { ActionError, ActionFn } from '@/lib/action-result'
import type { MarkNotificationsReadInput, NotificationView } from '@/lib/notifications/schemas'
import { NotificationItem } from './notification-item'
import { announceNotificationsChanged } from './notification-format'

type MarkRead = ActionFn<{ orgSlug: string; target: MarkNotificationsReadInput }, { marked: number; unread: number }>

export function NotificationsPageList({
  orgSlug,
  items,
  now,
  unread,
  markRead,
}: {
  orgSlug: string
  items: NotificationView[]
  now: number
  unread: number
  markRead: MarkRead
}) {
  const router = useRouter()
  const [busy, setBusy] = useState<string | null>(null)
  const [error, setError] = useState<ActionError | null>(null)
  const [status, setStatus] = useState('')
  const fallback = `/${orgSlug}/notifications`

  const run = async (key: string, target: MarkNotificationsReadInput, done: string) => {
    setBusy(key)
    setError(null)
    const r = await markRead({ orgSlug, target })
    setBusy(null)
    if (!r.ok) return setError(r.error)
    setStatus(done)
    announceNotificationsChanged(r.data.unread)
    router.refresh()
  }

  const openItem = (n: NotificationView) => {
    if (n.readAt) return
    void markRead({ orgSlug, target: { ids: [n.id] } }).then((r) => r.ok && announceNotificationsChanged(r.data.unread))
  }

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-slate-600">{unread === 0 ? 'No unread notifications' : `${unread} unread`}</p>
        <Button
          variant="secondary"
          size="sm"
          disabled={unread === 0}
          loading={busy === 'all'}
          onClick={() => void run('all', { all: true }, 'All notifications marked read')}
        >
          Mark all read
        </Button>
      </div>
      <p role="status" className="sr-only">
        {status}
      </p>
      {error && <ErrorNotice error={error} />}
      <ul className="divide-y divide-slate-100 overflow-hidden rounded-lg border border-slate-200 bg-white" aria-label="Notifications">
        {items.map((n) => (
          <li key={n.id}>
            <NotificationItem
              n={n}
              now={now}
              fallbackHref={fallback}
              onOpen={openItem}
              action={
                n.readAt ? null : (
                  <Button
                    variant="ghost"
                    size="sm"
                    loading={busy === n.id}
                    disabled={busy !== null}
                    onClick={() => void run(n.id, { ids: [n.id] }, 'Marked read')}
                    aria-label={`Mark read: ${n.title}`}
                  >
                    Mark read
                  </Button>
                )
              }
            />
          </li>
        ))}
      </ul>
    </div>
  )
}

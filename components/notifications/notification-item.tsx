// One notification in the bell's list and on the notifications page: the title links to its page (and marks it
// read); unread ones say so in text ("New"), not by colour alone.
import Link from 'next/link'
import { cn } from '@/components/ui/cn'
import type { NotificationView } from '@/lib/notifications/schemas'
import { relativeTime, safeAppPath } from './notification-format'

export function NotificationItem({
  n,
  now,
  fallbackHref,
  onOpen,
  action,
  className,
}: {
  n: NotificationView
  now: number
  fallbackHref: string
  onOpen: (n: NotificationView) => void
  /** e.g. the page's "Mark read" button */
  action?: React.ReactNode
  className?: string
}) {
  const unread = !n.readAt
  return (
    <div className={cn('flex gap-3 px-3 py-3', unread && 'bg-brand-50', className)}>
      <span aria-hidden className={cn('mt-1.5 h-2 w-2 shrink-0 rounded-full', unread ? 'bg-brand-600' : 'bg-slate-300')} />
      <div className="min-w-0 flex-1">
        <Link
          href={safeAppPath(n.url, fallbackHref)}
          onClick={() => onOpen(n)}
          className={cn('block break-words text-sm text-slate-900 hover:underline', unread ? 'font-semibold' : 'font-medium')}
        >
          {n.title}
        </Link>
        <p className="mt-0.5 line-clamp-3 break-words text-sm text-slate-600">{n.body}</p>
        <p className="mt-1 flex items-center gap-2 text-xs text-slate-500">
          <time dateTime={n.createdAt} title={new Date(n.createdAt).toISOString()}>
            {relativeTime(n.createdAt, now)}
          </time>
          {unread && <span className="rounded-full bg-brand-600 px-1.5 py-px text-[11px] font-semibold text-white">New</span>}
        </p>
      </div>
      {action && <div className="shrink-0 self-start">{action}</div>}
    </div>
  )
}

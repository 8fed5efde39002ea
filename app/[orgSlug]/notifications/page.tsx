// The notification centre: all of the member's notifications in this org, or only the unread ones, newest first,
// 20 a page (filter and page in the URL, so back/forward works). Marking read happens in the client list.
import Link from 'next/link'
import { redirect } from 'next/navigation'
import { requirePageMember } from '@/lib/auth/page-session'
import { memberActor } from '@/lib/auth/actor'
import { AppError } from '@/lib/errors'
import { countUnread, listNotifications } from '@/lib/notifications/list-notifications'
import { PageHeader } from '@/components/ui/card'
import { EmptyState } from '@/components/ui/feedback'
import { buttonVariants } from '@/components/ui/button'
import { cn } from '@/components/ui/cn'
import { NotificationsPageList } from '@/components/notifications/notifications-page-list'
import { nowMs } from '@/components/notifications/notification-format'
import { markNotificationsReadAction } from './actions'

export const metadata = { title: 'Notifications' }

const PAGE_SIZE = 20

type Search = { filter?: string | string[]; before?: string | string[] }
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)

export default async function NotificationsPage({
  params,
  searchParams,
}: {
  params: Promise<{ orgSlug: string }>
  searchParams: Promise<Search>
}) {
  const { orgSlug } = await params
  const { member } = await requirePageMember(orgSlug)
  const actor = memberActor(member)
  const sp = await searchParams
  const unreadOnly = one(sp.filter) === 'unread'
  const before = one(sp.before)?.slice(0, 64) || undefined
  const base = `/${orgSlug}/notifications${unreadOnly ? '?filter=unread' : ''}`

  let page
  try {
    page = await listNotifications({ actor, unreadOnly, before, limit: PAGE_SIZE })
  } catch (e) {
    // a stale or hand-edited cursor: back to the newest page of the same filter
    if (e instanceof AppError && e.code === 'NOT_FOUND' && before) redirect(base)
    throw e
  }
  const { unread } = await countUnread({ actor })
  const olderHref = page.nextCursor
    ? `/${orgSlug}/notifications?${new URLSearchParams({ ...(unreadOnly ? { filter: 'unread' } : {}), before: page.nextCursor })}`
    : null

  return (
    <>
      <PageHeader title="Notifications" description="HOT-lead alerts and other news for you in this organization." />
      <div className="space-y-4">
        <nav aria-label="Filter notifications" className="flex gap-1 rounded-lg bg-slate-100 p-1 text-sm sm:w-fit">
          {[
            { label: 'All', href: `/${orgSlug}/notifications`, active: !unreadOnly },
            { label: unread ? `Unread (${unread})` : 'Unread', href: `/${orgSlug}/notifications?filter=unread`, active: unreadOnly },
          ].map((t) => (
            <Link
              key={t.label}
              href={t.href}
              aria-current={t.active ? 'page' : undefined}
              className={cn(
                'flex-1 rounded-md px-4 py-1.5 text-center font-medium sm:flex-none',
                t.active ? 'bg-white text-slate-900 shadow-sm' : 'text-slate-600 hover:text-slate-900',
              )}
            >
              {t.label}
            </Link>
          ))}
        </nav>
        {page.items.length === 0 ? (
          <EmptyState
            title="You're all caught up"
            action={
              before ? (
                <Link href={base} className={buttonVariants({ variant: 'secondary' })}>
                  Back to the newest
                </Link>
              ) : undefined
            }
          >
            {unreadOnly ? 'No unread notifications.' : 'When a scan finds a HOT lead, managers are told here and by email.'}
          </EmptyState>
        ) : (
          <NotificationsPageList
            orgSlug={orgSlug}
            items={page.items}
            now={nowMs()}
            unread={unread}
            markRead={markNotificationsReadAction}
          />
        )}
        {(before || olderHref) && (
          <nav aria-label="Pages" className="flex justify-between gap-2">
            {before ? (
              <Link href={base} className={buttonVariants({ variant: 'secondary', size: 'sm' })}>
                Newest
              </Link>
            ) : (
              <span />
            )}
            {olderHref && (
              <Link href={olderHref} className={buttonVariants({ variant: 'secondary', size: 'sm' })}>
                Older
              </Link>
            )}
          </nav>
        )}
      </div>
    </>
  )
}

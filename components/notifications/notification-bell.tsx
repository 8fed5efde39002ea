'use client'
// The bell in the app shell header: unread count (re-counted every 30 s while the tab is visible, and on focus),
// and a panel with the newest 10 (each links to its page and marks itself read), "Mark all read" and "See all".
// The panel is a disclosure: Escape or a click outside closes it, and Escape returns focus to the bell.
import Link from 'next/link'
import { useRouter } from 'next/navigation'
import { useCallback, useEffect, useId, useRef, useState } from 'react'
import { Button } from '@/components/ui/button'
import { cn } from '@/components/ui/cn'
import { ErrorNotice, Spinner } from '@/components/ui/feedback'
import type { ActionError, ActionFn } from '@/lib/action-result'
import type { ListNotificationsInput, MarkNotificationsReadInput, NotificationView } from '@/lib/notifications/schemas'
import { NotificationItem } from './notification-item'
import { badgeCount, bellLabel, NOTIFICATIONS_CHANGED, nowMs } from './notification-format'

const POLL_MS = 30_000
const PANEL_SIZE = 10

export interface NotificationActions {
  list: ActionFn<{ orgSlug: string } & Partial<ListNotificationsInput>, { items: NotificationView[]; nextCursor: string | null }>
  count: ActionFn<{ orgSlug: string }, { unread: number }>
  markRead: ActionFn<{ orgSlug: string; target: MarkNotificationsReadInput }, { marked: number; unread: number }>
}

type Panel =
  { status: 'idle' | 'loading' } | { status: 'ready'; items: NotificationView[]; now: number } | { status: 'error'; error: ActionError }

export function NotificationBell({
  orgSlug,
  initialUnread,
  actions,
}: {
  orgSlug: string
  initialUnread: number
  actions: NotificationActions
}) {
  const { list, count, markRead } = actions
  const router = useRouter()
  const [unread, setUnread] = useState(initialUnread)
  const [open, setOpen] = useState(false)
  const [panel, setPanel] = useState<Panel>({ status: 'idle' })
  const [marking, setMarking] = useState(false)
  const [markError, setMarkError] = useState<ActionError | null>(null)
  const [announcement, setAnnouncement] = useState('')
  const rootRef = useRef<HTMLDivElement>(null)
  const buttonRef = useRef<HTMLButtonElement>(null)
  const openRef = useRef(false)
  const unreadRef = useRef(initialUnread)
  const panelId = useId()
  const seeAll = `/${orgSlug}/notifications`

  const applyUnread = useCallback((n: number) => {
    unreadRef.current = n
    setUnread(n)
  }, [])

  const load = useCallback(async () => {
    setPanel((p) => (p.status === 'ready' ? p : { status: 'loading' }))
    const r = await list({ orgSlug, limit: PANEL_SIZE })
    setPanel(r.ok ? { status: 'ready', items: r.data.items, now: nowMs() } : { status: 'error', error: r.error })
  }, [list, orgSlug])

  const recount = useCallback(async () => {
    const r = await count({ orgSlug })
    if (!r.ok) return // a failed poll keeps the last count; the next one tries again
    const before = unreadRef.current
    applyUnread(r.data.unread)
    if (r.data.unread > before) setAnnouncement(`New notification. ${bellLabel(r.data.unread)}`)
    if (openRef.current && r.data.unread !== before) void load()
  }, [applyUnread, count, load, orgSlug])

  // poll while the tab is visible; re-count on focus and when another part of the page marked some read
  useEffect(() => {
    const refresh = () => {
      if (document.visibilityState === 'visible') void recount()
    }
    const onChanged = (e: Event) => {
      const n = (e as CustomEvent<{ unread?: number }>).detail?.unread
      if (typeof n === 'number') applyUnread(n)
      else void recount()
      if (openRef.current) void load()
    }
    const timer = window.setInterval(refresh, POLL_MS)
    window.addEventListener('focus', refresh)
    document.addEventListener('visibilitychange', refresh)
    window.addEventListener(NOTIFICATIONS_CHANGED, onChanged)
    return () => {
      window.clearInterval(timer)
      window.removeEventListener('focus', refresh)
      document.removeEventListener('visibilitychange', refresh)
      window.removeEventListener(NOTIFICATIONS_CHANGED, onChanged)
    }
  }, [applyUnread, load, recount])

  const setOpenState = useCallback((v: boolean) => {
    openRef.current = v
    setOpen(v)
  }, [])

  useEffect(() => {
    if (!open) return
    const onPointer = (e: PointerEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setOpenState(false)
    }
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return
      setOpenState(false)
      buttonRef.current?.focus()
    }
    document.addEventListener('pointerdown', onPointer)
    document.addEventListener('keydown', onKey)
    return () => {
      document.removeEventListener('pointerdown', onPointer)
      document.removeEventListener('keydown', onKey)
    }
  }, [open, setOpenState])

  const toggle = () => {
    if (open) return setOpenState(false)
    setMarkError(null)
    setOpenState(true)
    void load()
  }

  const openItem = (n: NotificationView) => {
    setOpenState(false)
    if (n.readAt) return
    const readAt = new Date(nowMs()).toISOString()
    applyUnread(Math.max(0, unreadRef.current - 1))
    setPanel((p) => (p.status === 'ready' ? { ...p, items: p.items.map((x) => (x.id === n.id ? { ...x, readAt } : x)) } : p))
    void markRead({ orgSlug, target: { ids: [n.id] } }).then((r) => r.ok && applyUnread(r.data.unread))
  }

  const markAll = async () => {
    setMarking(true)
    setMarkError(null)
    const r = await markRead({ orgSlug, target: { all: true } })
    setMarking(false)
    if (!r.ok) return setMarkError(r.error)
    applyUnread(r.data.unread)
    const readAt = new Date(nowMs()).toISOString()
    setPanel((p) => (p.status === 'ready' ? { ...p, items: p.items.map((x) => ({ ...x, readAt: x.readAt ?? readAt })) } : p))
    router.refresh() // the notifications page, when open, shows the same rows
  }

  return (
    // static below `sm`: the panel then hangs from the (sticky) header, full width; under the bell from `sm` up
    <div ref={rootRef} className="sm:relative">
      <button
        ref={buttonRef}
        type="button"
        aria-label={bellLabel(unread)}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={toggle}
        className="relative flex h-10 w-10 items-center justify-center rounded-full text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
      >
        <BellIcon />
        {unread > 0 && (
          <span
            aria-hidden
            className="absolute right-0.5 top-0.5 min-w-5 rounded-full bg-red-600 px-1 text-center text-[11px] font-semibold leading-5 text-white ring-2 ring-white"
          >
            {badgeCount(unread)}
          </span>
        )}
      </button>
      <span role="status" aria-live="polite" className="sr-only">
        {announcement}
      </span>
      <div
        id={panelId}
        role="region"
        aria-label="Notifications"
        hidden={!open}
        className={cn(
          'absolute inset-x-2 top-full z-30 mt-1 flex max-h-[min(34rem,calc(100dvh-5rem))] flex-col overflow-hidden rounded-lg border border-slate-200 bg-white shadow-lg',
          'sm:inset-x-auto sm:right-0 sm:w-96',
          !open && 'hidden',
        )}
      >
        <div className="flex items-center justify-between gap-2 border-b border-slate-200 px-3 py-2">
          <h2 className="text-sm font-semibold text-slate-900">Notifications</h2>
          <Button variant="ghost" size="sm" onClick={markAll} loading={marking} disabled={unread === 0}>
            Mark all read
          </Button>
        </div>
        {markError && (
          <div className="px-3 pt-2">
            <ErrorNotice error={markError} />
          </div>
        )}
        <div className="min-h-0 flex-1 overflow-y-auto">
          {panel.status !== 'ready' && panel.status !== 'error' ? (
            <div className="px-3 py-6">
              <Spinner label="Loading notifications" />
            </div>
          ) : panel.status === 'error' ? (
            <div className="p-3">
              <ErrorNotice
                error={{ message: 'Your notifications could not be loaded.', requestId: panel.error.requestId }}
                action={
                  <Button variant="secondary" size="sm" className="mt-2" onClick={() => void load()}>
                    Try again
                  </Button>
                }
              />
            </div>
          ) : panel.items.length === 0 ? (
            <p className="px-3 py-8 text-center text-sm text-slate-600">You&apos;re all caught up</p>
          ) : (
            <ul className="divide-y divide-slate-100" aria-label="Newest notifications">
              {panel.items.map((n) => (
                <li key={n.id}>
                  <NotificationItem n={n} now={panel.now} fallbackHref={seeAll} onOpen={openItem} />
                </li>
              ))}
            </ul>
          )}
        </div>
        <div className="border-t border-slate-200 px-3 py-2 text-center">
          <Link href={seeAll} onClick={() => setOpenState(false)} className="text-sm font-medium text-brand-700 hover:underline">
            See all notifications
          </Link>
        </div>
      </div>
    </div>
  )
}

function BellIcon() {
  return (
    <svg aria-hidden viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round">
      <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  )
}

'use client'
// The signed-in frame: top bar (menu toggle on mobile, org switcher, notification bell, user menu), sidebar, main content.
import Link from 'next/link'
import { useState } from 'react'
import { SidebarNav } from './sidebar-nav'
import { cn } from '@/components/ui/cn'

export function AppShell({
  orgSlug,
  showScans = false,
  banner,
  orgSwitcher,
  userMenu,
  notifications,
  children,
}: {
  orgSlug: string
  /** the member may look at scans (scan.read): the nav shows "Scans" */
  showScans?: boolean
  banner?: React.ReactNode
  orgSwitcher: React.ReactNode
  userMenu: React.ReactNode
  /** the notification bell (components/notifications), rendered by the org layout */
  notifications?: React.ReactNode
  children: React.ReactNode
}) {
  const [open, setOpen] = useState(false)
  return (
    <div className="flex min-h-screen flex-col">
      {banner}
      <header className="sticky top-0 z-20 flex h-14 items-center gap-2 border-b border-slate-200 bg-white px-3 md:px-4">
        <button
          type="button"
          className="rounded-md p-2 text-slate-700 hover:bg-slate-100 md:hidden"
          aria-expanded={open}
          aria-controls="app-sidebar"
          onClick={() => setOpen((v) => !v)}
        >
          <span aria-hidden>{open ? '✕' : '☰'}</span>
          <span className="sr-only">{open ? 'Close navigation' : 'Open navigation'}</span>
        </button>
        <Link href={`/${orgSlug}`} className="mr-2 hidden font-bold text-brand-700 sm:block">
          Fish Mouth
        </Link>
        {orgSwitcher}
        <div className="ml-auto flex items-center gap-1">
          {notifications}
          {userMenu}
        </div>
      </header>
      <div className="flex flex-1">
        <aside
          id="app-sidebar"
          className={cn(
            'w-56 shrink-0 border-r border-slate-200 bg-white p-3 md:block',
            open ? 'fixed inset-y-14 left-0 z-10 block shadow-lg' : 'hidden',
          )}
        >
          <SidebarNav orgSlug={orgSlug} showScans={showScans} onNavigate={() => setOpen(false)} />
        </aside>
        <main id="main" className="min-w-0 flex-1 p-4 md:p-8">
          {children}
        </main>
      </div>
    </div>
  )
}

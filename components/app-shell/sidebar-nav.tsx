'use client'
import Link from 'next/link'
import { usePathname } from 'next/navigation'
import { cn } from '@/components/ui/cn'

export function SidebarNav({ orgSlug, showScans = false, onNavigate }: { orgSlug: string; showScans?: boolean; onNavigate?: () => void }) {
  const pathname = usePathname()
  const items = [
    { href: `/${orgSlug}`, label: 'Dashboard', exact: true },
    ...(showScans ? [{ href: `/${orgSlug}/scans`, label: 'Scans' }] : []),
    { href: `/${orgSlug}/leads`, label: 'Leads' },
    { href: `/${orgSlug}/settings`, label: 'Settings' },
  ]
  return (
    <nav aria-label="Main">
      <ul className="space-y-1">
        {items.map((i) => {
          const active = i.exact ? pathname === i.href : pathname === i.href || pathname.startsWith(`${i.href}/`)
          return (
            <li key={i.href}>
              <Link
                href={i.href}
                onClick={onNavigate}
                aria-current={active ? 'page' : undefined}
                className={cn(
                  'block rounded-md px-3 py-2 text-sm font-medium',
                  active ? 'bg-brand-50 text-brand-700' : 'text-slate-700 hover:bg-slate-100',
                )}
              >
                {i.label}
              </Link>
            </li>
          )
        })}
      </ul>
    </nav>
  )
}

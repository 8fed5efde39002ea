// Table / Map toggle plus the list's secondary actions (import, trash, export), preserving the filters.
import Link from 'next/link'
import { cn } from '@/components/ui/cn'
import { buttonVariants } from '@/components/ui/button'

export function LeadsViewToggle({ orgSlug, current, qs }: { orgSlug: string; current: 'table' | 'map'; qs: string }) {
  const tab = (href: string, label: string, on: boolean) => (
    <Link
      href={href}
      aria-current={on ? 'page' : undefined}
      className={cn(
        'rounded-md px-3 py-1.5 text-sm font-medium',
        on ? 'bg-white text-slate-900 shadow-sm' : 'text-slate-600 hover:text-slate-900',
      )}
    >
      {label}
    </Link>
  )
  return (
    <nav aria-label="Lead views" className="inline-flex rounded-lg bg-slate-100 p-1">
      {tab(`/${orgSlug}/leads${qs}`, 'Table', current === 'table')}
      {tab(`/${orgSlug}/leads/map${qs}`, 'Map', current === 'map')}
    </nav>
  )
}

export function LeadsActions({
  orgSlug,
  qs,
  canImport,
  canExport,
  canTrash,
}: {
  orgSlug: string
  qs: string
  canImport: boolean
  canExport: boolean
  canTrash: boolean
}) {
  return (
    <>
      {canExport && (
        <a href={`/${orgSlug}/leads/export${qs}`} download className={buttonVariants({ variant: 'secondary', size: 'sm' })}>
          Export CSV
        </a>
      )}
      {canTrash && (
        <Link href={`/${orgSlug}/leads/trash`} className={buttonVariants({ variant: 'ghost', size: 'sm' })}>
          Trash
        </Link>
      )}
      {canImport && (
        <Link href={`/${orgSlug}/leads/import`} className={buttonVariants({ variant: 'primary', size: 'sm' })}>
          Import CSV
        </Link>
      )}
    </>
  )
}

import Link from 'next/link'
import { ROLE_LABELS } from '@/lib/members/schemas'

export interface OrgOption {
  slug: string
  name: string
  role: keyof typeof ROLE_LABELS
}

/** A disclosure menu of the user's organizations (works without JavaScript). */
export function OrgSwitcher({ current, orgs }: { current: { slug: string; name: string }; orgs: OrgOption[] }) {
  return (
    <details className="group relative">
      <summary className="flex cursor-pointer list-none items-center gap-2 rounded-md px-2 py-1.5 text-sm font-semibold hover:bg-slate-100 [&::-webkit-details-marker]:hidden">
        <span className="max-w-[12rem] truncate">{current.name}</span>
        <span aria-hidden className="text-slate-400 group-open:rotate-180">
          ▾
        </span>
        <span className="sr-only">Switch organization</span>
      </summary>
      <div className="absolute left-0 z-30 mt-1 w-64 rounded-md border border-slate-200 bg-white py-1 shadow-lg">
        <p className="px-3 py-1 text-xs font-medium uppercase tracking-wide text-slate-500">Your organizations</p>
        <ul>
          {orgs.map((o) => (
            <li key={o.slug}>
              <Link
                href={`/${o.slug}`}
                aria-current={o.slug === current.slug ? 'page' : undefined}
                className="flex items-center justify-between gap-2 px-3 py-2 text-sm hover:bg-slate-50 aria-[current=page]:font-semibold"
              >
                <span className="truncate">{o.name}</span>
                <span className="text-xs text-slate-500">{ROLE_LABELS[o.role]}</span>
              </Link>
            </li>
          ))}
        </ul>
        <div className="mt-1 border-t border-slate-100 pt-1">
          <Link href="/orgs/new" className="block px-3 py-2 text-sm text-brand-600 hover:bg-slate-50">
            + Create organization
          </Link>
          <Link href="/orgs" className="block px-3 py-2 text-sm text-slate-700 hover:bg-slate-50">
            All organizations
          </Link>
        </div>
      </div>
    </details>
  )
}

import Link from 'next/link'

/** Account links and sign out. `signOut` is the auth area's sign-out form/button. */
export function UserMenu({ user, signOut }: { user: { name: string; email: string }; signOut: React.ReactNode }) {
  const initials =
    user.name
      .split(/\s+/)
      .map((p) => p[0])
      .join('')
      .slice(0, 2)
      .toUpperCase() || '?'
  return (
    <details className="relative">
      <summary className="flex cursor-pointer list-none items-center gap-2 rounded-full p-1 hover:bg-slate-100 [&::-webkit-details-marker]:hidden">
        <span aria-hidden className="flex h-8 w-8 items-center justify-center rounded-full bg-brand-600 text-xs font-semibold text-white">
          {initials}
        </span>
        <span className="sr-only">Account menu for {user.name}</span>
      </summary>
      <div className="absolute right-0 z-30 mt-1 w-60 rounded-md border border-slate-200 bg-white py-1 shadow-lg">
        <div className="border-b border-slate-100 px-3 py-2">
          <p className="truncate text-sm font-medium">{user.name}</p>
          <p className="truncate text-xs text-slate-500">{user.email}</p>
        </div>
        <Link href="/account/profile" className="block px-3 py-2 text-sm hover:bg-slate-50">
          Profile
        </Link>
        <Link href="/account/security" className="block px-3 py-2 text-sm hover:bg-slate-50">
          Security &amp; sessions
        </Link>
        <Link href="/orgs" className="block px-3 py-2 text-sm hover:bg-slate-50">
          Organizations
        </Link>
        <div className="border-t border-slate-100 px-3 py-2">{signOut}</div>
      </div>
    </details>
  )
}

import Link from 'next/link'
import { buttonVariants } from '@/components/ui/button'
import { Logo } from './logo'

const NAV = [
  { href: '/pricing', label: 'Pricing' },
  { href: '/help', label: 'Help' },
]

export function SiteHeader() {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
        <Logo />
        <nav aria-label="Main" className="order-3 w-full sm:order-none sm:w-auto">
          <ul className="flex items-center gap-5 text-sm font-medium text-slate-700">
            {NAV.map((n) => (
              <li key={n.href}>
                <Link href={n.href} className="rounded hover:text-brand-700">
                  {n.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="flex items-center gap-2">
          <Link href="/sign-in" className={buttonVariants({ variant: 'ghost', size: 'sm' })}>
            Sign in
          </Link>
          <Link href="/sign-up" className={buttonVariants({ variant: 'primary', size: 'sm' })}>
            Start free trial
          </Link>
        </div>
      </div>
    </header>
  )
}

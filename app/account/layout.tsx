// Account area (any signed-in user, no org): profile and security.
import Link from 'next/link'
import { Logo } from '@/components/marketing/logo'
import { SignOutButton } from '@/components/auth/sign-out-button'
import { requirePageSession } from '@/lib/auth/page-session'
import { signOutAction } from '@/app/(auth)/actions'

export default async function AccountLayout({ children }: { children: React.ReactNode }) {
  const session = await requirePageSession('/account/profile')
  return (
    <div className="min-h-screen bg-slate-50">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-4xl items-center justify-between gap-4 px-4 py-3">
          <Logo className="shrink-0 whitespace-nowrap" />
          <div className="flex items-center gap-2 whitespace-nowrap text-sm sm:gap-3">
            <span className="hidden text-slate-600 sm:inline">{session.user.email}</span>
            <Link href="/orgs" className="font-medium text-brand-600 hover:underline">
              Your organizations
            </Link>
            <SignOutButton action={signOutAction} />
          </div>
        </div>
      </header>
      <div className="mx-auto grid max-w-4xl gap-6 px-4 py-8 md:grid-cols-[12rem_1fr]">
        <nav aria-label="Account" className="flex gap-2 md:flex-col">
          <Link href="/account/profile" className="rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100">
            Profile
          </Link>
          <Link href="/account/security" className="rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100">
            Security &amp; sessions
          </Link>
        </nav>
        <main id="main" className="min-w-0">
          {!session.user.emailVerifiedAt && (
            <div role="status" className="mb-4 rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
              Your email is not confirmed yet.{' '}
              <Link href="/verify-email" className="font-medium underline">
                Confirm it
              </Link>{' '}
              to open your organization.
            </div>
          )}
          {children}
        </main>
      </div>
    </div>
  )
}

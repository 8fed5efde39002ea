// Sign-in, sign-up, verification and password pages: a centered card with the logo linking home.
import Link from 'next/link'
import { Logo } from '@/components/marketing/logo'

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col items-center bg-slate-50 px-4 py-10 sm:py-16">
      <Logo />
      <main id="main" className="mt-8 w-full max-w-md rounded-lg border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
        {children}
      </main>
      <p className="mt-6 text-xs text-slate-500">
        Need help?{' '}
        <Link href="/help" className="underline">
          Visit the help center
        </Link>
      </p>
    </div>
  )
}

import Link from 'next/link'
import { SiteFooter } from '@/components/marketing/site-footer'
import { SiteHeader } from '@/components/marketing/site-header'
import { buttonVariants } from '@/components/ui/button'

export default function NotFound() {
  return (
    <div className="flex min-h-screen flex-col bg-white">
      <SiteHeader />
      <main id="main" className="mx-auto w-full max-w-xl flex-1 px-4 py-20 text-center sm:px-6">
        <p className="text-sm font-semibold text-brand-700">404</p>
        <h1 className="mt-2 text-3xl font-bold tracking-tight text-slate-900">Page not found</h1>
        <p className="mt-3 text-slate-700">
          The page does not exist, or you do not have access to it. Check the address, or sign in with the account that was invited.
        </p>
        <div className="mt-8 flex flex-wrap justify-center gap-3">
          <Link href="/" className={buttonVariants({})}>
            Go to the home page
          </Link>
          <Link href="/help" className={buttonVariants({ variant: 'secondary' })}>
            Help center
          </Link>
        </div>
      </main>
      <SiteFooter />
    </div>
  )
}

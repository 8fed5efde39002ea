'use client'
import Link from 'next/link'
import { buttonVariants } from '@/components/ui/button'

/**
 * The body of the route error boundaries: a short message, what to do, and a support reference. Next only
 * passes the error digest to the client (server messages are masked in production); the digest is logged
 * server-side with the request, so support can find the failing request from it.
 */
export function ErrorView({ reference, onRetry }: { reference?: string; onRetry?: () => void }) {
  return (
    <div className="mx-auto max-w-xl px-4 py-16 sm:px-6">
      <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-6 text-red-900">
        <h1 className="text-xl font-semibold">Something went wrong on our side</h1>
        <p className="mt-2 text-sm">
          Your data is safe. Try again in a moment; if it keeps happening, contact support and quote the reference below.
        </p>
        {reference && (
          <p className="mt-3 text-xs">
            Support reference: <code className="rounded bg-white/70 px-1 py-0.5">{reference}</code>
          </p>
        )}
      </div>
      <div className="mt-6 flex flex-wrap gap-3">
        {onRetry && (
          <button type="button" onClick={onRetry} className={buttonVariants({})}>
            Try again
          </button>
        )}
        <Link href="/" className={buttonVariants({ variant: 'secondary' })}>
          Go to the home page
        </Link>
        <Link href="/help" className={buttonVariants({ variant: 'ghost' })}>
          Help center
        </Link>
      </div>
    </div>
  )
}

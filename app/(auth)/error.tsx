'use client'
// Errors inside the auth card: short message + support reference (the digest, logged server-side).
import Link from 'next/link'
import { Alert } from '@/components/ui/feedback'
import { Button } from '@/components/ui/button'

export default function AuthError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="space-y-4">
      <Alert tone="error" title="Something went wrong on our side">
        Try again in a moment. If it keeps happening, contact support.
        {error.digest && (
          <p className="mt-1 text-xs opacity-80">
            Support reference: <code>{error.digest}</code>
          </p>
        )}
      </Alert>
      <div className="flex gap-3">
        <Button type="button" onClick={reset}>
          Try again
        </Button>
        <Link href="/sign-in" className="self-center text-sm text-brand-600 hover:underline">
          Back to sign in
        </Link>
      </div>
    </div>
  )
}

'use client'
import { Alert } from '@/components/ui/feedback'
import { Button } from '@/components/ui/button'

export default function AccountError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="space-y-4">
      <Alert tone="error" title="We could not load your account settings">
        Your data is safe. Try again; if it keeps happening, contact support.
        {error.digest && (
          <p className="mt-1 text-xs opacity-80">
            Support reference: <code>{error.digest}</code>
          </p>
        )}
      </Alert>
      <Button type="button" onClick={reset}>
        Try again
      </Button>
    </div>
  )
}

'use client'
import { Button } from '@/components/ui/button'
import { ErrorNotice } from '@/components/ui/feedback'

export default function ReviewQueueError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="mx-auto max-w-xl py-8">
      <ErrorNotice
        error={{
          message: 'The review queue could not be loaded. Try again; if it keeps failing, contact support.',
          requestId: error.digest,
        }}
        action={
          <Button variant="secondary" size="sm" className="mt-2" onClick={reset}>
            Try again
          </Button>
        }
      />
    </div>
  )
}

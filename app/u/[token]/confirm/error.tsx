'use client'
import { Button } from '@/components/ui/button'
import { ErrorNotice } from '@/components/ui/feedback'

export default function UnsubscribeError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main id="main" className="mx-auto max-w-lg p-4 sm:p-6 md:p-10">
      <ErrorNotice
        error={{ message: 'This page could not be loaded. Try again in a moment.', requestId: error.digest }}
        action={
          <Button variant="secondary" size="sm" className="mt-2" onClick={reset}>
            Try again
          </Button>
        }
      />
    </main>
  )
}

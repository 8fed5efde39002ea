'use client'
import { Button } from '@/components/ui/button'
import { ErrorNotice } from '@/components/ui/feedback'

export default function InviteError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main id="main" className="mx-auto max-w-lg p-6 md:p-10">
      <ErrorNotice
        error={{
          message: 'This invitation could not be loaded. Try again; if it keeps failing, contact support.',
          requestId: error.digest,
        }}
        action={
          <Button variant="secondary" size="sm" className="mt-2" onClick={reset}>
            Try again
          </Button>
        }
      />
    </main>
  )
}

'use client'
import { ErrorNotice } from '@/components/ui/feedback'
import { Button } from '@/components/ui/button'

export default function AdminError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main id="main" className="mx-auto max-w-3xl p-6">
      <ErrorNotice
        error={{ message: 'This staff page could not load. Try again; if it keeps failing, contact engineering.', requestId: error.digest }}
        action={
          <Button size="sm" variant="secondary" className="mt-2" onClick={reset}>
            Try again
          </Button>
        }
      />
    </main>
  )
}

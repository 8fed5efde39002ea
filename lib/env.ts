// zod-validated environment. In production a missing secret, or a development default, stops the boot.
import { z } from 'zod'

export const DEV_AUTH_SECRET = 'dev-only-auth-secret-do-not-use-in-production-000'
export const DEV_ENCRYPTION_KEY = '00'.repeat(31) + '01'

const optionalUrl = z.url().optional()
const optional = z.string().min(1).optional()

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  DATABASE_URL: z.url({ message: 'DATABASE_URL must be a postgres:// URL' }),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  APP_URL: z.url().default('http://localhost:3000'),
  AUTH_SECRET: z.string().min(32, 'AUTH_SECRET must be at least 32 characters').default(DEV_AUTH_SECRET),
  ENCRYPTION_KEY: z.string().regex(/^[0-9a-f]{64}$/, 'ENCRYPTION_KEY must be 64 hex characters (32 bytes)').default(DEV_ENCRYPTION_KEY),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  REDIS_URL: optionalUrl,
  EMAIL_FROM: z.string().default('Fish Mouth <no-reply@fishmouth.local>'),
  COMPANY_POSTAL_ADDRESS: z.string().default('Fish Mouth Inc., 100 Main St, Austin, TX 78701'),
  SENDGRID_API_KEY: optional,
  SENDGRID_BASE_URL: optionalUrl,
  SENTRY_DSN: optional,
  /** set by CI/e2e to expose the dev mailbox on a production build; never set in real production */
  FM_ENABLE_DEV_MAILBOX: z.enum(['0', '1']).default('0'),
})

export type Env = z.infer<typeof schema>

/** Secrets that must be set explicitly (and not to a dev default) in production. */
const PRODUCTION_SECRETS: Array<[keyof Env, string]> = [
  ['AUTH_SECRET', DEV_AUTH_SECRET],
  ['ENCRYPTION_KEY', DEV_ENCRYPTION_KEY],
]

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source)
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`)
    throw new Error(`Invalid environment:\n${lines.join('\n')}`)
  }
  const env = result.data
  if (env.NODE_ENV === 'production' && source.FM_ALLOW_DEV_SECRETS !== '1') {
    const bad = PRODUCTION_SECRETS.filter(([k, dev]) => !source[k] || source[k] === dev).map(([k]) => k)
    if (bad.length) {
      throw new Error(`Refusing to start in production: set real values for ${bad.join(', ')} (missing or a development default).`)
    }
  }
  return env
}

let cached: Env | undefined
export function env(): Env {
  cached ??= parseEnv(process.env)
  return cached
}

export const isProduction = () => env().NODE_ENV === 'production'

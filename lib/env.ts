// zod-validated environment. In production a missing secret, or a development default, stops the boot.
import 'server-only'
import { z } from 'zod'

export const DEV_AUTH_SECRET = 'dev-only-auth-secret-do-not-use-in-production-000'
export const DEV_ENCRYPTION_KEY = '00'.repeat(31) + '01'

const optionalUrl = z.url().optional()
const optional = z.string().min(1).optional()
const flag = z.enum(['0', '1']).optional()

/**
 * Provider keys, base-URL overrides (tests point the real SDKs at local fakes) and kill switches
 * (FM_DISABLE_<PROVIDER>=1 → the integration is treated as unavailable). All optional: a missing key means
 * the provider runs in sandbox mode. lib/external/config.ts re-reads these on every call (zod-parsed).
 */
export const PROVIDER_ENV = {
  FM_SANDBOX: flag,
  /** when set, GET /api/metrics requires `Authorization: Bearer <token>` */
  METRICS_TOKEN: optional,
  ANTHROPIC_API_KEY: optional,
  ANTHROPIC_BASE_URL: optionalUrl,
  ANTHROPIC_MODEL: optional,
  OPENAI_API_KEY: optional,
  OPENAI_BASE_URL: optionalUrl,
  OPENAI_MODEL: optional,
  TELNYX_API_KEY: optional,
  TELNYX_PUBLIC_KEY: optional,
  TELNYX_BASE_URL: optionalUrl,
  TELNYX_CONNECTION_ID: optional,
  TELNYX_MESSAGING_PROFILE_ID: optional,
  SENDGRID_API_KEY: optional,
  SENDGRID_BASE_URL: optionalUrl,
  SENDGRID_WEBHOOK_PUBLIC_KEY: optional,
  STRIPE_SECRET_KEY: optional,
  STRIPE_WEBHOOK_SECRET: optional,
  STRIPE_API_HOST: optional,
  STRIPE_API_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  STRIPE_API_PROTOCOL: z.enum(['http', 'https']).optional(),
  /** Stripe price ids (lib/billing/stripe-prices.ts): each plan's monthly price and its metered quality-lead price */
  STRIPE_PRICE_PROFESSIONAL: optional,
  STRIPE_PRICE_PROFESSIONAL_LEADS: optional,
  STRIPE_PRICE_ENTERPRISE: optional,
  STRIPE_PRICE_ENTERPRISE_LEADS: optional,
  /** 1 = Stripe Tax computes sales tax at Checkout and on every invoice (needs Stripe Tax set up in the dashboard) */
  STRIPE_TAX_ENABLED: flag,
  LOB_API_KEY: optional,
  LOB_BASE_URL: optionalUrl,
  LOB_WEBHOOK_SECRET: optional,
  MAPBOX_TOKEN: optional,
  MAPBOX_BASE_URL: optionalUrl,
  GOOGLE_MAPS_API_KEY: optional,
  GOOGLE_MAPS_BASE_URL: optionalUrl,
  ELEVENLABS_API_KEY: optional,
  ELEVENLABS_BASE_URL: optionalUrl,
  ELEVENLABS_VOICE_ID: optional,
  DEEPGRAM_API_KEY: optional,
  DEEPGRAM_BASE_URL: optionalUrl,
  APOLLO_API_KEY: optional,
  APOLLO_BASE_URL: optionalUrl,
  META_ACCESS_TOKEN: optional,
  META_AD_ACCOUNT_ID: optional,
  META_GRAPH_BASE_URL: optionalUrl,
  GOOGLE_ADS_DEVELOPER_TOKEN: optional,
  GOOGLE_ADS_CUSTOMER_ID: optional,
  GOOGLE_ADS_CLIENT_ID: optional,
  GOOGLE_ADS_CLIENT_SECRET: optional,
  GOOGLE_ADS_REFRESH_TOKEN: optional,
  GOOGLE_ADS_BASE_URL: optionalUrl,
  GOOGLE_OAUTH_BASE_URL: optionalUrl,
  /** image storage: local directory (default .data/images); S3-compatible object storage when S3_BUCKET is set */
  IMAGE_STORAGE_DIR: optional,
  S3_BUCKET: optional,
  /** S3-compatible endpoint (MinIO, R2, B2…); empty → AWS S3 for S3_REGION */
  S3_ENDPOINT: optionalUrl,
  S3_REGION: optional,
  S3_ACCESS_KEY_ID: optional,
  S3_SECRET_ACCESS_KEY: optional,
  /** 1 → https://endpoint/bucket/key (MinIO and most S3-compatible stores) instead of https://bucket.endpoint/key */
  S3_FORCE_PATH_STYLE: z.enum(['0', '1', 'true', 'false']).optional(),
  /** Regrid parcels API v2 (property discovery): token (sent in the query string), base URL override for tests */
  REGRID_TOKEN: optional,
  REGRID_BASE_URL: optionalUrl,
  /** OpenStreetMap Overpass (keyless discovery fallback): instance URL (default the public one), 0 = never call it */
  OVERPASS_URL: optionalUrl,
  OVERPASS_ENABLED: flag,
  FM_DISABLE_ANTHROPIC: flag,
  FM_DISABLE_OPENAI: flag,
  FM_DISABLE_TELNYX: flag,
  FM_DISABLE_SENDGRID: flag,
  FM_DISABLE_STRIPE: flag,
  FM_DISABLE_LOB: flag,
  FM_DISABLE_MAPBOX: flag,
  FM_DISABLE_GOOGLE_MAPS: flag,
  FM_DISABLE_ELEVENLABS: flag,
  FM_DISABLE_DEEPGRAM: flag,
  FM_DISABLE_APOLLO: flag,
  FM_DISABLE_META_ADS: flag,
  FM_DISABLE_GOOGLE_ADS: flag,
  FM_DISABLE_REGRID: flag,
  FM_DISABLE_OVERPASS: flag,
  FM_DISABLE_S3: flag,
}
export const providerEnvSchema = z.object(PROVIDER_ENV)
export type ProviderEnv = z.infer<typeof providerEnvSchema>

/**
 * Provider secrets production cannot run without (billing has no safe sandbox for paying customers).
 * FM_SANDBOX=1 (demo/e2e on a production build) waives them. The one list; doctor and boot both read it.
 */
export const PRODUCTION_REQUIRED_PROVIDER_SECRETS = ['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET'] as const

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  DATABASE_URL: z.url({ message: 'DATABASE_URL must be a postgres:// URL' }),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  APP_URL: z.url().default('http://localhost:3000'),
  AUTH_SECRET: z.string().min(32, 'AUTH_SECRET must be at least 32 characters').default(DEV_AUTH_SECRET),
  ENCRYPTION_KEY: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'ENCRYPTION_KEY must be 64 hex characters (32 bytes)')
    .default(DEV_ENCRYPTION_KEY),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  REDIS_URL: optionalUrl,
  EMAIL_FROM: z.string().default('Fish Mouth <no-reply@fishmouth.local>'),
  COMPANY_POSTAL_ADDRESS: z.string().default('Fish Mouth Inc., 100 Main St, Austin, TX 78701'),
  SENTRY_DSN: optional,
  ...PROVIDER_ENV,
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
  // `next build` loads server modules with NODE_ENV=production but is not a boot: secrets arrive at run time.
  const booting = source.NEXT_PHASE !== 'phase-production-build'
  if (booting && env.NODE_ENV === 'production') {
    const bad = PRODUCTION_SECRETS.filter(([k, dev]) => !source[k] || source[k] === dev).map(([k]) => k)
    if (bad.length) {
      throw new Error(`Refusing to start in production: set real values for ${bad.join(', ')} (missing or a development default).`)
    }
  }
  if (booting && env.NODE_ENV === 'production' && source.FM_SANDBOX !== '1') {
    const missing = PRODUCTION_REQUIRED_PROVIDER_SECRETS.filter((k) => !source[k])
    if (missing.length) {
      throw new Error(`Refusing to start in production: ${missing.join(', ')} must be set (or FM_SANDBOX=1 for a sandbox demo).`)
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

// Which providers are live, in sandbox, misconfigured or switched off. Re-read from process.env on every call
// (zod-parsed) so a kill switch flipped by the operator, or a test pointing an SDK at a fake, takes effect
// without a restart. `npm run doctor` and /admin/health print this.
import 'server-only'
import { providerEnvSchema, type ProviderEnv } from '@/lib/env'

export const PROVIDERS = [
  'anthropic',
  'openai',
  'telnyx',
  'sendgrid',
  'stripe',
  'lob',
  'mapbox',
  'google_maps',
  'elevenlabs',
  'deepgram',
  'apollo',
  'meta_ads',
  'google_ads',
  'regrid',
  'overpass',
  's3',
] as const
export type ProviderName = (typeof PROVIDERS)[number]

export type ProviderStatus = 'live' | 'sandbox' | 'misconfigured' | 'disabled'
export interface ProviderState {
  provider: ProviderName
  status: ProviderStatus
  reason: string
}

export const PROVIDER_LABELS: Record<ProviderName, string> = {
  anthropic: 'Anthropic (AI)',
  openai: 'OpenAI (AI fallback)',
  telnyx: 'Telnyx (SMS + voice)',
  sendgrid: 'SendGrid (email)',
  stripe: 'Stripe (billing)',
  lob: 'Lob (direct mail)',
  mapbox: 'Mapbox (imagery)',
  google_maps: 'Google Maps (geocoding)',
  elevenlabs: 'ElevenLabs (voice)',
  deepgram: 'Deepgram (transcription)',
  apollo: 'Apollo (enrichment)',
  meta_ads: 'Meta Ads',
  google_ads: 'Google Ads',
  regrid: 'Regrid (parcels)',
  overpass: 'Overpass (OSM buildings)',
  s3: 'S3 (image storage)',
}

export function providerEnv(source: Record<string, string | undefined> = process.env): ProviderEnv {
  return providerEnvSchema.parse(source)
}

type Check = (e: ProviderEnv) => {
  key: string | undefined
  malformed?: string | null
  missing?: string | null
  /** what "sandbox" means for this provider, when not the default */
  sandboxReason?: string
  /** what "live" means for this provider, when not "key configured" (a keyless provider) */
  liveReason?: string
}

/** The public Overpass instance (REFERENCE.md §4.1: ≤ ~10,000 requests and ~1 GB a day, 2 slots per IP). */
export const OVERPASS_PUBLIC_URL = 'https://overpass-api.de/api/interpreter'

// A key that is present but cannot work is "misconfigured" (doctor exits 1) rather than silently sandboxed.
const CHECKS: Record<ProviderName, Check> = {
  anthropic: (e) => ({
    key: e.ANTHROPIC_API_KEY,
    malformed: /^sk-ant-/.test(e.ANTHROPIC_API_KEY ?? '') ? null : 'ANTHROPIC_API_KEY should start with sk-ant-',
  }),
  openai: (e) => ({
    key: e.OPENAI_API_KEY,
    malformed: /^sk-/.test(e.OPENAI_API_KEY ?? '') ? null : 'OPENAI_API_KEY should start with sk-',
  }),
  telnyx: (e) => ({
    key: e.TELNYX_API_KEY,
    malformed: /^KEY/.test(e.TELNYX_API_KEY ?? '') ? null : 'TELNYX_API_KEY should start with KEY',
    missing: !e.TELNYX_PUBLIC_KEY
      ? 'TELNYX_PUBLIC_KEY is required to verify Telnyx webhooks'
      : Buffer.from(e.TELNYX_PUBLIC_KEY, 'base64').length !== 32
        ? 'TELNYX_PUBLIC_KEY must be a base64 32-byte Ed25519 key'
        : null,
  }),
  sendgrid: (e) => ({
    key: e.SENDGRID_API_KEY,
    malformed: /^SG\./.test(e.SENDGRID_API_KEY ?? '') ? null : 'SENDGRID_API_KEY should start with SG.',
  }),
  stripe: (e) => ({
    key: e.STRIPE_SECRET_KEY,
    malformed: /^(sk|rk)_(test|live)_/.test(e.STRIPE_SECRET_KEY ?? '')
      ? null
      : 'STRIPE_SECRET_KEY should start with sk_test_/sk_live_ (or rk_)',
    missing: !e.STRIPE_WEBHOOK_SECRET
      ? 'STRIPE_WEBHOOK_SECRET is required to verify Stripe webhooks'
      : !/^whsec_/.test(e.STRIPE_WEBHOOK_SECRET)
        ? 'STRIPE_WEBHOOK_SECRET should start with whsec_'
        : null,
  }),
  lob: (e) => ({
    key: e.LOB_API_KEY,
    malformed: /^(test|live)_/.test(e.LOB_API_KEY ?? '') ? null : 'LOB_API_KEY should start with test_ or live_',
  }),
  mapbox: (e) => ({
    key: e.MAPBOX_TOKEN,
    malformed: /^(pk|sk)\./.test(e.MAPBOX_TOKEN ?? '') ? null : 'MAPBOX_TOKEN should start with pk. or sk.',
  }),
  google_maps: (e) => ({
    key: e.GOOGLE_MAPS_API_KEY,
    malformed: /^AIza[\w-]{20,}$/.test(e.GOOGLE_MAPS_API_KEY ?? '') ? null : 'GOOGLE_MAPS_API_KEY should look like AIza…',
  }),
  elevenlabs: (e) => ({
    key: e.ELEVENLABS_API_KEY,
    malformed: (e.ELEVENLABS_API_KEY ?? '').length >= 20 ? null : 'ELEVENLABS_API_KEY looks too short',
  }),
  deepgram: (e) => ({
    key: e.DEEPGRAM_API_KEY,
    malformed: (e.DEEPGRAM_API_KEY ?? '').length >= 20 ? null : 'DEEPGRAM_API_KEY looks too short',
  }),
  apollo: (e) => ({ key: e.APOLLO_API_KEY, malformed: (e.APOLLO_API_KEY ?? '').length >= 10 ? null : 'APOLLO_API_KEY looks too short' }),
  meta_ads: (e) => ({
    key: e.META_ACCESS_TOKEN,
    missing: !e.META_AD_ACCOUNT_ID
      ? 'META_AD_ACCOUNT_ID is required with META_ACCESS_TOKEN'
      : !/^act_\d+$/.test(e.META_AD_ACCOUNT_ID)
        ? 'META_AD_ACCOUNT_ID should look like act_123'
        : null,
  }),
  google_ads: (e) => ({
    key: e.GOOGLE_ADS_DEVELOPER_TOKEN,
    missing:
      ['GOOGLE_ADS_CUSTOMER_ID', 'GOOGLE_ADS_CLIENT_ID', 'GOOGLE_ADS_CLIENT_SECRET', 'GOOGLE_ADS_REFRESH_TOKEN']
        .filter((k) => !e[k as keyof ProviderEnv])
        .map((k) => `${k} is required with GOOGLE_ADS_DEVELOPER_TOKEN`)[0] ?? null,
  }),
  // Image storage is a provider like the others (callService: timeout, retry, breaker, kill switch), and its
  // "sandbox" is the local disk (lib/storage): a real store, not a fake, so images survive restarts in dev.
  // FM_DISABLE_S3=1 makes image storage unavailable rather than falling back to disk (other instances read S3).
  s3: (e) => ({
    key: e.S3_BUCKET,
    sandboxReason: `S3_BUCKET not set: images are stored on local disk (${e.IMAGE_STORAGE_DIR ?? '.data/images'})`,
    malformed: /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(e.S3_BUCKET ?? '') ? null : 'S3_BUCKET is not a valid bucket name',
    missing: !e.S3_ACCESS_KEY_ID !== !e.S3_SECRET_ACCESS_KEY ? 'S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY must be set together' : null,
  }),
  // Discovery sources (lib/external/property-sources.ts). FM_SANDBOX=1 puts both in sandbox even with a token.
  regrid: (e) => ({
    key: e.FM_SANDBOX === '1' ? undefined : e.REGRID_TOKEN,
    sandboxReason:
      e.FM_SANDBOX === '1' && e.REGRID_TOKEN
        ? 'FM_SANDBOX=1: sandbox properties, the Regrid token is not used'
        : 'no REGRID_TOKEN: discovery uses Overpass (or the sandbox)',
    malformed: (e.REGRID_TOKEN ?? '').length >= 20 ? null : 'REGRID_TOKEN looks too short',
  }),
  // Keyless: "live" unless switched off (OVERPASS_ENABLED=0, FM_SANDBOX=1). Tests never reach the public
  // instance: under NODE_ENV=test it is live only when OVERPASS_URL points somewhere (a fake).
  overpass: (e) => {
    const off =
      e.FM_SANDBOX === '1'
        ? 'FM_SANDBOX=1: sandbox properties'
        : e.OVERPASS_ENABLED === '0'
          ? 'OVERPASS_ENABLED=0: not called (discovery uses Regrid or the sandbox)'
          : process.env.NODE_ENV === 'test' && !e.OVERPASS_URL
            ? 'NODE_ENV=test without OVERPASS_URL: the public instance is never called by tests'
            : null
    return {
      key: off ? undefined : 'keyless',
      sandboxReason: off ?? undefined,
      liveReason: `keyless, ${e.OVERPASS_URL ?? OVERPASS_PUBLIC_URL}`,
    }
  },
}

export function killSwitchOn(provider: ProviderName, e: ProviderEnv = providerEnv()): boolean {
  return e[`FM_DISABLE_${provider.toUpperCase()}` as keyof ProviderEnv] === '1'
}

export function providerState(provider: ProviderName, e: ProviderEnv = providerEnv()): ProviderState {
  if (killSwitchOn(provider, e)) return { provider, status: 'disabled', reason: `kill switch FM_DISABLE_${provider.toUpperCase()}=1` }
  const c = CHECKS[provider](e)
  if (!c.key) return { provider, status: 'sandbox', reason: c.sandboxReason ?? 'no API key: deterministic sandbox, nobody is contacted' }
  if (c.malformed) return { provider, status: 'misconfigured', reason: c.malformed }
  if (c.missing) return { provider, status: 'misconfigured', reason: c.missing }
  return { provider, status: 'live', reason: c.liveReason ?? 'key configured' }
}

export function allProviderStates(e: ProviderEnv = providerEnv()): ProviderState[] {
  return PROVIDERS.map((p) => providerState(p, e))
}

/**
 * Whether an operation takes the real path. Only "sandbox" answers from the sandbox adapter: a misconfigured
 * provider still calls the real API (it fails loudly, not silently) and a disabled one goes to callService,
 * which refuses it as UPSTREAM_UNAVAILABLE — a kill switch never turns into fake "sent" results.
 */
export function isLive(provider: ProviderName, e: ProviderEnv = providerEnv()): boolean {
  return providerState(provider, e).status !== 'sandbox'
}

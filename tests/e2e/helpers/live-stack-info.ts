// What the live e2e stack (tests/e2e/live-stack.ts) shares with its journeys: where it listens, the parcels it
// serves, and the provider environment that points the real SDKs at the local fakes.
import fs from 'node:fs'
import path from 'node:path'

export const LIVE_STACK_FILE = path.join('.data', 'e2e-live-stack.json')
/** the parcels the Regrid fake serves, around this point (Austin, TX) */
export const LIVE_CENTRE = { lat: 30.2672, lng: -97.7431 }
export const LIVE_PARCELS = 40

export interface LiveStackInfo {
  appUrl: string
  databaseUrl: string
  stripeUrl: string
  centre: { lat: number; lng: number }
  /** the provider environment of the stack's server and worker (for `npm run fm` against the live database) */
  env: Record<string, string>
}

export function readLiveStack(): LiveStackInfo {
  return JSON.parse(fs.readFileSync(LIVE_STACK_FILE, 'utf8')) as LiveStackInfo
}

/** Stripe price ids the simulator knows (tests/fakes/stripe-fake.ts) and the app maps to plans (lib/billing). */
export const LIVE_PRICES = {
  STRIPE_PRICE_PROFESSIONAL: 'price_e2e_professional',
  STRIPE_PRICE_PROFESSIONAL_LEADS: 'price_e2e_professional_leads',
  STRIPE_PRICE_ENTERPRISE: 'price_e2e_enterprise',
  STRIPE_PRICE_ENTERPRISE_LEADS: 'price_e2e_enterprise_leads',
} as const

export function liveStackEnv(o: {
  stripeUrl: string
  webhookSecret: string
  regridUrl: string
  mapboxUrl: string
  anthropicUrl: string
}): Record<string, string> {
  const stripe = new URL(o.stripeUrl)
  return {
    STRIPE_SECRET_KEY: 'sk_test_e2e_live_stack',
    STRIPE_WEBHOOK_SECRET: o.webhookSecret,
    STRIPE_API_HOST: stripe.hostname,
    STRIPE_API_PORT: stripe.port,
    STRIPE_API_PROTOCOL: 'http',
    ...LIVE_PRICES,
    REGRID_TOKEN: 'rg_e2e_live_stack',
    REGRID_BASE_URL: o.regridUrl,
    MAPBOX_TOKEN: 'pk.e2elivestack',
    MAPBOX_BASE_URL: o.mapboxUrl,
    ANTHROPIC_API_KEY: 'sk-ant-e2e-live-stack',
    ANTHROPIC_BASE_URL: o.anthropicUrl,
  }
}

// THE plans, prices, quotas and rate limits (PRODUCT.md §3). One module drives code, UI and copy:
// billing, quota checks, the pricing page and help articles all read these numbers. Money is integer cents.

export type PlanId = 'TRIAL' | 'PROFESSIONAL' | 'ENTERPRISE'

export interface Plan {
  id: PlanId
  name: string
  tagline: string
  /** monthly subscription price in cents (0 = free) */
  priceCents: number
  /** trial length in days; null for paid plans */
  trialDays: number | null
  /** fee per quality lead (score ≥ 60 on live data, billed once) */
  qualityLeadCents: number
  /** quality leads included for free before the fee (Trial: then blocked until upgrade) */
  freeQualityLeads: number
  /** Trial only: after the free quality leads are used, further quality leads are blocked */
  blockAfterFreeLeads: boolean
  seats: number
  /** AI ad generations per month; null = unlimited */
  aiAdGenerationsPerMonth: number | null
  apiAccess: boolean
  whiteLabelReport: boolean
  /** most properties one scan may cover (PRODUCT §5.1: 10–1,000; the Trial plan scans smaller areas) */
  maxScanProperties: number
  /** default monthly usage spend cap in cents (OWNER can change it); 0 = no billable usage on Trial */
  defaultSpendCapCents: number
  requiresCard: boolean
}

export const PLANS: Record<PlanId, Plan> = {
  TRIAL: {
    id: 'TRIAL',
    name: 'Trial',
    tagline: 'Try every feature in sandbox mode and on live data for 14 days. No card needed.',
    priceCents: 0,
    trialDays: 14,
    qualityLeadCents: 0,
    freeQualityLeads: 5,
    blockAfterFreeLeads: true,
    seats: 2,
    aiAdGenerationsPerMonth: 0,
    apiAccess: false,
    whiteLabelReport: false,
    maxScanProperties: 100,
    defaultSpendCapCents: 0,
    requiresCard: false,
  },
  PROFESSIONAL: {
    id: 'PROFESSIONAL',
    name: 'Professional',
    tagline: 'For a growing roofing company with a small sales team.',
    priceCents: 29_900,
    trialDays: null,
    qualityLeadCents: 113,
    freeQualityLeads: 0,
    blockAfterFreeLeads: false,
    seats: 5,
    aiAdGenerationsPerMonth: 5,
    apiAccess: false,
    whiteLabelReport: false,
    maxScanProperties: 1000,
    defaultSpendCapCents: 50_000,
    requiresCard: true,
  },
  ENTERPRISE: {
    id: 'ENTERPRISE',
    name: 'Enterprise',
    tagline: 'For multi-crew operations that need the API and their own brand.',
    priceCents: 99_900,
    trialDays: null,
    qualityLeadCents: 90,
    freeQualityLeads: 0,
    blockAfterFreeLeads: false,
    seats: 50,
    aiAdGenerationsPerMonth: null,
    apiAccess: true,
    whiteLabelReport: true,
    maxScanProperties: 1000,
    defaultSpendCapCents: 200_000,
    requiresCard: true,
  },
}

export const PLAN_ORDER: readonly PlanId[] = ['TRIAL', 'PROFESSIONAL', 'ENTERPRISE']

/** Minimum score of a quality lead (billed once, when it first reaches this on live data). */
export const QUALITY_LEAD_MIN_SCORE = 60

export type UsageKind = 'AI_CALL' | 'SMS_SEGMENT' | 'ENRICHMENT' | 'POSTCARD_4X6' | 'POSTCARD_6X9' | 'LETTER' | 'EMAIL'

export interface UsagePrice {
  kind: UsageKind
  label: string
  /** what one unit is, for copy ("per connected call") */
  unit: string
  cents: number
}

export const USAGE_PRICES: Record<UsageKind, UsagePrice> = {
  AI_CALL: { kind: 'AI_CALL', label: 'AI voice call', unit: 'per connected call', cents: 50 },
  SMS_SEGMENT: { kind: 'SMS_SEGMENT', label: 'SMS', unit: 'per segment', cents: 2 },
  ENRICHMENT: { kind: 'ENRICHMENT', label: 'Contact enrichment', unit: 'per contact found', cents: 500 },
  POSTCARD_4X6: { kind: 'POSTCARD_4X6', label: 'Postcard 4×6', unit: 'per piece', cents: 77 },
  POSTCARD_6X9: { kind: 'POSTCARD_6X9', label: 'Postcard 6×9', unit: 'per piece', cents: 104 },
  LETTER: { kind: 'LETTER', label: 'Letter', unit: 'per piece', cents: 142 },
  EMAIL: { kind: 'EMAIL', label: 'Email', unit: 'with every plan', cents: 0 },
}

export const USAGE_ORDER: readonly UsageKind[] = ['AI_CALL', 'SMS_SEGMENT', 'ENRICHMENT', 'POSTCARD_4X6', 'POSTCARD_6X9', 'LETTER', 'EMAIL']

/** What the usage ledger records (the database enum `UsageKind`): the quality-lead fee plus the priced usage kinds. */
export type LedgerKind = 'QUALITY_LEAD' | Exclude<UsageKind, 'EMAIL'>

/** Stripe meter event name per ledger kind (the meters are configured in Stripe with these event names). */
export const METER_EVENT_NAMES: Record<LedgerKind, string> = {
  QUALITY_LEAD: 'fm_quality_lead',
  AI_CALL: 'fm_ai_call',
  SMS_SEGMENT: 'fm_sms_segment',
  ENRICHMENT: 'fm_enrichment',
  POSTCARD_4X6: 'fm_postcard_4x6',
  POSTCARD_6X9: 'fm_postcard_6x9',
  LETTER: 'fm_letter',
}

/** The price of one unit of a ledger kind on a plan, in cents (quality leads: the plan's fee; the rest: USAGE_PRICES). */
export function unitCentsFor({ plan, kind }: { plan: PlanId; kind: LedgerKind }): number {
  return kind === 'QUALITY_LEAD' ? getPlan(plan).qualityLeadCents : USAGE_PRICES[kind].cents
}

/** Spend-cap warning thresholds in percent; at 100 every billable action is refused (QUOTA_EXCEEDED). */
export const SPEND_CAP_WARNING_PERCENTS = [80, 90, 100] as const

export type RateLimitKey = 'SCANS' | 'AI_CALLS' | 'ENROLMENTS' | 'REST_PER_KEY' | 'REST_PER_IP_UNAUTHENTICATED'

export interface RateLimit {
  key: RateLimitKey
  label: string
  points: number
  durationSeconds: number
  per: 'org' | 'api_key' | 'ip'
}

const HOUR = 3600

export const RATE_LIMITS: Record<RateLimitKey, RateLimit> = {
  SCANS: { key: 'SCANS', label: 'Scans', points: 10, durationSeconds: HOUR, per: 'org' },
  AI_CALLS: { key: 'AI_CALLS', label: 'AI calls', points: 100, durationSeconds: HOUR, per: 'org' },
  ENROLMENTS: { key: 'ENROLMENTS', label: 'Sequence enrolments', points: 500, durationSeconds: HOUR, per: 'org' },
  REST_PER_KEY: { key: 'REST_PER_KEY', label: 'REST API requests', points: 1000, durationSeconds: HOUR, per: 'api_key' },
  REST_PER_IP_UNAUTHENTICATED: {
    key: 'REST_PER_IP_UNAUTHENTICATED',
    label: 'Unauthenticated requests',
    points: 100,
    durationSeconds: HOUR,
    per: 'ip',
  },
}

export function getPlan(id: PlanId): Plan {
  const plan = PLANS[id]
  if (!plan) throw new Error(`unknown plan ${String(id)}`)
  return plan
}

export function isPlanId(value: unknown): value is PlanId {
  return typeof value === 'string' && Object.hasOwn(PLANS, value)
}

/**
 * Formats integer cents as US dollars: 29900 → "$299", 113 → "$1.13", 2 → "$0.02", 200000 → "$2,000".
 * Whole-dollar amounts drop ".00" unless `alwaysCents` is set.
 */
export function formatCents({ cents, alwaysCents = false }: { cents: number; alwaysCents?: boolean }): string {
  if (!Number.isSafeInteger(cents)) throw new Error(`cents must be an integer, got ${cents}`)
  const negative = cents < 0
  const abs = Math.abs(cents)
  const dollars = Math.floor(abs / 100)
  const rest = abs % 100
  const whole = dollars.toLocaleString('en-US')
  const text = rest === 0 && !alwaysCents ? `$${whole}` : `$${whole}.${String(rest).padStart(2, '0')}`
  return negative ? `-${text}` : text
}

/** "unlimited" for null limits, the number otherwise. */
export function formatLimit(value: number | null): string {
  return value === null ? 'Unlimited' : value.toLocaleString('en-US')
}

/** Percent of the cap used (0-100+, integer, floor). A zero cap counts any spend as 100 %. */
export function spendCapPercent({ spentCents, capCents }: { spentCents: number; capCents: number }): number {
  if (capCents <= 0) return spentCents > 0 ? 100 : 0
  return Math.floor((spentCents * 100) / capCents)
}

/** Highest warning threshold reached (80, 90, 100) or null. */
export function spendCapWarningLevel({ spentCents, capCents }: { spentCents: number; capCents: number }): 80 | 90 | 100 | null {
  const pct = spendCapPercent({ spentCents, capCents })
  let level: 80 | 90 | 100 | null = null
  for (const t of SPEND_CAP_WARNING_PERCENTS) if (pct >= t) level = t
  return level
}

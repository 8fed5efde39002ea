// The spend-cap form and action schema (isomorphic: the billing page's client form and its server action parse the
// same schema). The OWNER types whole dollars, 0–1,000,000; the use case stores cents (lib/billing/set-spend-cap.ts).
import { z } from 'zod'

/** The highest spend cap, in cents ($1,000,000; the billing_accounts CHECK says the same). */
export const MAX_SPEND_CAP_CENTS = 100_000_000

const dollars = z.preprocess(
  (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v.trim().replace(/^\$/, '').replaceAll(',', ''))) : v),
  z
    .number({ error: 'Enter the cap in whole dollars' })
    .refine(Number.isFinite, 'Enter the cap in whole dollars')
    .refine(Number.isInteger, 'Use whole dollars (no cents)')
    .refine((n) => n >= 0, 'The cap cannot be negative')
    .refine((n) => n <= MAX_SPEND_CAP_CENTS / 100, 'The cap can be at most $1,000,000'),
)

export const spendCapSchema = z.object({ capDollars: dollars })
export type SpendCapInput = z.output<typeof spendCapSchema>

/** Cents of a validated whole-dollar cap. */
export const capDollarsToCents = (capDollars: number): number => capDollars * 100

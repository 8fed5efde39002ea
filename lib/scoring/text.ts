// Small deterministic text helpers for the reasons (no locale surprises: en-US, fixed rounding).
import 'server-only'

export const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x)
export const round = (x: number, digits: number) => {
  const f = 10 ** digits
  return Math.round(x * f) / f
}
/** finite number or null: NaN, ±Infinity, strings and undefined all become null */
export const finiteOrNull = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null)

export const pct = (x: number) => `${Math.round(x * 100)} %`

export function yearsOld(n: number) {
  return n <= 0 ? 'under a year old' : n === 1 ? '1 year old' : `${n} years old`
}

const USD = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 })
export const dollars = (cents: number) => USD.format(Math.round(cents / 100))

/** Trim evidence text the AI wrote to one short quotable line. */
export function quote(evidence: string, max = 90) {
  const s = evidence
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^["'“‘]+|["'”’]+$/g, '')
  if (!s) return ''
  return `'${s.length > max ? `${s.slice(0, max - 1).trimEnd()}…` : s}'`
}

export function capitalize(s: string) {
  return s ? s[0]!.toUpperCase() + s.slice(1) : s
}

// A scan of a list of addresses (a CSV mapped in the browser, or JSON rows over REST): the request shape, the
// per-row validation (the lead import's address rules: lib/leads/schemas.ts leadFactsSchema) and the collapse of
// duplicates by normalized address (lib/leads/normalize-address.ts, the key leads are unique on, so "already a
// lead" and "twice in the file" mean the same thing). Isomorphic: the new-scan form reports row problems in the
// browser with the same function the server runs again before anything is stored.
import { z } from 'zod'
import { leadFactsSchema } from '@/lib/leads/schemas'
import { normalizeAddress } from '@/lib/leads/normalize-address'

/** at most this many rows per address scan (the scan property cap's maximum) */
export const MAX_ADDRESS_ROWS = 1000
export const ADDRESS_FIELDS = ['addressLine1', 'city', 'state', 'zip'] as const
export type AddressField = (typeof ADDRESS_FIELDS)[number]
export const DEFAULT_ADDRESS_FILE_NAME = 'addresses.csv'

/**
 * One row as sent: every field optional and loosely typed (a ZIP may arrive as a JSON number), so that a bad row
 * is reported with its number instead of failing the whole request. Values longer than 1,000 characters are not
 * an address at all: that one fails the request.
 */
const rawValue = z
  .union([z.string().max(1000), z.number()])
  .nullish()
  .transform((v) => (v == null ? '' : String(v)))
export const rawAddressRowSchema = z.object({
  addressLine1: rawValue,
  city: rawValue,
  state: rawValue,
  zip: rawValue,
})
export type RawAddressRow = z.input<typeof rawAddressRowSchema>

/** The rules a row must pass to be scanned: the same as an imported lead's address. */
export const addressRowSchema = leadFactsSchema.pick({ addressLine1: true, city: true, state: true, zip: true })
export type AddressRow = z.output<typeof addressRowSchema>

export const addressScanSchema = z.object({
  source: z.literal('addresses'),
  /** shown in the scan's label: "CSV: <file name> (N addresses)" */
  fileName: z.string().trim().min(1).max(120).default(DEFAULT_ADDRESS_FILE_NAME),
  rows: z
    .array(rawAddressRowSchema)
    .min(1, 'Add at least one address')
    .max(MAX_ADDRESS_ROWS, `At most ${MAX_ADDRESS_ROWS.toLocaleString('en-US')} addresses per scan; split the list into smaller files`),
})
export type AddressScanInput = z.input<typeof addressScanSchema>
export type AddressScan = z.output<typeof addressScanSchema>

export interface AddressRowIssue {
  /** 1-based position in `rows` (for a CSV mapped in the browser: the file line is row + 1, the header being line 1) */
  row: number
  /** the field at fault; absent for a duplicate */
  field?: AddressField
  reason: string
}

export interface ValidAddress extends AddressRow {
  row: number
  normalizedAddress: string
}

export interface AddressRowsReport {
  /** rows received */
  total: number
  /** valid and unique, in order: what the scan will look at */
  valid: ValidAddress[]
  /** rows with at least one problem (not scanned) */
  invalid: number
  /** valid rows whose normalized address came earlier in the list (collapsed into that one) */
  duplicates: number
  /** every problem, invalid rows first-come; duplicates included */
  issues: AddressRowIssue[]
}

const FIELD_LABEL: Record<AddressField, string> = { addressLine1: 'Street address', city: 'City', state: 'State', zip: 'ZIP' }

/** Validates rows one by one and collapses duplicates (the first of each normalized address is kept). */
export function validateAddressRows(rows: ReadonlyArray<z.output<typeof rawAddressRowSchema>>): AddressRowsReport {
  const issues: AddressRowIssue[] = []
  const valid: ValidAddress[] = []
  const seen = new Map<string, number>()
  let invalid = 0
  let duplicates = 0
  rows.forEach((raw, i) => {
    const row = i + 1
    const parsed = addressRowSchema.safeParse(raw)
    if (!parsed.success) {
      invalid++
      const byField = new Map<AddressField, string>()
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as AddressField
        if (!byField.has(field)) byField.set(field, issueMessage(field, issue, raw[field]))
      }
      for (const [field, reason] of byField) issues.push({ row, field, reason })
      return
    }
    const a = parsed.data
    const normalizedAddress = normalizeAddress({ line1: a.addressLine1, city: a.city, state: a.state, zip: a.zip })
    const first = seen.get(normalizedAddress)
    if (first !== undefined) {
      duplicates++
      issues.push({ row, reason: `Same address as row ${first} (scanned once)` })
      return
    }
    seen.set(normalizedAddress, row)
    valid.push({ ...a, row, normalizedAddress })
  })
  return { total: rows.length, valid, invalid, duplicates, issues }
}

function issueMessage(field: AddressField, issue: z.core.$ZodIssue, value: string): string {
  const label = FIELD_LABEL[field] ?? field
  if (value.trim() === '') return `${label} is required`
  if (field === 'state' && issue.code !== 'too_big') return 'Use a two-letter state'
  if (issue.code === 'too_big') return `${label} is too long`
  // the schema's own messages are already phrased for people ("ZIP must be 5 digits (or ZIP+4)")
  return issue.message.startsWith('Invalid') || issue.message.startsWith('Too') ? `${label} is not valid` : issue.message
}

/** "CSV: leads-march.csv (120 addresses)" — the scan's label (≤ 200 characters, the column's limit). */
export function addressScanLabel(fileName: string, count: number): string {
  const tail = ` (${count.toLocaleString('en-US')} address${count === 1 ? '' : 'es'})`
  const name = fileName.trim() || DEFAULT_ADDRESS_FILE_NAME
  const room = 200 - 'CSV: '.length - tail.length
  return `CSV: ${name.length > room ? `${name.slice(0, room - 1)}…` : name}${tail}`
}

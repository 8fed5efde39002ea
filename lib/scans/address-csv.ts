// A CSV of addresses for a scan, read in the browser: the lead import's parser settings (papaparse, header row,
// trimmed headers, BOM and blank lines dropped: lib/leads/import-mapping.ts parseCsv) and its header auto-mapping
// (suggestMapping), limited to the four address columns a scan needs. Isomorphic and pure (no Buffer, no server
// module): the new-scan form runs it; the rows it produces go to the server, which validates them again.
import Papa from 'papaparse'
import { suggestMapping } from '@/lib/leads/import-mapping'
import { ADDRESS_FIELDS, MAX_ADDRESS_ROWS, type AddressField } from '@/lib/scans/address-rows'

/** A list of ≤ 1,000 addresses is far below this; anything bigger is not such a list. */
export const MAX_ADDRESS_CSV_BYTES = 5 * 1024 * 1024

export type AddressMapping = Partial<Record<AddressField, string>>

export type ParsedAddressCsv = { ok: true; headers: string[]; rows: Array<Record<string, string>> } | { ok: false; error: string }

export function parseAddressCsv(text: string): ParsedAddressCsv {
  const res = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h) => h.trim(),
  })
  const headers = (res.meta.fields ?? []).filter(Boolean)
  if (!headers.length) return { ok: false, error: 'The file has no header row' }
  if (!res.data.length) return { ok: false, error: 'The file has a header row but no addresses' }
  if (res.data.length > MAX_ADDRESS_ROWS)
    return {
      ok: false,
      error: `The file has ${res.data.length.toLocaleString('en-US')} rows; a scan takes at most ${MAX_ADDRESS_ROWS.toLocaleString('en-US')}. Split it into smaller files.`,
    }
  return { ok: true, headers, rows: res.data }
}

/** The import's guess from the header names, for the address columns only. */
export function suggestAddressMapping(headers: string[]): AddressMapping {
  const all = suggestMapping(headers)
  const out: AddressMapping = {}
  for (const f of ADDRESS_FIELDS) if (all[f]) out[f] = all[f]
  return out
}

export const missingAddressFields = (m: AddressMapping): AddressField[] => ADDRESS_FIELDS.filter((f) => !m[f])

/** Rows in file order, each with the four address fields read through the mapping (unmapped → empty). */
export function mapAddressRows(rows: ReadonlyArray<Record<string, string>>, mapping: AddressMapping): Array<Record<AddressField, string>> {
  return rows.map((raw) => {
    const out = {} as Record<AddressField, string>
    for (const f of ADDRESS_FIELDS) out[f] = (mapping[f] ? raw[mapping[f]!] : undefined)?.trim() ?? ''
    return out
  })
}

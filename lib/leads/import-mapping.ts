// CSV import: which lead field each column feeds, header auto-mapping, and row → validated lead values.
// Shared by preview (report only, writes nothing) and the leads.import job (writes in batches).
import Papa from 'papaparse'
import { z } from 'zod'
import { AppError } from '@/lib/errors'
import { orgIdOf, requireScope, type Actor } from '@/lib/auth/actor'
import { normalizeAddress } from '@/lib/leads/normalize-address'
import { normalizePhone } from '@/lib/leads/phone'
import { LEAD_STATUSES, leadFactsSchema, ROOF_MATERIALS, tagsSchema } from '@/lib/leads/schemas'

export const IMPORT_FIELDS = [
  'addressLine1',
  'addressLine2',
  'city',
  'state',
  'zip',
  'county',
  'lat',
  'lng',
  'ownerName',
  'yearBuilt',
  'propertyValue',
  'roofMaterial',
  'roofAgeYears',
  'roofAreaSqFt',
  'score',
  'status',
  'tags',
  'contactName',
  'phone',
  'email',
] as const
export type ImportField = (typeof IMPORT_FIELDS)[number]
export const REQUIRED_FIELDS: ImportField[] = ['addressLine1', 'city', 'state', 'zip']
export const MAX_IMPORT_ROWS = 100_000
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024

/** field → CSV header name */
export const importMappingSchema = z
  .partialRecord(z.enum(IMPORT_FIELDS), z.string().min(1).max(200))
  .refine((m) => REQUIRED_FIELDS.every((f) => m[f]), { message: `Map at least: ${REQUIRED_FIELDS.join(', ')}` })
export type ImportMapping = Partial<Record<ImportField, string>>

const SYNONYMS: Record<ImportField, string[]> = {
  addressLine1: ['address', 'street', 'street address', 'address line 1', 'address1', 'property address', 'site address'],
  addressLine2: ['address line 2', 'address2', 'unit', 'apt', 'suite'],
  city: ['city', 'town', 'property city'],
  state: ['state', 'st', 'province', 'property state'],
  zip: ['zip', 'zip code', 'zipcode', 'postal code', 'postcode', 'property zip'],
  county: ['county'],
  lat: ['lat', 'latitude'],
  lng: ['lng', 'lon', 'long', 'longitude'],
  ownerName: ['owner', 'owner name', 'homeowner', 'name', 'full name'],
  yearBuilt: ['year built', 'yearbuilt', 'built'],
  propertyValue: ['property value', 'value', 'home value', 'market value', 'assessed value'],
  roofMaterial: ['roof material', 'roof type', 'material'],
  roofAgeYears: ['roof age', 'roof age years'],
  roofAreaSqFt: ['roof area', 'roof sq ft', 'roof area sq ft', 'roof size'],
  score: ['score', 'lead score'],
  status: ['status', 'lead status'],
  tags: ['tags', 'labels'],
  contactName: ['contact', 'contact name'],
  phone: ['phone', 'phone number', 'mobile', 'cell', 'telephone'],
  email: ['email', 'e-mail', 'email address'],
}

const canon = (h: string) =>
  h
    .toLowerCase()
    .replace(/[_\-.]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()

export function suggestMapping(headers: string[]): ImportMapping {
  const out: ImportMapping = {}
  const used = new Set<string>()
  for (const field of IMPORT_FIELDS) {
    const hit = headers.find((h) => !used.has(h) && (canon(h) === canon(field) || SYNONYMS[field].includes(canon(h))))
    if (hit) {
      out[field] = hit
      used.add(hit)
    }
  }
  return out
}

export function parseCsv(csvText: string): { headers: string[]; rows: Record<string, string>[] } {
  if (Buffer.byteLength(csvText) > MAX_IMPORT_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', 'CSV files are limited to 50 MB')
  const res = Papa.parse<Record<string, string>>(csvText.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h) => h.trim(),
  })
  const headers = (res.meta.fields ?? []).filter(Boolean)
  if (!headers.length) throw new AppError('VALIDATION_FAILED', 'The file has no header row')
  if (res.data.length > MAX_IMPORT_ROWS)
    throw new AppError('VALIDATION_FAILED', `At most ${MAX_IMPORT_ROWS.toLocaleString('en-US')} rows per import`)
  return { headers, rows: res.data }
}

export interface RowIssue {
  row: number
  column: string
  reason: string
}

export interface ImportedRow {
  normalizedAddress: string
  lead: z.infer<typeof leadFactsSchema> & { status: (typeof LEAD_STATUSES)[number]; tags: string[] }
  contact: { name: string | null; phones: string[]; emails: string[] } | null
}

const num = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : Number(v.replace(/[$,\s]/g, '')))
const str = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v.trim())

/** Validates one CSV row; `row` is the 1-based line number in the file (header = line 1). */
export function convertRow(raw: Record<string, string>, mapping: ImportMapping, row: number): { ok: ImportedRow } | { issues: RowIssue[] } {
  const get = (f: ImportField) => (mapping[f] ? raw[mapping[f]!] : undefined)
  const issues: RowIssue[] = []
  const col = (f: ImportField) => mapping[f] ?? f
  const value = num(get('propertyValue'))
  const candidate = {
    addressLine1: str(get('addressLine1')) ?? '',
    addressLine2: str(get('addressLine2')) ?? null,
    city: str(get('city')) ?? '',
    state: str(get('state')) ?? '',
    zip: str(get('zip')) ?? '',
    county: str(get('county')) ?? null,
    lat: num(get('lat')) ?? null,
    lng: num(get('lng')) ?? null,
    ownerName: str(get('ownerName')) ?? null,
    yearBuilt: num(get('yearBuilt')) ?? null,
    propertyValueCents: value === undefined || Number.isNaN(value) ? (value === undefined ? null : NaN) : Math.round(value * 100),
    roofMaterial:
      str(get('roofMaterial'))
        ?.toUpperCase()
        .replace(/[\s-]+/g, '_') ?? null,
    roofAgeYears: num(get('roofAgeYears')) ?? null,
    roofAreaSqFt: num(get('roofAreaSqFt')) ?? null,
    score: num(get('score')) ?? null,
  }
  if (candidate.roofMaterial && !(ROOF_MATERIALS as readonly string[]).includes(candidate.roofMaterial)) candidate.roofMaterial = 'OTHER'
  const facts = leadFactsSchema.safeParse(candidate)
  if (!facts.success) {
    for (const i of facts.error.issues) {
      const key = String(i.path[0]) as string
      const field: ImportField = key === 'propertyValueCents' ? 'propertyValue' : (key as ImportField)
      issues.push({ row, column: col(field), reason: i.message })
    }
  }
  const statusRaw = str(get('status'))?.toUpperCase().replace(/\s+/g, '_') ?? 'NEW'
  if (!(LEAD_STATUSES as readonly string[]).includes(statusRaw) || statusRaw === 'LOST')
    issues.push({
      row,
      column: col('status'),
      reason: statusRaw === 'LOST' ? 'Lost leads cannot be imported (no lost reason column)' : `Unknown status "${statusRaw}"`,
    })
  const tags = tagsSchema.safeParse(
    (str(get('tags')) ?? '')
      .split(/[;|]/)
      .map((t) => t.trim())
      .filter(Boolean),
  )
  if (!tags.success) issues.push({ row, column: col('tags'), reason: tags.error.issues[0]?.message ?? 'Invalid tags' })
  const phoneRaw = str(get('phone'))
  const phone = phoneRaw ? normalizePhone(phoneRaw) : null
  if (phoneRaw && !phone) issues.push({ row, column: col('phone'), reason: 'Not a valid phone number' })
  const emailRaw = str(get('email'))?.toLowerCase()
  if (emailRaw && !z.email().safeParse(emailRaw).success) issues.push({ row, column: col('email'), reason: 'Not a valid email address' })
  if (issues.length || !facts.success || !tags.success) return { issues }
  const f = facts.data
  const contactName = str(get('contactName')) ?? null
  return {
    ok: {
      normalizedAddress: normalizeAddress({ line1: f.addressLine1, line2: f.addressLine2, city: f.city, state: f.state, zip: f.zip }),
      lead: { ...f, status: statusRaw as ImportedRow['lead']['status'], tags: [...new Set(tags.data)] },
      contact:
        contactName || phone || emailRaw
          ? { name: contactName ?? f.ownerName ?? null, phones: phone ? [phone] : [], emails: emailRaw ? [emailRaw] : [] }
          : null,
    },
  }
}

/** Imported leads are unassigned, so importing needs org-wide lead.write (not a REP). Returns the org id. */
export function requireImportScope(actor: Actor): string {
  if (requireScope(actor, 'lead.write') !== 'all')
    throw new AppError('FORBIDDEN', 'Only managers and admins can import leads', { details: { permission: 'lead.write' } })
  return orgIdOf(actor)
}

// Import step 1: parse, map columns, validate every row and detect duplicates (within the file and against the
// org's live leads) — a report BEFORE anything is written. Writes nothing.
import 'server-only'
import { db } from '@/lib/db'
import type { Actor } from '@/lib/auth/actor'
import {
  convertRow,
  importMappingSchema,
  parseCsv,
  requireImportScope,
  suggestMapping,
  type ImportMapping,
  type RowIssue,
} from '@/lib/leads/import-mapping'

export const MAX_REPORTED_ISSUES = 500

export interface ImportPreview {
  headers: string[]
  mapping: ImportMapping
  mappingComplete: boolean
  totalRows: number
  validRows: number
  invalidRows: number
  duplicateInFile: number
  duplicateExisting: number
  /** rows that would be created */
  importable: number
  issues: RowIssue[]
  sample: Array<Record<string, string>>
}

export async function previewImport({
  actor,
  csvText,
  mapping,
}: {
  actor: Actor
  csvText: string
  mapping?: ImportMapping
}): Promise<ImportPreview> {
  const orgId = requireImportScope(actor)
  const { headers, rows } = parseCsv(csvText)
  const map = mapping ?? suggestMapping(headers)
  const complete = importMappingSchema.safeParse(map).success
  const issues: RowIssue[] = []
  let valid = 0,
    invalid = 0,
    dupFile = 0
  const seen = new Set<string>()
  if (!complete)
    return {
      headers,
      mapping: map,
      mappingComplete: false,
      totalRows: rows.length,
      validRows: 0,
      invalidRows: 0,
      duplicateInFile: 0,
      duplicateExisting: 0,
      importable: 0,
      issues: [],
      sample: rows.slice(0, 5),
    }
  for (const [k, h] of Object.entries(map))
    if (!headers.includes(h!)) issues.push({ row: 1, column: h!, reason: `Column "${h}" (for ${k}) is not in the file` })
  const unique: string[] = []
  rows.forEach((raw, i) => {
    const r = convertRow(raw, map, i + 2)
    if ('issues' in r) {
      invalid++
      for (const issue of r.issues) if (issues.length < MAX_REPORTED_ISSUES) issues.push(issue)
      return
    }
    valid++
    if (seen.has(r.ok.normalizedAddress)) {
      dupFile++
      if (issues.length < MAX_REPORTED_ISSUES)
        issues.push({ row: i + 2, column: map.addressLine1!, reason: 'Duplicate of an earlier row in this file (will be skipped)' })
      return
    }
    seen.add(r.ok.normalizedAddress)
    unique.push(r.ok.normalizedAddress)
  })
  let dupExisting = 0
  for (let i = 0; i < unique.length; i += 5000) {
    const chunk = unique.slice(i, i + 5000)
    const n = await db.lead.count({ where: { orgId, deletedAt: null, normalizedAddress: { in: chunk } } })
    dupExisting += n
  }
  return {
    headers,
    mapping: map,
    mappingComplete: true,
    totalRows: rows.length,
    validRows: valid,
    invalidRows: invalid,
    duplicateInFile: dupFile,
    duplicateExisting: dupExisting,
    importable: unique.length - dupExisting,
    issues,
    sample: rows.slice(0, 5),
  }
}

// THE zod schemas of scans: server actions, REST and the domain's callers all parse with these. Isomorphic: the
// new-scan and review forms validate with them in the browser.
import { z } from 'zod'
import { scanAreaSchema } from '@/lib/geo/schemas'
import { addressScanSchema } from '@/lib/scans/address-rows'
import { INDICATOR_TYPES, ROOF_MATERIALS, ROOF_SHAPES, SEVERITIES } from '@/lib/vision/roof-assessment'

export const SCAN_MIN_PROPERTIES = 10
export const SCAN_MAX_PROPERTIES = 1000
export const SCAN_STATUSES = ['PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELED'] as const

export const propertyCapSchema = z.coerce
  .number()
  .int('Enter a whole number of properties')
  .min(SCAN_MIN_PROPERTIES, `Scan at least ${SCAN_MIN_PROPERTIES} properties`)
  .max(SCAN_MAX_PROPERTIES, `Scan at most ${SCAN_MAX_PROPERTIES.toLocaleString('en-US')} properties at a time`)

/** A new scan: the area (ZIP, city or centre + radius) and how many properties at most. */
export const newScanSchema = z.object({ area: scanAreaSchema, propertyCap: propertyCapSchema })
export type NewScan = z.output<typeof newScanSchema>

/**
 * What POST /api/v1/scans and the run action take: an area scan (the shape above; `source` may be left out, so
 * existing clients keep working) or `{ source: 'addresses', fileName?, rows: [{ addressLine1, city, state, zip }] }`
 * (1–1,000 rows, each validated on its own: lib/scans/address-rows.ts).
 */
export const scanRequestSchema = z.discriminatedUnion('source', [
  addressScanSchema,
  newScanSchema.extend({ source: z.literal('area').optional() }),
])
export type ScanRequest = z.output<typeof scanRequestSchema>
export type ScanRequestInput = z.input<typeof scanRequestSchema>

export const scanIdSchema = z.uuid()

export const listScansSchema = z.object({
  status: z.enum(SCAN_STATUSES).optional(),
  /** ISO time of the last row seen (newest first) */
  before: z.coerce.date().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
})
export type ListScansQuery = z.output<typeof listScansSchema>

/** A manager's decision on an item of the review queue. `correct` replaces the AI's answer with theirs. */
export const roofCorrectionSchema = z.object({
  conditionScore: z.coerce.number().int().min(0).max(100),
  material: z.enum(ROOF_MATERIALS),
  shape: z.enum(ROOF_SHAPES).default('unknown'),
  indicators: z
    .array(z.object({ type: z.enum(INDICATOR_TYPES), severity: z.enum(SEVERITIES), evidence: z.string().trim().min(1).max(300) }))
    .max(INDICATOR_TYPES.length)
    .default([]),
})
export const resolveRoofReviewSchema = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('accept'), assessmentId: z.string().max(64) }),
  z.object({ decision: z.literal('discard'), assessmentId: z.string().max(64) }),
  z.object({ decision: z.literal('correct'), assessmentId: z.string().max(64), correction: roofCorrectionSchema }),
])
export type RoofReviewDecision = z.output<typeof resolveRoofReviewSchema>
export type RoofCorrection = z.output<typeof roofCorrectionSchema>

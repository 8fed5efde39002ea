// THE zod schemas of scans: server actions, REST and the domain's callers all parse with these.
import 'server-only'
import { z } from 'zod'
import { scanAreaSchema } from '@/lib/geo/area'

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

export const scanIdSchema = z.uuid()

export const listScansSchema = z.object({
  status: z.enum(SCAN_STATUSES).optional(),
  /** ISO time of the last row seen (newest first) */
  before: z.coerce.date().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
})
export type ListScansQuery = z.output<typeof listScansSchema>

// The public shape of a scan in REST API v1 (stable; camelCase, ISO dates). Built field by field from what the
// scans domain returns, so internal columns (org id, creator, discovery attempts, raw stored JSON) never leave.
// The list returns summaries; GET /api/v1/scans/{id} and cancel return the full scan with its estimate and the
// per-stage counts.
import 'server-only'
import { z } from 'zod'
import { SCAN_STATUSES } from '@/lib/scans/schemas'
import type { ScanEstimate, ScanEstimateLine, ScanWarningCode } from '@/lib/scans/estimate-scan-cost'
import type { ScanSummary } from '@/lib/scans/list-scans'
import type { ScanDetail } from '@/lib/scans/get-scan'
import { radiusAreaSchema, scanAreaSchema, zipAreaSchema } from '@/lib/geo/schemas'

// Records keyed by the domain's unions: a code added there without being listed here fails to compile.
const WARNING_CODES = Object.keys({
  SANDBOX: 1,
  TRIAL_ALLOWANCE: 1,
  TRIAL_BLOCKED: 1,
  CAPPED_BY_PLAN: 1,
  FEWER_PROPERTIES: 1,
  SPEND_CAP: 1,
} satisfies Record<ScanWarningCode, 1>) as [ScanWarningCode, ...ScanWarningCode[]]
const LINE_KEYS = Object.keys({ imagery: 1, ai_analysis: 1, parcel_data: 1, geocoding: 1, quality_leads: 1 } satisfies Record<
  ScanEstimateLine['key'],
  1
>) as [ScanEstimateLine['key'], ...ScanEstimateLine['key'][]]

export const SCAN_AREA_KINDS = ['zip', 'city', 'radius', 'csv', 'polygon'] as const
export const SCAN_STAGES = ['DISCOVERED', 'IMAGED', 'ASSESSED', 'SCORED'] as const
export const SCAN_PROPERTY_STATUSES = ['PENDING', 'RUNNING', 'DONE', 'FAILED', 'NEEDS_REVIEW', 'CANCELED'] as const

const isoOrNull = z.iso.datetime().nullable()

/** The area as it was asked: what POST /api/v1/scans took (state upper-cased, strings trimmed). */
export const apiScanAreaRequestSchema = z.discriminatedUnion('kind', [
  zipAreaSchema,
  z.object({ kind: z.literal('city'), city: z.string(), state: z.string().length(2) }),
  radiusAreaSchema,
  z.object({
    kind: z.literal('polygon'),
    vertices: z.array(z.object({ lat: z.number(), lng: z.number() })).describe('the corners drawn on the map, in order (not closed)'),
  }),
])

export const apiScanCountsSchema = z.object({
  total: z.number().int().describe('properties discovered in the area (0 until discovery ran)'),
  done: z.number().int().describe('scored into a lead'),
  failed: z.number().int().describe('could not be assessed (no coordinates, unusable image, provider gave up); never fails the scan'),
  needsReview: z.number().int().describe('the AI was unsure: waiting in the review queue'),
  leadsCreated: z.number().int(),
  leadsRescored: z.number().int().describe('addresses that were already leads: re-scored, history kept'),
  hotLeads: z.number().int(),
})

export const apiScanSummarySchema = z.object({
  id: z.uuid(),
  status: z.enum(SCAN_STATUSES),
  area: z.object({
    kind: z.enum(SCAN_AREA_KINDS),
    label: z.string().describe('"ZIP 75201 (Dallas, TX)", "Austin, TX", "1 mi around 32.77670, -96.79700"'),
  }),
  propertyCap: z.number().int(),
  sandbox: z.boolean().describe('sample data: no real provider was called and nothing is billed'),
  source: z.string().nullable().describe('discovery source: regrid | overpass | sandbox | csv (null until discovery ran)'),
  percent: z.number().int().min(0).max(100).describe('finished properties (done + failed + needs review) over total, 0–100'),
  counts: apiScanCountsSchema,
  error: z.string().nullable().describe('why the scan failed (status FAILED)'),
  createdAt: z.iso.datetime(),
  startedAt: isoOrNull,
  finishedAt: isoOrNull,
})
export type ApiScanSummary = z.infer<typeof apiScanSummarySchema>

export const apiScanEstimateSchema = z.object({
  properties: z.number().int().describe('properties expected in the area, capped by the request and the plan'),
  expectedQualityLeads: z.number().int(),
  totalCents: z.number().int(),
  minutes: z.number().int(),
  sandbox: z.boolean(),
  lines: z.array(
    z.object({
      key: z.enum(LINE_KEYS),
      label: z.string(),
      quantity: z.number().int(),
      unitCents: z.number().int(),
      totalCents: z.number().int(),
      note: z.string(),
    }),
  ),
  warnings: z.array(z.object({ code: z.enum(WARNING_CODES), message: z.string() })),
})

export const apiScanSchema = apiScanSummarySchema.extend({
  area: apiScanSummarySchema.shape.area.extend({
    request: apiScanAreaRequestSchema.nullable().describe('the area as asked (null for a CSV scan)'),
    centre: z.object({ lat: z.number(), lng: z.number() }).nullable().describe('the circle the scan covers'),
    radiusMeters: z.number().int().nullable(),
  }),
  estimate: apiScanEstimateSchema.describe('the estimate shown before the run'),
  stages: z
    .array(z.object({ stage: z.enum(SCAN_STAGES), status: z.enum(SCAN_PROPERTY_STATUSES), count: z.number().int() }))
    .describe('properties per pipeline stage and status'),
  canceledAt: isoOrNull,
  links: z.object({ self: z.string(), cancel: z.string(), leads: z.string() }),
})
export type ApiScan = z.infer<typeof apiScanSchema>

export const apiScanPageSchema = z.object({
  data: z.array(apiScanSummarySchema),
  nextBefore: isoOrNull.describe('pass as `before` for the next (older) page; null on the last page'),
})

const iso = (d: Date | null) => (d ? d.toISOString() : null)

type SummaryLike = Omit<ScanSummary, 'createdBy'>

export function toApiScanSummary(s: SummaryLike): ApiScanSummary {
  return {
    id: s.id,
    status: s.status,
    area: { kind: s.areaKind.toLowerCase() as ApiScanSummary['area']['kind'], label: s.label },
    propertyCap: s.propertyCap,
    sandbox: s.sandbox,
    source: s.source,
    percent: s.percent,
    counts: {
      total: s.total,
      done: s.done,
      failed: s.failed,
      needsReview: s.needsReview,
      leadsCreated: s.leadsCreated,
      leadsRescored: s.leadsRescored,
      hotLeads: s.hotLeads,
    },
    error: s.error,
    createdAt: s.createdAt.toISOString(),
    startedAt: iso(s.startedAt),
    finishedAt: iso(s.finishedAt),
  }
}

function toApiEstimate(e: ScanEstimate | null | undefined): ApiScan['estimate'] {
  return {
    properties: e?.properties ?? 0,
    expectedQualityLeads: e?.expectedQualityLeads ?? 0,
    totalCents: e?.totalCents ?? 0,
    minutes: e?.minutes ?? 0,
    sandbox: e?.sandbox ?? false,
    lines: (e?.lines ?? []).map((l) => ({
      key: l.key,
      label: l.label,
      quantity: l.quantity,
      unitCents: l.unitCents,
      totalCents: l.totalCents,
      note: l.note,
    })),
    warnings: (e?.warnings ?? []).map((w) => ({ code: w.code, message: w.message })),
  }
}

type DetailLike = Omit<ScanDetail, 'properties' | 'createdBy'>

export function toApiScan(s: DetailLike): ApiScan {
  const summary = toApiScanSummary(s)
  const request = scanAreaSchema.safeParse(s.area)
  return {
    ...summary,
    area: {
      ...summary.area,
      request: request.success ? request.data : null,
      centre: s.centerLat != null && s.centerLng != null ? { lat: s.centerLat, lng: s.centerLng } : null,
      radiusMeters: s.radiusMeters,
    },
    estimate: toApiEstimate(s.estimate),
    stages: s.stages.map((g) => ({ stage: g.stage, status: g.status, count: g.count })),
    canceledAt: iso(s.canceledAt),
    links: { self: `/api/v1/scans/${s.id}`, cancel: `/api/v1/scans/${s.id}/cancel`, leads: `/api/v1/leads?scanId=${s.id}` },
  }
}

// One scan with its progress: counts per stage and status, and a page of its properties with their status and
// errors (the live progress view polls this). Another org's scan is NOT_FOUND.
import 'server-only'
import { db } from '@/lib/db'
import { notFound } from '@/lib/errors'
import { assertCan, type Actor } from '@/lib/auth/actor'
import { scanIdSchema } from '@/lib/scans/schemas'
import { SCAN_SUMMARY_SELECT, scanPercent } from '@/lib/scans/list-scans'
import type { ScanEstimate } from '@/lib/scans/estimate-scan-cost'

const PROPERTIES_PAGE = 200

export async function getScanOrThrow({ actor, scanId }: { actor: Actor; scanId: string }) {
  const orgId = assertCan(actor, 'scan.read')
  if (!scanIdSchema.safeParse(scanId).success) throw notFound('Scan')
  const scan = await db.scan.findFirst({
    where: { id: scanId, orgId },
    select: { ...SCAN_SUMMARY_SELECT, area: true, centerLat: true, centerLng: true, radiusMeters: true, estimate: true, canceledAt: true },
  })
  if (!scan) throw notFound('Scan')
  const propertySelect = {
    id: true,
    addressLine1: true,
    city: true,
    state: true,
    zip: true,
    stage: true,
    status: true,
    attempts: true,
    lastError: true,
    leadId: true,
    updatedAt: true,
    lead: { select: { score: true, band: true } },
  } as const
  // problems first (failed, waiting for review), then the most recent work
  const problems = ['FAILED', 'NEEDS_REVIEW'] as const
  const [byStage, troubled, rest] = await Promise.all([
    db.scanProperty.groupBy({ by: ['stage', 'status'], where: { scanId, orgId }, _count: { _all: true } }),
    db.scanProperty.findMany({
      where: { scanId, orgId, status: { in: [...problems] } },
      orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }],
      take: PROPERTIES_PAGE,
      select: propertySelect,
    }),
    db.scanProperty.findMany({
      where: { scanId, orgId, status: { notIn: [...problems] } },
      orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }],
      take: PROPERTIES_PAGE,
      select: propertySelect,
    }),
  ])
  const properties = [...troubled, ...rest].slice(0, PROPERTIES_PAGE)
  return {
    ...scan,
    estimate: scan.estimate as unknown as ScanEstimate,
    stages: byStage.map((g) => ({ stage: g.stage, status: g.status, count: g._count._all })),
    properties,
    percent: scanPercent(scan),
  }
}

export type ScanDetail = Awaited<ReturnType<typeof getScanOrThrow>>

/** A scan's label (the leads list's "From scan …" chip), or null when it is not one of the actor's org's scans. */
export async function findScanLabel({ actor, scanId }: { actor: Actor; scanId: string }): Promise<string | null> {
  const orgId = assertCan(actor, 'scan.read')
  if (!scanIdSchema.safeParse(scanId).success) return null
  const scan = await db.scan.findFirst({ where: { id: scanId, orgId }, select: { label: true } })
  return scan?.label ?? null
}

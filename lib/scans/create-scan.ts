// Starts a scan: the estimate is recomputed (never trusted from the client), the scan row, its audit row and
// its discovery job commit together (a crash can never leave a scan without its job), then the worker takes it.
// Scans are rate-limited per org (PRODUCT §3: 10/h; lib/billing/plans.ts RATE_LIMITS.SCANS).
import 'server-only'
import { db } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { writeAudit } from '@/lib/audit/write-audit'
import { assertCan, auditActorOf, userIdOf, type Actor } from '@/lib/auth/actor'
import { RATE_LIMITS } from '@/lib/billing/plans'
import { assertBillableWorkAllowed } from '@/lib/billing/entitlements'
import { assertUnderSpendCap } from '@/lib/billing/preview-spend'
import type { ScanArea } from '@/lib/geo/area'
import { enqueue, prepareQueues } from '@/lib/jobs/enqueue'
import { consume, type LimitDef } from '@/lib/rate-limit/limiter'
import { previewScan } from '@/lib/scans/preview-scan'

/** FM_RATE_LIMIT_SCANS overrides the points (tests); never set it in production. */
export function scanRateLimit(): LimitDef {
  const override = Number(process.env.FM_RATE_LIMIT_SCANS)
  return {
    name: 'scans',
    points: Number.isInteger(override) && override > 0 ? override : RATE_LIMITS.SCANS.points,
    durationSeconds: RATE_LIMITS.SCANS.durationSeconds,
  }
}

const AREA_KIND = { zip: 'ZIP', city: 'CITY', radius: 'RADIUS', polygon: 'POLYGON' } as const

/** `area`, `propertyCap`: parsed by newScanSchema at the edge */
export async function createScan({ actor, area, propertyCap }: { actor: Actor; area: ScanArea; propertyCap: number }) {
  const orgId = assertCan(actor, 'scan.run')
  // a read-only (trial ended, unpaid, canceled) or dispute-frozen org starts no scan, live or sandbox
  await assertBillableWorkAllowed({ orgId, what: 'scan' })
  // validate the area (unknown ZIP or city → VALIDATION_FAILED) before spending a rate-limit point
  const preview = await previewScan({ actor, area, propertyCap })
  // a live scan can only add quality-lead fees: refused while the spend cap is used up (sandbox scans still run)
  if (!preview.estimate.sandbox) await assertUnderSpendCap({ orgId })
  const limit = scanRateLimit()
  const r = await consume(limit, orgId)
  if (!r.allowed) {
    throw new AppError('RATE_LIMITED', `At most ${limit.points} scans an hour; try again in ${Math.ceil(r.resetSeconds / 60)} min`, {
      retryAfter: r.resetSeconds,
      details: { limit: limit.points, resetSeconds: r.resetSeconds },
    })
  }
  await prepareQueues(['scans.discover'])
  return db.$transaction(async (tx) => {
    const scan = await tx.scan.create({
      data: {
        orgId,
        createdById: userIdOf(actor),
        areaKind: AREA_KIND[area.kind],
        area,
        label: preview.area.label.slice(0, 200),
        centerLat: preview.area.centre.lat,
        centerLng: preview.area.centre.lng,
        radiusMeters: Math.round(preview.area.radiusMeters),
        propertyCap: preview.propertyCap,
        sandbox: preview.estimate.sandbox,
        estimate: JSON.parse(JSON.stringify(preview.estimate)),
      },
      select: { id: true, status: true, label: true, propertyCap: true, sandbox: true, createdAt: true },
    })
    await writeAudit(tx, {
      orgId,
      actor: auditActorOf(actor),
      action: 'scan.create',
      targetType: 'scan',
      targetId: scan.id,
      after: { area, label: scan.label, propertyCap: scan.propertyCap, sandbox: scan.sandbox, estimateCents: preview.estimate.totalCents },
    })
    await enqueue({ queue: 'scans.discover', data: { scanId: scan.id, orgId }, tx, options: { singletonKey: scan.id } })
    return scan
  })
}

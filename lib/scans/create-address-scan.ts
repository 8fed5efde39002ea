// Starts a scan of a list of addresses (a CSV mapped in the browser, or JSON rows over REST). The rows are
// validated again here (never trusted from the client), duplicates collapse by normalized address, and the scan
// row, its addresses (one multi-row INSERT), its audit row and its discovery job commit together: nothing a user
// sent is lost to a crash, and rows that failed validation are reported back, never stored. The pipeline then
// geocodes each address (lat/lng are null until then) before imaging it (advance-scan-property.ts).
import 'server-only'
import { db } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { writeAudit } from '@/lib/audit/write-audit'
import { assertCan, auditActorOf, userIdOf, type Actor } from '@/lib/auth/actor'
import { assertBillableWorkAllowed } from '@/lib/billing/entitlements'
import { assertUnderSpendCap } from '@/lib/billing/preview-spend'
import { enqueue, prepareQueues } from '@/lib/jobs/enqueue'
import { consume } from '@/lib/rate-limit/limiter'
import type { AddressScan } from '@/lib/scans/address-rows'
import { scanRateLimit } from '@/lib/scans/create-scan'
import { previewAddressScan, type AddressScanPreview } from '@/lib/scans/preview-address-scan'
import { SCAN_MAX_PROPERTIES, SCAN_MIN_PROPERTIES } from '@/lib/scans/schemas'

/** `fileName`, `rows`: parsed by addressScanSchema (or scanRequestSchema) at the edge */
export async function createAddressScan({ actor, fileName, rows }: { actor: Actor } & Pick<AddressScan, 'fileName' | 'rows'>) {
  const orgId = assertCan(actor, 'scan.run')
  // a read-only (trial ended, unpaid, canceled) or dispute-frozen org starts no scan, live or sandbox
  await assertBillableWorkAllowed({ orgId, what: 'scan' })
  // every row checked (nothing valid → VALIDATION_FAILED with the row report) before spending a rate-limit point
  const { valid, ...preview } = await previewAddressScan({ actor, fileName, rows })
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
  const scan = await db.$transaction(
    async (tx) => {
      const created = await tx.scan.create({
        data: {
          orgId,
          createdById: userIdOf(actor),
          areaKind: 'CSV',
          area: { kind: 'csv', fileName, rows: valid.length },
          label: preview.label,
          // the cap is the list itself; the column keeps the scans' 10–1,000 rule, so a short list stores 10
          propertyCap: Math.min(SCAN_MAX_PROPERTIES, Math.max(SCAN_MIN_PROPERTIES, valid.length)),
          sandbox: preview.estimate.sandbox,
          source: 'csv',
          total: valid.length,
          estimate: JSON.parse(JSON.stringify(preview.estimate)),
        },
        select: { id: true, status: true, label: true, propertyCap: true, sandbox: true, createdAt: true },
      })
      // one INSERT … VALUES for the whole list; lat/lng stay null until the geocode stage
      await tx.scanProperty.createMany({
        data: valid.map((v) => ({
          orgId,
          scanId: created.id,
          normalizedAddress: v.normalizedAddress,
          addressLine1: v.addressLine1,
          city: v.city,
          state: v.state,
          zip: v.zip,
          source: 'csv',
          sourceId: `row:${v.row}`,
        })),
      })
      await writeAudit(tx, {
        orgId,
        actor: auditActorOf(actor),
        action: 'scan.create',
        targetType: 'scan',
        targetId: created.id,
        after: {
          area: { kind: 'csv', fileName, rows: valid.length },
          label: created.label,
          rows: { received: preview.rows.received, invalid: preview.rows.invalid, duplicates: preview.rows.duplicates },
          sandbox: created.sandbox,
          estimateCents: preview.estimate.totalCents,
        },
      })
      await enqueue({ queue: 'scans.discover', data: { scanId: created.id, orgId }, tx, options: { singletonKey: created.id } })
      return created
    },
    { timeout: 30_000 },
  )
  return { ...scan, rows: preview.rows satisfies AddressScanPreview['rows'] }
}

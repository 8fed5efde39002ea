// Pipeline step 1 (job scans.discover): find the scan's properties, store them, and queue one scans.property job
// each — rows and jobs in ONE transaction, so a crash leaves either nothing (the job runs again) or every property
// with its job. A scan that already has its properties (a retried or duplicated job) only re-queues the ones not
// finished, so discovery is never repeated and no property is processed twice.
import 'server-only'
import { db } from '@/lib/db'
import { toAppError } from '@/lib/errors'
import { writeAudit } from '@/lib/audit/write-audit'
import { assertCan, auditActorOf, type Actor } from '@/lib/auth/actor'
import { discoverProperties } from '@/lib/external/property-sources'
import { resolveArea, scanAreaSchema } from '@/lib/geo/area'
import { enqueueMany, prepareQueues } from '@/lib/jobs/enqueue'
import { normalizeAddress } from '@/lib/leads/normalize-address'
import { log } from '@/lib/logger'

/** The discovery job runs this many times at most (pg-boss retryLimit 2 in queue-definitions.ts, plus one). */
export const MAX_DISCOVERY_ATTEMPTS = 3

export async function runScanDiscovery({ actor, scanId }: { actor: Actor; scanId: string }): Promise<{ queued: number }> {
  const orgId = assertCan(actor, 'scan.run')
  await prepareQueues(['scans.property'])
  const scan = await db.scan.update({
    where: { id: scanId, orgId },
    data: { discoveryAttempts: { increment: 1 } },
    select: {
      id: true,
      status: true,
      areaKind: true,
      area: true,
      propertyCap: true,
      total: true,
      discoveryAttempts: true,
      startedAt: true,
    },
  })
  if (scan.status === 'CANCELED' || scan.status === 'FAILED') return { queued: 0 }
  if (scan.status === 'PENDING') {
    await db.scan.update({ where: { id: scanId, orgId }, data: { status: 'RUNNING', startedAt: new Date() }, select: { id: true } })
  }
  // resume: the properties are there already → queue the unfinished ones again (singletonKey keeps one job each)
  if (scan.total > 0) return { queued: await requeueUnfinished({ orgId, scanId }) }
  // a CSV scan's addresses were stored with the scan (create-address-scan.ts): no provider discovery, ever
  if (scan.areaKind === 'CSV') {
    await failScan({ actor, orgId, scanId, message: 'The scan has no addresses' })
    return { queued: 0 }
  }

  let found
  try {
    found = await discoverProperties({ area: resolveArea(scanAreaSchema.parse(scan.area)), limit: scan.propertyCap })
  } catch (err) {
    const e = toAppError(err)
    if (scan.discoveryAttempts < MAX_DISCOVERY_ATTEMPTS && e.status >= 500) throw err // pg-boss retries with backoff
    await failScan({ actor, orgId, scanId, message: `Property discovery failed: ${e.message}` })
    return { queued: 0 }
  }

  return db.$transaction(
    async (tx) => {
      const rows = found.properties.map((p) => ({
        orgId,
        scanId,
        normalizedAddress: normalizeAddress({ line1: p.addressLine1, city: p.city, state: p.state, zip: p.zip }),
        addressLine1: p.addressLine1,
        city: p.city,
        state: p.state,
        zip: p.zip,
        lat: p.lat,
        lng: p.lng,
        source: p.source,
        sourceId: p.sourceId.slice(0, 200),
        facts: JSON.parse(
          JSON.stringify({
            ownerName: p.ownerName,
            yearBuilt: p.yearBuilt,
            assessedValueCents: p.assessedValueCents,
            parcelId: p.parcelId,
          }),
        ),
      }))
      await tx.scanProperty.createMany({ data: rows, skipDuplicates: true })
      const ids = await tx.scanProperty.findMany({ where: { scanId, orgId }, select: { id: true } })
      const now = new Date()
      await tx.scan.update({
        where: { id: scanId, orgId },
        data: {
          total: ids.length,
          source: found.source,
          sandbox: found.sandbox || undefined,
          ...(ids.length === 0 ? { status: 'COMPLETED', finishedAt: now } : {}),
        },
        select: { id: true },
      })
      await enqueueMany({ queue: 'scans.property', jobs: ids.map((p) => ({ data: { propertyId: p.id, orgId }, singletonKey: p.id })), tx })
      await writeAudit(tx, {
        orgId,
        actor: auditActorOf(actor),
        action: 'scan.discovered',
        targetType: 'scan',
        targetId: scanId,
        after: { source: found.source, properties: ids.length, skipped: found.skipped },
      })
      return { queued: ids.length }
    },
    { timeout: 60_000 },
  )
}

async function requeueUnfinished({ orgId, scanId }: { orgId: string; scanId: string }): Promise<number> {
  const open = await db.scanProperty.findMany({ where: { scanId, orgId, status: { in: ['PENDING', 'RUNNING'] } }, select: { id: true } })
  await enqueueMany({ queue: 'scans.property', jobs: open.map((p) => ({ data: { propertyId: p.id, orgId }, singletonKey: p.id })) })
  return open.length
}

async function failScan({ actor, orgId, scanId, message }: { actor: Actor; orgId: string; scanId: string; message: string }) {
  log().warn({ scanId, message }, 'scan failed')
  await db.$transaction(async (tx) => {
    const r = await tx.scan.updateMany({
      where: { id: scanId, orgId, status: { in: ['PENDING', 'RUNNING'] } },
      data: { status: 'FAILED', error: message.slice(0, 500), finishedAt: new Date() },
    })
    if (r.count)
      await writeAudit(tx, {
        orgId,
        actor: auditActorOf(actor),
        action: 'scan.fail',
        targetType: 'scan',
        targetId: scanId,
        after: { error: message },
      })
  })
}

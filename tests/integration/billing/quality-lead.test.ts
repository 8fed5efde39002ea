// The quality-lead fee in the scan pipeline's score stage (lib/billing/record-quality-lead.ts wired into
// lib/scans/advance-scan-property.ts): sandbox scores are recorded as sandbox (never counted, never billed); live
// scores ≥ 60 are billed once per address; the trial's 5 free leads, then TRIAL_LIMIT; the spend cap refuses with
// SPEND_CAP and the property fails with that reason; after an upgrade / a higher cap, "re-run failed properties"
// resumes at scoring with no new provider call and bills exactly the missing leads.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { systemActor } from '@/lib/auth/actor'
import { stopBoss } from '@/lib/jobs/boss'
import { prepareQueues } from '@/lib/jobs/enqueue'
import { QUALITY_LEAD_MIN_SCORE } from '@/lib/billing/plans'
import { createScan } from '@/lib/scans/create-scan'
import { runScanDiscovery } from '@/lib/scans/run-scan-discovery'
import { advanceScanProperty } from '@/lib/scans/advance-scan-property'
import { retryFailedProperties } from '@/lib/scans/retry-failed-properties'
import { newScanSchema } from '@/lib/scans/schemas'
import { createOrgWithRoles, uniq } from '@/tests/factories'
import { actorsOf } from '@/tests/integration/leads/helpers'
import { usePrivateBossSchema } from '@/tests/integration/outbox/harness'
import { counterOf, setUsed as setUsedTo } from './spend-helpers'

let imagesDir = ''
beforeAll(async () => {
  usePrivateBossSchema()
  imagesDir = mkdtempSync(path.join(tmpdir(), 'fm-billing-ql-'))
  process.env.IMAGE_STORAGE_DIR = imagesDir
  await prepareQueues(['scans.discover', 'scans.property'])
})
afterAll(async () => {
  await stopBoss()
  rmSync(imagesDir, { recursive: true, force: true })
})

async function advanceAll(orgId: string, scanId: string) {
  const actor = systemActor({ process: 'scans.pipeline', orgId })
  for (const p of await db.scanProperty.findMany({ where: { scanId, status: 'PENDING' }, select: { id: true } }))
    await advanceScanProperty({ actor, propertyId: p.id })
}

/** A sandbox scan of a fixed area, run through the whole pipeline in process. */
async function sandboxScan(propertyCap = 30) {
  const org = await createOrgWithRoles()
  const a = await actorsOf(org)
  const scan = await createScan({ actor: a.MANAGER, ...newScanSchema.parse({ area: { kind: 'zip', zip: '75204' }, propertyCap }) })
  await runScanDiscovery({ actor: systemActor({ process: 'scans.pipeline', orgId: org.org.id }), scanId: scan.id })
  await advanceAll(org.org.id, scan.id)
  return { org, a, scan }
}

/**
 * Turns the finished sandbox scan into what a live scan looks like at its score stage (live discovery, live
 * assessments stored), and runs the score stage again: the scored properties go back to ASSESSED / PENDING.
 */
async function rescoreAsLive(orgId: string, scanId: string) {
  const props = await db.scanProperty.findMany({ where: { scanId, stage: 'SCORED' }, select: { id: true, assessmentId: true } })
  await db.roofAssessment.updateMany({ where: { id: { in: props.map((p) => p.assessmentId!) } }, data: { sandbox: false } })
  await db.scanProperty.updateMany({
    where: { id: { in: props.map((p) => p.id) } },
    data: { stage: 'ASSESSED', status: 'PENDING', attempts: 0 },
  })
  await db.$executeRaw`
    UPDATE scans SET sandbox = false, status = 'RUNNING', finished_at = NULL, done = done - ${props.length},
           leads_created = 0, leads_rescored = 0, hot_leads = 0
     WHERE id = ${scanId}::uuid`
  await advanceAll(orgId, scanId)
}

async function upgrade(orgId: string, capCents: number) {
  await db.organization.update({ where: { id: orgId }, data: { plan: 'PROFESSIONAL' } })
  await db.billingAccount.update({
    where: { orgId },
    data: { state: 'ACTIVE', trialEndsAt: null, spendCapCents: capCents, stripeCustomerId: uniq('cus_') },
  })
}

const qualityLeadCount = async (orgId: string) =>
  db.lead.count({ where: { orgId, deletedAt: null, score: { gte: QUALITY_LEAD_MIN_SCORE } } })

describe('quality-lead metering in the score stage', () => {
  it('sandbox: rows recorded as sandbox, never counted; trial: 5 free live leads then TRIAL_LIMIT; upgrade + re-run bills the rest once', async () => {
    const { org, a, scan } = await sandboxScan(30)
    const orgId = org.org.id
    const quality = await qualityLeadCount(orgId)
    expect(quality).toBeGreaterThanOrEqual(7) // the fixed sandbox area has enough quality leads for this test
    const sandboxRows = await db.usageEvent.findMany({ where: { orgId } })
    expect(sandboxRows).toHaveLength(quality)
    expect(sandboxRows.every((r) => r.sandbox && !r.billable && r.identifier.startsWith('sandbox:lead:'))).toBe(true)
    expect(await counterOf(orgId)).toMatchObject({ usedCents: 0, freeQualityLeadsUsed: 0 })

    // the same properties scored from live data on the trial
    const assessmentsBefore = await db.roofAssessment.count({ where: { orgId } })
    await rescoreAsLive(orgId, scan.id)
    const live = await db.usageEvent.findMany({ where: { orgId, sandbox: false } })
    expect(live).toHaveLength(5)
    expect(live.every((r) => r.free && !r.billable && r.amountCents === 0)).toBe(true)
    const failed = await db.scanProperty.findMany({ where: { scanId: scan.id, status: 'FAILED' } })
    expect(failed).toHaveLength(quality - 5)
    for (const p of failed) {
      expect(p.stage).toBe('ASSESSED') // nothing lost: resumes at scoring
      expect(p.lastError).toContain('TRIAL_LIMIT')
    }
    expect((await db.scan.findUniqueOrThrow({ where: { id: scan.id } })).status).toBe('COMPLETED')

    // the owner upgrades; re-running the failed properties bills exactly the missing quality leads, once each
    await upgrade(orgId, 50_000)
    expect(await retryFailedProperties({ actor: a.MANAGER, scanId: scan.id })).toEqual({ requeued: quality - 5 })
    await advanceAll(orgId, scan.id)
    expect(await db.scanProperty.count({ where: { scanId: scan.id, status: 'FAILED' } })).toBe(0)
    const billed = await db.usageEvent.findMany({ where: { orgId, sandbox: false, billable: true } })
    expect(billed).toHaveLength(quality - 5)
    expect(billed.every((r) => r.amountCents === 113 && r.identifier.startsWith('lead:'))).toBe(true)
    expect(await db.outboxMessage.count({ where: { orgId, channel: 'METER' } })).toBe(quality - 5)
    expect((await counterOf(orgId)).usedCents).toBe((quality - 5) * 113)
    expect(await db.roofAssessment.count({ where: { orgId } })).toBe(assessmentsBefore) // no new provider call

    // scoring the same addresses again never bills again
    await rescoreAsLive(orgId, scan.id)
    expect(await db.usageEvent.count({ where: { orgId, sandbox: false } })).toBe(quality)
    expect(await db.outboxMessage.count({ where: { orgId, channel: 'METER' } })).toBe(quality - 5)
  }, 180_000)

  it('the spend cap stops billing mid-scan (SPEND_CAP), raising it and re-running resumes with no new provider call', async () => {
    const { org, a, scan } = await sandboxScan(30)
    const orgId = org.org.id
    const quality = await qualityLeadCount(orgId)
    await upgrade(orgId, 3 * 113)
    await rescoreAsLive(orgId, scan.id)
    expect(await db.usageEvent.count({ where: { orgId, sandbox: false, billable: true } })).toBe(3)
    const failed = await db.scanProperty.findMany({ where: { scanId: scan.id, status: 'FAILED' } })
    expect(failed).toHaveLength(quality - 3)
    expect(failed.every((p) => p.lastError?.includes('SPEND_CAP') && p.stage === 'ASSESSED')).toBe(true)
    const c = await counterOf(orgId)
    expect(c).toMatchObject({ usedCents: 339, reservedCents: 0, warnedPercent: 100 })

    await db.billingAccount.update({ where: { orgId }, data: { spendCapCents: 100_000 } })
    await retryFailedProperties({ actor: a.OWNER, scanId: scan.id })
    await advanceAll(orgId, scan.id)
    expect(await db.usageEvent.count({ where: { orgId, sandbox: false, billable: true } })).toBe(quality)
    expect((await counterOf(orgId)).usedCents).toBe(quality * 113)
    expect(await db.scanProperty.count({ where: { scanId: scan.id, status: 'FAILED' } })).toBe(0)
  }, 180_000)
})

describe('a live scan at 100 % of the cap', () => {
  it('is refused at creation with SPEND_CAP (a sandbox scan still runs); the estimate shows the headroom', async () => {
    const org = await createOrgWithRoles()
    const a = await actorsOf(org)
    await upgrade(org.org.id, 1_000)
    const input = newScanSchema.parse({ area: { kind: 'zip', zip: '75204' }, propertyCap: 30 })
    const saved = { ...process.env }
    // every stage live (creation itself calls no provider): the scan would bill quality leads
    Object.assign(process.env, { REGRID_TOKEN: 'rg_test', MAPBOX_TOKEN: 'pk.test', ANTHROPIC_API_KEY: 'sk-ant-test' })
    try {
      const { previewScan } = await import('@/lib/scans/preview-scan')
      const preview = await previewScan({ actor: a.MANAGER, ...input })
      expect(preview.estimate.sandbox).toBe(false)
      expect(preview.estimate.spend).toMatchObject({ capCents: 1_000, usedCents: 0, leftCents: 1_000 })
      expect(preview.estimate.spend!.upToCents).toBe(preview.estimate.totalCents)
      expect(preview.estimate.totalCents).toBeGreaterThan(0)
      const fits = preview.estimate.totalCents <= 1_000
      expect(preview.estimate.spend!.fits).toBe(fits)
      expect(preview.estimate.warnings.some((w) => w.code === 'SPEND_CAP')).toBe(!fits)
      await setUsedTo(org.org.id, 1_000)
      const refused = await createScan({ actor: a.MANAGER, ...input }).then(
        () => null,
        (e: { code: string; details: unknown }) => e,
      )
      expect(refused).toMatchObject({ code: 'QUOTA_EXCEEDED', details: { reason: 'SPEND_CAP', capCents: 1_000, usedCents: 1_000 } })
      expect(await db.scan.count({ where: { orgId: org.org.id } })).toBe(0)
    } finally {
      process.env = saved
    }
    // sandbox scans are not billable: still allowed
    const scan = await createScan({ actor: a.MANAGER, ...input })
    expect(scan.sandbox).toBe(true)
  })
})

// The scan pipeline end to end in sandbox mode (no keys: sandbox discovery, synthetic aerial images, sandbox AI),
// driven by calling the job functions directly: estimate → create (row + job in one transaction) → discovery →
// each property through image → quality gate → assessment → score → lead. Resume after a provider outage,
// re-scan dedupe, cancel, tenancy and bad input.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { toAppError } from '@/lib/errors'
import { systemActor } from '@/lib/auth/actor'
import { stopBoss } from '@/lib/jobs/boss'
import { prepareQueues } from '@/lib/jobs/enqueue'
import { createScan } from '@/lib/scans/create-scan'
import { previewScan } from '@/lib/scans/preview-scan'
import { runScanDiscovery } from '@/lib/scans/run-scan-discovery'
import { advanceScanProperty } from '@/lib/scans/advance-scan-property'
import { getScanOrThrow } from '@/lib/scans/get-scan'
import { cancelScan } from '@/lib/scans/cancel-scan'
import { retryFailedProperties } from '@/lib/scans/retry-failed-properties'
import { newScanSchema } from '@/lib/scans/schemas'
import { createScanAction } from '@/app/[orgSlug]/scans/actions'
import { createOrgWithRoles } from '@/tests/factories'
import { actorsOf } from '@/tests/integration/leads/helpers'
import { usePrivateBossSchema } from '@/tests/integration/outbox/harness'

let schema = ''
let imagesDir = ''
beforeAll(async () => {
  schema = usePrivateBossSchema()
  imagesDir = mkdtempSync(path.join(tmpdir(), 'fm-scan-images-'))
  process.env.IMAGE_STORAGE_DIR = imagesDir
  await prepareQueues(['scans.discover', 'scans.property', 'notifications.hot-lead'])
})
afterAll(async () => {
  await stopBoss()
  rmSync(imagesDir, { recursive: true, force: true })
})

const err = async (p: Promise<unknown>) =>
  toAppError(
    await p.then(
      () => null,
      (e) => e,
    ),
  )
const DALLAS = { kind: 'radius' as const, lat: 32.7767, lng: -96.797, radiusMiles: 1 }
const newScan = (x: unknown) => newScanSchema.parse(x)
const pipeline = (orgId: string) => systemActor({ process: 'scans.pipeline', orgId })

async function jobsFor(queue: string, key: string) {
  return db.$queryRawUnsafe<Array<{ state: string }>>(
    `SELECT state::text FROM "${schema}".job WHERE name = $1 AND singleton_key = $2`,
    queue,
    key,
  )
}

/** Runs discovery and every property job until none is left open (what the worker does). */
async function runScan(orgId: string, scanId: string) {
  await runScanDiscovery({ actor: pipeline(orgId), scanId })
  const props = await db.scanProperty.findMany({ where: { scanId }, select: { id: true } })
  const results = []
  for (const p of props) results.push(await advanceScanProperty({ actor: pipeline(orgId), propertyId: p.id }))
  return results
}

describe('scan pipeline (sandbox)', () => {
  it('estimate, then create: the scan row, its audit row and its discovery job commit together', async () => {
    const org = await createOrgWithRoles()
    const a = await actorsOf(org)
    const { area, propertyCap } = newScan({ area: DALLAS, propertyCap: 12 })
    const preview = await previewScan({ actor: a.MANAGER, area, propertyCap })
    expect(preview.estimate).toMatchObject({ sandbox: true, properties: 12, totalCents: 0 })
    expect(preview.estimate.warnings.map((w) => w.code)).toContain('SANDBOX')
    const scan = await createScan({ actor: a.MANAGER, area, propertyCap })
    expect(scan).toMatchObject({ status: 'PENDING', propertyCap: 12, sandbox: true })
    expect(await jobsFor('scans.discover', scan.id)).toHaveLength(1)
    expect(await db.auditLog.count({ where: { orgId: org.org.id, action: 'scan.create', targetId: scan.id } })).toBe(1)
  })

  it('runs every property to a lead with an image, an assessment, a v1 breakdown and score history; the scan completes', async () => {
    const org = await createOrgWithRoles()
    const a = await actorsOf(org)
    const scan = await createScan({ actor: a.ADMIN, ...newScan({ area: DALLAS, propertyCap: 10 }) })
    const results = await runScan(org.org.id, scan.id)
    expect(results).toHaveLength(10)
    const s = await getScanOrThrow({ actor: a.MANAGER, scanId: scan.id })
    expect(s.status).toBe('COMPLETED')
    expect(s.total).toBe(10)
    expect(s.done + s.failed + s.needsReview).toBe(10)
    expect(s.done).toBeGreaterThan(0)
    expect(s.leadsCreated).toBe(s.done)
    expect(s.percent).toBe(100)
    expect(await jobsFor('scans.property', (await db.scanProperty.findFirstOrThrow({ where: { scanId: scan.id } })).id)).toHaveLength(1)
    const leads = await db.lead.findMany({
      where: { orgId: org.org.id, scanId: scan.id },
      select: {
        id: true,
        source: true,
        score: true,
        band: true,
        scoreVersion: true,
        scoreBreakdown: true,
        roofImageId: true,
        roofAssessmentId: true,
      },
    })
    expect(leads).toHaveLength(s.done)
    for (const l of leads) {
      expect(l).toMatchObject({ source: 'SCAN', scoreVersion: 'v1' })
      expect(l.roofImageId && l.roofAssessmentId).toBeTruthy()
      expect((l.scoreBreakdown as { components: unknown[] }).components).toHaveLength(5)
      expect(await db.leadScore.count({ where: { leadId: l.id } })).toBe(1)
      // a HOT lead's alert job committed with its score; other leads have none
      expect(await jobsFor('notifications.hot-lead', l.id)).toHaveLength(l.band === 'HOT' ? 1 : 0)
    }
    expect(s.hotLeads).toBe(leads.filter((l) => l.band === 'HOT').length)
    // every needs-review property waits in the queue with the AI's attempts kept
    const review = await db.roofAssessment.count({ where: { orgId: org.org.id, reviewStatus: 'PENDING' } })
    expect(review).toBe(s.needsReview)
  })

  it('resumes after a provider outage at the assessment stage without fetching the image again', async () => {
    const org = await createOrgWithRoles()
    const a = await actorsOf(org)
    const scan = await createScan({ actor: a.OWNER, ...newScan({ area: { kind: 'zip', zip: '75201' }, propertyCap: 10 }) })
    await runScanDiscovery({ actor: pipeline(org.org.id), scanId: scan.id })
    const prop = await db.scanProperty.findFirstOrThrow({ where: { scanId: scan.id }, select: { id: true } })
    process.env.FM_DISABLE_ANTHROPIC = '1' // the AI provider is down: the job throws after the image stage committed
    try {
      await expect(advanceScanProperty({ actor: pipeline(org.org.id), propertyId: prop.id })).rejects.toMatchObject({
        code: 'UPSTREAM_UNAVAILABLE',
      })
    } finally {
      delete process.env.FM_DISABLE_ANTHROPIC
    }
    const mid = await db.scanProperty.findUniqueOrThrow({
      where: { id: prop.id },
      select: { stage: true, status: true, attempts: true, imageId: true },
    })
    expect(mid).toMatchObject({ stage: 'IMAGED', status: 'RUNNING', attempts: 1 })
    const imagesBefore = await db.roofImage.count({ where: { orgId: org.org.id } })
    const result = await advanceScanProperty({ actor: pipeline(org.org.id), propertyId: prop.id })
    expect(['done', 'needs_review']).toContain(result)
    expect(await db.roofImage.count({ where: { orgId: org.org.id } })).toBe(imagesBefore)
    expect(await db.scanProperty.findUniqueOrThrow({ where: { id: prop.id }, select: { imageId: true } })).toMatchObject({
      imageId: mid.imageId,
    })
    // the job ran again after it finished (a duplicate delivery): nothing happens
    expect(await advanceScanProperty({ actor: pipeline(org.org.id), propertyId: prop.id })).toBe('skipped')
  })

  it('a re-scan of the same area re-scores the leads (history kept) instead of duplicating them; discovery runs once', async () => {
    const org = await createOrgWithRoles()
    const a = await actorsOf(org)
    const first = await createScan({ actor: a.MANAGER, ...newScan({ area: DALLAS, propertyCap: 10 }) })
    await runScan(org.org.id, first.id)
    const leadsAfterFirst = await db.lead.count({ where: { orgId: org.org.id } })
    const second = await createScan({ actor: a.MANAGER, ...newScan({ area: DALLAS, propertyCap: 10 }) })
    await runScan(org.org.id, second.id)
    // a duplicated discovery job finds the properties there and starts nothing new
    expect(await runScanDiscovery({ actor: pipeline(org.org.id), scanId: second.id })).toEqual({ queued: 0 })
    const s2 = await db.scan.findUniqueOrThrow({ where: { id: second.id } })
    expect(await db.lead.count({ where: { orgId: org.org.id } })).toBe(leadsAfterFirst)
    expect(s2.leadsCreated).toBe(0)
    expect(s2.leadsRescored).toBe(s2.done)
    const rescored = await db.lead.findFirstOrThrow({ where: { orgId: org.org.id, scanId: second.id }, select: { id: true } })
    expect(await db.leadScore.count({ where: { leadId: rescored.id } })).toBe(2)
  })

  it('a property whose provider stays down fails after 3 attempts without failing the scan; re-run failed properties', async () => {
    const org = await createOrgWithRoles()
    const a = await actorsOf(org)
    const scan = await createScan({ actor: a.MANAGER, ...newScan({ area: DALLAS, propertyCap: 10 }) })
    await runScanDiscovery({ actor: pipeline(org.org.id), scanId: scan.id })
    const props = await db.scanProperty.findMany({ where: { scanId: scan.id }, select: { id: true } })
    process.env.FM_DISABLE_MAPBOX = '1' // imagery switched off: every attempt is refused
    try {
      for (const p of props) {
        for (let i = 0; i < 2; i++)
          await expect(advanceScanProperty({ actor: pipeline(org.org.id), propertyId: p.id })).rejects.toMatchObject({
            code: 'UPSTREAM_UNAVAILABLE',
          })
        expect(await advanceScanProperty({ actor: pipeline(org.org.id), propertyId: p.id })).toBe('failed')
      }
    } finally {
      delete process.env.FM_DISABLE_MAPBOX
    }
    const failed = await db.scan.findUniqueOrThrow({ where: { id: scan.id } })
    expect(failed).toMatchObject({ status: 'COMPLETED', failed: 10, done: 0 })
    expect(await err(retryFailedProperties({ actor: a.REP, scanId: scan.id }))).toMatchObject({ code: 'FORBIDDEN' })
    expect(await retryFailedProperties({ actor: a.MANAGER, scanId: scan.id })).toEqual({ requeued: 10 })
    expect(await db.scan.findUniqueOrThrow({ where: { id: scan.id } })).toMatchObject({ status: 'RUNNING', failed: 0, finishedAt: null })
    expect(await err(retryFailedProperties({ actor: a.MANAGER, scanId: scan.id }))).toMatchObject({ code: 'CONFLICT' })
    for (const p of props) await advanceScanProperty({ actor: pipeline(org.org.id), propertyId: p.id })
    const again = await db.scan.findUniqueOrThrow({ where: { id: scan.id } })
    expect(again.status).toBe('COMPLETED')
    expect(again.done + again.needsReview).toBe(10)
    expect(await db.auditLog.count({ where: { orgId: org.org.id, action: 'scan.retry_failed' } })).toBe(1)
  })

  it('cancel stops the properties not yet done; their jobs then do nothing', async () => {
    const org = await createOrgWithRoles()
    const a = await actorsOf(org)
    const scan = await createScan({ actor: a.MANAGER, ...newScan({ area: DALLAS, propertyCap: 10 }) })
    await runScanDiscovery({ actor: pipeline(org.org.id), scanId: scan.id })
    expect(await cancelScan({ actor: a.MANAGER, scanId: scan.id })).toEqual({ id: scan.id, status: 'CANCELED' })
    const p = await db.scanProperty.findFirstOrThrow({ where: { scanId: scan.id }, select: { id: true, status: true } })
    expect(p.status).toBe('CANCELED')
    expect(await advanceScanProperty({ actor: pipeline(org.org.id), propertyId: p.id })).toBe('skipped')
    expect(await db.roofImage.count({ where: { orgId: org.org.id } })).toBe(0)
    // canceling again is harmless
    expect(await cancelScan({ actor: a.MANAGER, scanId: scan.id })).toEqual({ id: scan.id, status: 'CANCELED' })
  })

  it('rights and tenancy: REP/VIEWER refused, another org gets NOT_FOUND, jobs of one org cannot touch another', async () => {
    const org = await createOrgWithRoles()
    const other = await createOrgWithRoles()
    const a = await actorsOf(org)
    const b = await actorsOf(other)
    const input = newScan({ area: DALLAS, propertyCap: 10 })
    expect(await err(createScan({ actor: a.REP, ...input }))).toMatchObject({ code: 'FORBIDDEN' })
    expect(await err(previewScan({ actor: a.VIEWER, ...input }))).toMatchObject({ code: 'FORBIDDEN' })
    const scan = await createScan({ actor: a.MANAGER, ...input })
    expect(await err(getScanOrThrow({ actor: a.VIEWER, scanId: scan.id }))).toMatchObject({ code: 'FORBIDDEN' })
    expect(await err(getScanOrThrow({ actor: b.OWNER, scanId: scan.id }))).toMatchObject({ code: 'NOT_FOUND' })
    expect(await err(cancelScan({ actor: b.OWNER, scanId: scan.id }))).toMatchObject({ code: 'NOT_FOUND' })
    expect(await err(getScanOrThrow({ actor: a.OWNER, scanId: 'not-a-uuid' }))).toMatchObject({ code: 'NOT_FOUND' })
    expect(await err(runScanDiscovery({ actor: pipeline(other.org.id), scanId: scan.id }))).toMatchObject({ code: 'NOT_FOUND' })
    expect(
      await err(runScanDiscovery({ actor: systemActor({ process: 'leads.import', orgId: org.org.id }), scanId: scan.id })),
    ).toMatchObject({
      code: 'FORBIDDEN',
    })
  })

  it('bad input is a 4xx envelope and stores nothing; the 11th scan in an hour is RATE_LIMITED', async () => {
    const org = await createOrgWithRoles()
    const run = createScanAction.as({ sessionId: org.members.MANAGER.sessionId })
    const bad = [
      { area: { ...DALLAS, radiusMiles: 0 }, propertyCap: 10 },
      { area: { ...DALLAS, radiusMiles: 500 }, propertyCap: 10 },
      { area: DALLAS, propertyCap: 0 },
      { area: DALLAS, propertyCap: 5000 },
      { area: { kind: 'zip', zip: '00000' }, propertyCap: 10 },
      { area: { kind: 'city', city: 'Nowhereville', state: 'TX' }, propertyCap: 10 },
      { area: { kind: 'moon' }, propertyCap: 10 },
    ]
    for (const input of bad) {
      const r = await run({ orgSlug: org.org.slug, ...input })
      expect(r.ok, JSON.stringify(input)).toBe(false)
      if (!r.ok) expect(r.error.code, JSON.stringify(input)).toBe('VALIDATION_FAILED')
    }
    expect(await db.scan.count({ where: { orgId: org.org.id } })).toBe(0)
    process.env.FM_RATE_LIMIT_SCANS = '2'
    try {
      for (let i = 0; i < 2; i++) expect((await run({ orgSlug: org.org.slug, area: DALLAS, propertyCap: 10 })).ok).toBe(true)
      const limited = await run({ orgSlug: org.org.slug, area: DALLAS, propertyCap: 10 })
      expect(limited).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } })
    } finally {
      delete process.env.FM_RATE_LIMIT_SCANS
    }
    expect(await db.scan.count({ where: { orgId: org.org.id } })).toBe(2)
  })
})

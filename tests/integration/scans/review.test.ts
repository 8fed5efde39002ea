// The review queue: what the pipeline could not settle waits for a manager, who accepts, corrects or discards.
// A sandbox scan of this area deterministically sends some properties to review (sandbox answers are keyed by
// the image, the image by the address).
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
import { runScanDiscovery } from '@/lib/scans/run-scan-discovery'
import { advanceScanProperty } from '@/lib/scans/advance-scan-property'
import { listRoofReviews } from '@/lib/scans/list-roof-reviews'
import { resolveRoofReview } from '@/lib/scans/resolve-roof-review'
import { newScanSchema, resolveRoofReviewSchema } from '@/lib/scans/schemas'
import { createOrgWithRoles } from '@/tests/factories'
import { actorsOf } from '@/tests/integration/leads/helpers'
import { usePrivateBossSchema } from '@/tests/integration/outbox/harness'

let imagesDir = ''
beforeAll(async () => {
  usePrivateBossSchema()
  imagesDir = mkdtempSync(path.join(tmpdir(), 'fm-review-images-'))
  process.env.IMAGE_STORAGE_DIR = imagesDir
  await prepareQueues(['scans.discover', 'scans.property'])
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

async function scanWithReviews() {
  const org = await createOrgWithRoles()
  const a = await actorsOf(org)
  const scan = await createScan({ actor: a.MANAGER, ...newScanSchema.parse({ area: { kind: 'zip', zip: '75204' }, propertyCap: 60 }) })
  const actor = systemActor({ process: 'scans.pipeline', orgId: org.org.id })
  await runScanDiscovery({ actor, scanId: scan.id })
  for (const p of await db.scanProperty.findMany({ where: { scanId: scan.id }, select: { id: true } }))
    await advanceScanProperty({ actor, propertyId: p.id })
  return { org, a, scan }
}

describe('review queue', () => {
  it('lists what needs review; accept, correct and discard each settle one item, adjust the counts and are audited', async () => {
    const { org, a, scan } = await scanWithReviews()
    const before = await db.scan.findUniqueOrThrow({ where: { id: scan.id } })
    expect(before.status).toBe('COMPLETED')
    const { items } = await listRoofReviews({ actor: a.MANAGER })
    expect(items.length).toBe(before.needsReview)
    expect(items.length).toBeGreaterThanOrEqual(3)

    const acceptable = items.find((i) => i.assessment?.roofVisible)
    const other = items.filter((i) => i !== acceptable)
    expect(acceptable).toBeTruthy()
    const accepted = await resolveRoofReview({
      actor: a.MANAGER,
      decision: resolveRoofReviewSchema.parse({ decision: 'accept', assessmentId: acceptable!.assessmentId }),
    })
    expect(accepted.leadId).toBeTruthy()

    const corrected = await resolveRoofReview({
      actor: a.ADMIN,
      decision: resolveRoofReviewSchema.parse({
        decision: 'correct',
        assessmentId: other[0]!.assessmentId,
        correction: {
          conditionScore: 22,
          material: 'asphalt_shingle',
          indicators: [{ type: 'tarp', severity: 'high', evidence: 'Blue tarp over the north slope' }],
        },
      }),
    })
    const lead = await db.lead.findUniqueOrThrow({ where: { id: corrected.leadId! }, select: { score: true, scoreBreakdown: true } })
    expect(JSON.stringify(lead.scoreBreakdown)).toContain('Blue tarp over the north slope')

    expect(await resolveRoofReview({ actor: a.MANAGER, decision: { decision: 'discard', assessmentId: other[1]!.assessmentId } })).toEqual({
      leadId: null,
    })

    const after = await db.scan.findUniqueOrThrow({ where: { id: scan.id } })
    expect(after.needsReview).toBe(before.needsReview - 3)
    expect(after.done).toBe(before.done + 2)
    expect(after.failed).toBe(before.failed + 1)
    expect(after.status).toBe('COMPLETED')
    expect((await listRoofReviews({ actor: a.MANAGER })).items).toHaveLength(before.needsReview - 3)
    for (const action of ['scan.review.accept', 'scan.review.correct', 'scan.review.discard'])
      expect(await db.auditLog.count({ where: { orgId: org.org.id, action } })).toBe(1)

    // decided already → CONFLICT; accepting an answer that has no visible roof → VALIDATION_FAILED
    expect(
      await err(resolveRoofReview({ actor: a.MANAGER, decision: { decision: 'discard', assessmentId: acceptable!.assessmentId } })),
    ).toMatchObject({
      code: 'CONFLICT',
      details: { reason: 'REVIEW_DECIDED' },
    })
  })

  it('rights and tenancy: REP/VIEWER cannot decide or list, another org gets NOT_FOUND', async () => {
    const { a } = await scanWithReviews()
    const other = await actorsOf(await createOrgWithRoles())
    const [item] = (await listRoofReviews({ actor: a.OWNER })).items
    const decision = { decision: 'discard' as const, assessmentId: item!.assessmentId }
    expect(await err(listRoofReviews({ actor: a.VIEWER }))).toMatchObject({ code: 'FORBIDDEN' })
    expect(await err(resolveRoofReview({ actor: a.REP, decision }))).toMatchObject({ code: 'FORBIDDEN' })
    expect(await err(resolveRoofReview({ actor: other.OWNER, decision }))).toMatchObject({ code: 'NOT_FOUND' })
    expect(await err(resolveRoofReview({ actor: a.OWNER, decision: { decision: 'discard', assessmentId: 'nope' } }))).toMatchObject({
      code: 'NOT_FOUND',
    })
    expect((await listRoofReviews({ actor: other.OWNER })).items).toHaveLength(0)
  })
})

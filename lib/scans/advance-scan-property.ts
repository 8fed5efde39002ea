// Pipeline step 2 (job scans.property): one property through geocode (an address without coordinates: a CSV
// scan) → aerial image → quality gate → AI assessment →
// score → lead. Each stage's result is committed before the next starts (scan_properties.stage), so a worker
// killed mid-way resumes at the stage it reached and never repeats a finished provider call. A property that
// fails never fails the scan: after MAX_PROPERTY_ATTEMPTS (or at once for an unusable image) it is FAILED with
// its reason, and the scan completes when every property is finished.
import 'server-only'
import { Prisma } from '@/lib/generated/prisma/client'
import type { RoofMaterial as LeadRoofMaterial } from '@/lib/generated/prisma/enums'
import { db, type Tx } from '@/lib/db'
import { AppError, reasonOf, toAppError } from '@/lib/errors'
import { assertCan, type Actor } from '@/lib/auth/actor'
import { fetchAerialImage } from '@/lib/external/aerial-imagery'
import { assessImageQuality } from '@/lib/imagery/quality-gate'
import { ADDRESS_NOT_FOUND, geocodeScanProperty } from '@/lib/scans/geocode-address'
import { normalizeAddress } from '@/lib/leads/normalize-address'
import { recordActivities } from '@/lib/leads/record-activity'
import { recordQualityLead } from '@/lib/billing/record-quality-lead'
import { prepareSpendWarnings } from '@/lib/billing/spend-warnings'
import { log } from '@/lib/logger'
import { enqueueHotLeadAlert, prepareHotLeadAlerts } from '@/lib/notifications/enqueue-hot-lead-alert'
import { scoreV1 } from '@/lib/scoring/score-v1'
import { aerialImageKey, getObject, putObject } from '@/lib/storage/image-storage'
import { assessRoof } from '@/lib/vision/assess-roof'
import { decideAssessment, type AssessmentAttempt } from '@/lib/vision/decide-assessment'
import type { RoofAssessment, RoofMaterial } from '@/lib/vision/roof-assessment'

/** A property's job runs this many times at most (pg-boss retryLimit 2 in queue-definitions.ts, plus one). */
export const MAX_PROPERTY_ATTEMPTS = 3

const LEAD_MATERIAL: Record<RoofMaterial, LeadRoofMaterial> = {
  asphalt_shingle: 'ASPHALT_SHINGLE',
  architectural_shingle: 'ASPHALT_SHINGLE',
  metal: 'METAL',
  tile: 'TILE',
  slate: 'SLATE',
  flat_membrane: 'FLAT_MEMBRANE',
  wood_shake: 'WOOD_SHAKE',
  unknown: 'UNKNOWN',
}

interface Facts {
  ownerName?: string
  yearBuilt?: number
  assessedValueCents?: number
  parcelId?: string
}

type PropertyRow = Awaited<ReturnType<typeof loadProperty>>

export async function loadProperty(orgId: string, propertyId: string) {
  return db.scanProperty.findFirst({
    where: { id: propertyId, orgId },
    select: {
      id: true,
      scanId: true,
      stage: true,
      status: true,
      attempts: true,
      normalizedAddress: true,
      addressLine1: true,
      city: true,
      state: true,
      zip: true,
      lat: true,
      lng: true,
      facts: true,
      imageId: true,
      assessmentId: true,
      scan: { select: { status: true, sandbox: true } },
    },
  })
}

export type AdvanceResult = 'done' | 'failed' | 'needs_review' | 'canceled' | 'skipped'

export async function advanceScanProperty({ actor, propertyId }: { actor: Actor; propertyId: string }): Promise<AdvanceResult> {
  const orgId = assertCan(actor, 'scan.run')
  const found = await loadProperty(orgId, propertyId)
  if (!found || (found.status !== 'PENDING' && found.status !== 'RUNNING')) return 'skipped'
  if (found.scan.status === 'CANCELED' || found.scan.status === 'FAILED') {
    await finish({ orgId, p: found, status: 'CANCELED' })
    return 'canceled'
  }
  const p = await db.scanProperty.update({
    where: { id: propertyId, orgId },
    data: { status: 'RUNNING', attempts: { increment: 1 } },
    select: { attempts: true },
  })
  let row = found
  try {
    if (row.stage === 'DISCOVERED' && (row.lat == null || row.lng == null)) {
      // an address without coordinates (a CSV scan): geocode it and store the point before imaging
      const point = await geocodeScanProperty({ orgId, p: row })
      if (!point) {
        await finish({ orgId, p: row, status: 'FAILED', error: ADDRESS_NOT_FOUND })
        return 'failed'
      }
      row = { ...row, ...point }
    }
    if (row.stage === 'DISCOVERED') {
      const imaged = await imageStage({ orgId, p: row })
      if (imaged === 'failed') return 'failed'
      row = { ...row, stage: 'IMAGED', imageId: imaged.imageId }
    }
    if (row.stage === 'IMAGED') {
      const assessed = await assessStage({ orgId, p: row })
      if (assessed === 'needs_review') return 'needs_review'
      row = { ...row, stage: 'ASSESSED', assessmentId: assessed.assessmentId }
    }
    if (row.stage === 'ASSESSED') return await scoreStage({ actor, orgId, p: row })
    return 'skipped'
  } catch (err) {
    const e = toAppError(err)
    const retryable = e.status >= 500 || e.code === 'RATE_LIMITED'
    if (retryable && p.attempts < MAX_PROPERTY_ATTEMPTS) {
      await db.scanProperty.update({ where: { id: propertyId, orgId }, data: { lastError: errorText(e) }, select: { id: true } })
      throw err // the job is retried with backoff and resumes at the stage reached
    }
    // a spend-cap or trial refusal is the product working (shown on the scan, re-run after raising the cap): info
    if (e.code === 'QUOTA_EXCEEDED') log().info({ propertyId, code: e.code, reason: reasonOf(e) }, 'scan property refused by billing')
    else log().warn({ propertyId, code: e.code, err: e.cause ?? e }, 'scan property failed')
    await finish({ orgId, p: row, status: 'FAILED', error: errorText(e) })
    return 'failed'
  }
}

const errorText = (e: AppError) =>
  `${e.code}: ${e.message}${(e.details as { reason?: string } | undefined)?.reason ? ` (${(e.details as { reason?: string }).reason})` : ''}`.slice(
    0,
    500,
  )

/** Stage 1: fetch the aerial image, store its bytes, measure its quality. An unusable image fails the property. */
async function imageStage({ orgId, p }: { orgId: string; p: NonNullable<PropertyRow> }): Promise<{ imageId: string } | 'failed'> {
  if (p.lat == null || p.lng == null) {
    await finish({ orgId, p, status: 'FAILED', error: 'No coordinates for this address' })
    return 'failed'
  }
  const img = await fetchAerialImage({ lat: p.lat, lng: p.lng })
  const quality = await assessImageQuality(img.bytes)
  const { width, height } = img
  if (width == null || height == null) {
    await finish({ orgId, p, status: 'FAILED', error: `Aerial image unusable: ${quality.reasons.join(', ') || 'undecodable'}` })
    return 'failed'
  }
  const key = aerialImageKey({ orgId, sha256: img.sha256, contentType: img.contentType })
  await putObject({ key, bytes: img.bytes, contentType: img.contentType })
  const imageId = await db.$transaction(async (tx) => {
    const image = await tx.roofImage.create({
      data: {
        orgId,
        storageKey: key,
        contentType: img.contentType,
        width,
        height,
        bytes: img.bytes.byteLength,
        sha256: img.sha256,
        provider: img.provider === 'google_maps' ? 'google' : img.provider,
        zoom: img.zoom,
        metresPerPixel: img.metresPerPixel,
        capturedAt: img.capturedAt ?? null,
        sandbox: img.sandbox,
        qualityOk: quality.ok,
        qualityReasons: quality.reasons,
        qualityMetrics: JSON.parse(JSON.stringify(quality.metrics)),
      },
      select: { id: true },
    })
    await tx.scanProperty.update({
      where: { id: p.id, orgId },
      data: { imageId: image.id, ...(quality.ok ? { stage: 'IMAGED' } : {}) },
      select: { id: true },
    })
    return image.id
  })
  if (!quality.ok) {
    await finish({ orgId, p, status: 'FAILED', error: `Aerial image unusable: ${quality.reasons.join(', ')}` })
    return 'failed'
  }
  return { imageId }
}

/** The attempts recorded so far, as decideAssessment reads them. */
function attemptOf(row: { outcome: string; result: unknown }): AssessmentAttempt {
  const assessment = (row.result ?? undefined) as RoofAssessment | undefined
  if (row.outcome === 'assessed') return { outcome: 'assessed', assessment: assessment! }
  return { outcome: 'invalid', reason: row.outcome === 'low_confidence' ? 'low_confidence' : 'malformed', assessment }
}

/** Stage 2: the AI assessment, one stored attempt at a time; malformed or unsure → one retry → review queue. */
async function assessStage({
  orgId,
  p,
}: {
  orgId: string
  p: NonNullable<PropertyRow>
}): Promise<{ assessmentId: string } | 'needs_review'> {
  const rows = await db.roofAssessment.findMany({
    where: { scanPropertyId: p.id, orgId },
    orderBy: { attempt: 'asc' },
    select: { id: true, attempt: true, outcome: true, result: true },
  })
  let decision = decideAssessment(rows.map(attemptOf))
  while (decision.next === 'retry') {
    const image = await db.roofImage.findFirstOrThrow({ where: { id: p.imageId!, orgId }, select: { storageKey: true, contentType: true } })
    const stored = await getObject({ key: image.storageKey })
    if (!stored) throw new AppError('INTERNAL', 'The stored aerial image is missing', { details: { key: image.storageKey } })
    const facts = p.facts as Facts
    const out = await assessRoof({
      image: { bytes: stored.bytes, contentType: stored.contentType },
      context: { lat: p.lat!, lng: p.lng!, yearBuilt: facts.yearBuilt },
    })
    const created = await db.roofAssessment.create({
      data: {
        orgId,
        imageId: p.imageId!,
        scanPropertyId: p.id,
        attempt: rows.length + 1,
        outcome: out.outcome === 'assessed' ? 'assessed' : out.reason,
        provider: out.provider,
        model: out.model.slice(0, 100),
        promptVersion: out.promptVersion,
        result: out.assessment ? JSON.parse(JSON.stringify(out.assessment)) : Prisma.JsonNull,
        confidence: out.assessment?.confidence ?? null,
        sandbox: out.sandbox,
      },
      select: { id: true, attempt: true, outcome: true, result: true },
    })
    rows.push(created)
    decision = decideAssessment(rows.map(attemptOf))
  }
  const last = rows[rows.length - 1]!
  if (decision.next === 'accept') {
    await db.scanProperty.update({ where: { id: p.id, orgId }, data: { assessmentId: last.id, stage: 'ASSESSED' }, select: { id: true } })
    return { assessmentId: last.id }
  }
  await db.$transaction(async (tx) => {
    await tx.roofAssessment.update({ where: { id: last.id }, data: { reviewStatus: 'PENDING' }, select: { id: true } })
    await tx.scanProperty.update({ where: { id: p.id, orgId }, data: { assessmentId: last.id }, select: { id: true } })
    await finishIn(tx, { orgId, p, status: 'NEEDS_REVIEW', error: `Needs review: ${decision.reason.replace(/_/g, ' ')}` })
  })
  return 'needs_review'
}

/** Stage 3: score the roof and create the lead, or re-score the lead this address already is. */
export async function scoreStage({
  actor,
  orgId,
  p,
  from = 'RUNNING',
}: {
  actor: Actor
  orgId: string
  p: NonNullable<PropertyRow>
  /** RUNNING in the pipeline; NEEDS_REVIEW when a reviewer settled the assessment (lib/scans/resolve-roof-review.ts) */
  from?: 'RUNNING' | 'NEEDS_REVIEW'
}): Promise<AdvanceResult> {
  const assessmentRow = await db.roofAssessment.findFirstOrThrow({
    where: { id: p.assessmentId!, orgId },
    select: { result: true, sandbox: true },
  })
  const assessment = assessmentRow.result as unknown as RoofAssessment
  const facts = p.facts as Facts
  const normalizedAddress = normalizeAddress({ line1: p.addressLine1, city: p.city, state: p.state, zip: p.zip })
  await prepareHotLeadAlerts() // outside the transaction: a cold pg-boss start can be slow
  await prepareSpendWarnings() // the quality-lead fee's meter message and spend-warning jobs commit with the score
  const sandboxData = p.scan.sandbox || assessmentRow.sandbox
  return db.$transaction(async (tx) => {
    const existing = await tx.lead.findFirst({
      where: { orgId, normalizedAddress, deletedAt: null },
      select: {
        id: true,
        band: true,
        ownerName: true,
        yearBuilt: true,
        propertyValueCents: true,
        contacts: { select: { phones: true, emails: true } },
      },
    })
    const result = scoreV1({
      assessment,
      property: {
        yearBuilt: existing?.yearBuilt ?? facts.yearBuilt ?? null,
        propertyValueCents: existing?.propertyValueCents ?? facts.assessedValueCents ?? null,
      },
      contact: {
        ownerNameKnown: !!(existing?.ownerName ?? facts.ownerName),
        phones: existing?.contacts.reduce((n, c) => n + c.phones.length, 0) ?? 0,
        emails: existing?.contacts.reduce((n, c) => n + c.emails.length, 0) ?? 0,
      },
      now: new Date(),
      sandbox: sandboxData,
    })
    const breakdown = JSON.parse(JSON.stringify(result)) as Prisma.InputJsonValue
    const scored = {
      score: result.score,
      scoreVersion: result.version,
      scoreBreakdown: breakdown,
      scanId: p.scanId,
      roofImageId: p.imageId,
      roofAssessmentId: p.assessmentId,
      roofMaterial: assessment.roofVisible ? LEAD_MATERIAL[assessment.material] : undefined,
    }
    let leadId: string
    let created = false
    if (existing) {
      leadId = existing.id
      await tx.lead.update({
        where: { id: leadId },
        // re-scoring never overwrites what people entered: only blanks are filled from the parcel record
        data: {
          ...scored,
          ...(existing.ownerName ? {} : { ownerName: facts.ownerName }),
          ...(existing.yearBuilt ? {} : { yearBuilt: facts.yearBuilt }),
          ...(existing.propertyValueCents ? {} : { propertyValueCents: facts.assessedValueCents }),
        },
        select: { id: true },
      })
      await recordActivities(tx, actor, [
        { leadId, type: 'score.changed', data: { scanId: p.scanId, score: result.score, version: result.version } },
      ])
    } else {
      const lead = await tx.lead.create({
        data: {
          orgId,
          normalizedAddress,
          addressLine1: p.addressLine1,
          city: p.city,
          state: p.state,
          zip: p.zip,
          lat: p.lat,
          lng: p.lng,
          ownerName: facts.ownerName,
          yearBuilt: facts.yearBuilt,
          propertyValueCents: facts.assessedValueCents,
          source: 'SCAN',
          ...scored,
        },
        select: { id: true },
      })
      leadId = lead.id
      created = true
      await recordActivities(tx, actor, [{ leadId, type: 'lead.created', data: { source: 'SCAN', scanId: p.scanId } }])
    }
    // the quality-lead fee (issue #10): once per address, when live data first scores ≥ 60; a refusal
    // (QUOTA_EXCEEDED: spend cap / trial limit) rolls this scoring back and fails the property with that reason
    if (result.score !== null) await recordQualityLead({ tx, orgId, leadId, normalizedAddress, score: result.score, sandbox: sandboxData })
    await tx.leadScore.create({
      data: { orgId, leadId, scanId: p.scanId, score: result.score, version: result.version, confidence: result.confidence, breakdown },
      select: { id: true },
    })
    await tx.scanProperty.update({ where: { id: p.id, orgId }, data: { leadId, stage: 'SCORED' }, select: { id: true } })
    const newlyHot = result.band === 'HOT' && existing?.band !== 'HOT'
    // managers hear about a HOT lead within a minute; the alert commits with the score (one per lead per person:
    // the job re-checks the band and every notification and email has a dedupe key)
    if (result.band === 'HOT') await enqueueHotLeadAlert({ tx, leadId, orgId })
    await finishIn(tx, {
      orgId,
      p,
      status: 'DONE',
      from,
      counts: { created: created ? 1 : 0, rescored: created ? 0 : 1, hot: newlyHot ? 1 : 0 },
    })
    return 'done' as const
  })
}

type FinalStatus = 'DONE' | 'FAILED' | 'NEEDS_REVIEW' | 'CANCELED'

async function finish(args: { orgId: string; p: NonNullable<PropertyRow>; status: FinalStatus; error?: string }) {
  await db.$transaction((tx) => finishIn(tx, args))
}

/**
 * Ends a property (only once: the status moves from PENDING/RUNNING or nothing happens) and adds it to the scan's
 * counts in the same statement that completes the scan when it was the last one (the row lock orders racing
 * properties, so exactly one of them completes it).
 */
export async function finishIn(
  tx: Tx,
  {
    orgId,
    p,
    status,
    error,
    counts,
    from = 'RUNNING',
  }: {
    orgId: string
    p: NonNullable<PropertyRow>
    status: FinalStatus
    error?: string
    counts?: { created: number; rescored: number; hot: number }
    /** RUNNING: the pipeline (PENDING too); NEEDS_REVIEW: a reviewer's decision takes it out of the review count */
    from?: 'RUNNING' | 'NEEDS_REVIEW'
  },
) {
  const moved = await tx.scanProperty.updateMany({
    where: { id: p.id, orgId, status: { in: from === 'NEEDS_REVIEW' ? ['NEEDS_REVIEW'] : ['PENDING', 'RUNNING'] } },
    data: { status, ...(error ? { lastError: error.slice(0, 500) } : {}) },
  })
  if (!moved.count || status === 'CANCELED') return
  const d = status === 'DONE' ? 1 : 0
  const f = status === 'FAILED' ? 1 : 0
  // a reviewed property leaves the review count: the number finished stays the same
  const r = (status === 'NEEDS_REVIEW' ? 1 : 0) - (from === 'NEEDS_REVIEW' ? 1 : 0)
  await tx.$executeRaw`
    UPDATE scans SET
      done = done + ${d}, failed = failed + ${f}, needs_review = needs_review + ${r},
      leads_created = leads_created + ${counts?.created ?? 0}, leads_rescored = leads_rescored + ${counts?.rescored ?? 0},
      hot_leads = hot_leads + ${counts?.hot ?? 0},
      status = CASE WHEN status = 'RUNNING' AND done + failed + needs_review + ${d + f + r} >= total THEN 'COMPLETED'::"ScanStatus" ELSE status END,
      finished_at = CASE WHEN status = 'RUNNING' AND done + failed + needs_review + ${d + f + r} >= total THEN now() ELSE finished_at END,
      updated_at = now()
    WHERE id = ${p.scanId}::uuid AND org_id = ${orgId}::uuid`
}

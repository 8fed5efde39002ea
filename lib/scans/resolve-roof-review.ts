// A manager settles an item of the review queue: accept the AI's answer, correct it with their own, or discard the
// property. Accept and correct continue the pipeline from the score stage (the lead is created or re-scored);
// discard ends the property as failed. Each decision is audited; a second decision on the same item is a CONFLICT.
import 'server-only'
import { db } from '@/lib/db'
import { AppError, notFound } from '@/lib/errors'
import { writeAudit } from '@/lib/audit/write-audit'
import { assertCan, auditActorOf, userIdOf, type Actor } from '@/lib/auth/actor'
import { finishIn, loadProperty, scoreStage } from '@/lib/scans/advance-scan-property'
import { DISCARDED_IN_REVIEW } from '@/lib/scans/retry-failed-properties'
import type { RoofReviewDecision } from '@/lib/scans/schemas'
import { bandForScore, type RoofAssessment } from '@/lib/vision/roof-assessment'
import { z } from 'zod'

/** `decision`: parsed by resolveRoofReviewSchema at the edge */
export async function resolveRoofReview({
  actor,
  decision,
}: {
  actor: Actor
  decision: RoofReviewDecision
}): Promise<{ leadId: string | null }> {
  const orgId = assertCan(actor, 'scan.run')
  if (!z.uuid().safeParse(decision.assessmentId).success) throw notFound('Review item')
  const item = await db.roofAssessment.findFirst({
    where: { id: decision.assessmentId, orgId },
    select: { id: true, reviewStatus: true, result: true, imageId: true, scanPropertyId: true },
  })
  if (!item || !item.scanPropertyId || !item.reviewStatus) throw notFound('Review item')
  if (item.reviewStatus !== 'PENDING') throw decided()
  const property = await loadProperty(orgId, item.scanPropertyId)
  if (!property) throw notFound('Review item')
  const reviewer = { reviewedById: userIdOf(actor), reviewedAt: new Date() }
  const ai = (item.result ?? null) as RoofAssessment | null

  if (decision.decision === 'accept' && !ai?.roofVisible)
    throw new AppError('VALIDATION_FAILED', 'There is no roof assessment to accept: correct it or discard the property', {
      details: { field: 'decision' },
    })

  await db.$transaction(async (tx) => {
    const status = decision.decision === 'accept' ? 'ACCEPTED' : decision.decision === 'correct' ? 'CORRECTED' : 'DISCARDED'
    const claimed = await tx.roofAssessment.updateMany({
      where: { id: item.id, orgId, reviewStatus: 'PENDING' },
      data: { reviewStatus: status, ...reviewer },
    })
    if (!claimed.count) throw decided()
    let assessmentId = item.id
    let after: unknown = { decision: decision.decision }
    if (decision.decision === 'correct') {
      const c = decision.correction
      const corrected: RoofAssessment = {
        roofVisible: true,
        unableToAssessReason: null,
        material: c.material,
        shape: c.shape,
        conditionScore: c.conditionScore,
        conditionBand: bandForScore(c.conditionScore),
        indicators: c.indicators,
        // a person looked at the roof: the answer is theirs, not a guess
        confidence: 1,
        reasoning: 'Corrected in review by a manager.',
      }
      const last = await tx.roofAssessment.aggregate({ where: { scanPropertyId: property.id }, _max: { attempt: true } })
      const row = await tx.roofAssessment.create({
        data: {
          orgId,
          imageId: item.imageId,
          scanPropertyId: property.id,
          attempt: (last._max.attempt ?? 0) + 1,
          outcome: 'assessed',
          provider: 'reviewer',
          model: 'human',
          promptVersion: 'review',
          result: JSON.parse(JSON.stringify(corrected)),
          confidence: 1,
        },
        select: { id: true },
      })
      assessmentId = row.id
      after = { decision: 'correct', correction: c }
    }
    if (decision.decision === 'discard') {
      await finishIn(tx, { orgId, p: property, status: 'FAILED', error: DISCARDED_IN_REVIEW, from: 'NEEDS_REVIEW' })
    } else {
      await tx.scanProperty.update({ where: { id: property.id, orgId }, data: { assessmentId, stage: 'ASSESSED' }, select: { id: true } })
    }
    await writeAudit(tx, {
      orgId,
      actor: auditActorOf(actor),
      action: `scan.review.${decision.decision}`,
      targetType: 'roof_assessment',
      targetId: item.id,
      before: { reviewStatus: 'PENDING', ai },
      after,
    })
  })

  if (decision.decision === 'discard') return { leadId: null }
  const reloaded = await loadProperty(orgId, property.id)
  await scoreStage({ actor, orgId, p: reloaded!, from: 'NEEDS_REVIEW' })
  const done = await db.scanProperty.findFirstOrThrow({ where: { id: property.id, orgId }, select: { leadId: true } })
  return { leadId: done.leadId }
}

const decided = () => new AppError('CONFLICT', 'This item was already decided', { details: { reason: 'REVIEW_DECIDED' } })

// The review queue: AI assessments the pipeline could not settle (malformed twice, unsure twice, or the roof
// could not be seen), oldest first, with what a manager needs to decide.
import 'server-only'
import { db } from '@/lib/db'
import { assertCan, type Actor } from '@/lib/auth/actor'
import type { RoofAssessment } from '@/lib/vision/roof-assessment'

export type ReviewReason = 'malformed' | 'low_confidence' | 'unable_to_assess'

export async function listRoofReviews({ actor, before, limit = 25 }: { actor: Actor; before?: Date; limit?: number }) {
  const orgId = assertCan(actor, 'scan.read')
  const take = Math.min(Math.max(limit, 1), 100)
  const rows = await db.roofAssessment.findMany({
    where: { orgId, reviewStatus: 'PENDING', ...(before ? { createdAt: { lt: before } } : {}) },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: take + 1,
    select: {
      id: true,
      imageId: true,
      outcome: true,
      result: true,
      confidence: true,
      attempt: true,
      createdAt: true,
      scanProperty: {
        select: { id: true, addressLine1: true, city: true, state: true, zip: true, scan: { select: { id: true, label: true } } },
      },
    },
  })
  const items = rows.slice(0, take).map((r) => {
    const assessment = (r.result ?? null) as RoofAssessment | null
    const reason: ReviewReason =
      r.outcome === 'malformed' ? 'malformed' : r.outcome === 'low_confidence' ? 'low_confidence' : 'unable_to_assess'
    const p = r.scanProperty
    return {
      assessmentId: r.id,
      imageId: r.imageId,
      scanId: p?.scan.id ?? null,
      scanLabel: p?.scan.label ?? null,
      propertyId: p?.id ?? null,
      address: p ? `${p.addressLine1}, ${p.city}, ${p.state} ${p.zip}` : '',
      reason,
      attempts: r.attempt,
      assessment,
      createdAt: r.createdAt,
    }
  })
  return { items, nextBefore: rows.length > take ? items[items.length - 1]!.createdAt : null }
}

export type RoofReviewItem = Awaited<ReturnType<typeof listRoofReviews>>['items'][number]

// The review queue (/<org>/scans/review): roofs whose AI answer was malformed or unsure twice, or whose roof the AI
// could not see, newest first. scan.read to look (a rep or viewer gets the 404 page), scan.run to decide.
// "Older" pages on with `before` (the createdAt of the last item shown).
import Link from 'next/link'
import { listRoofReviews, type RoofReviewItem } from '@/lib/scans/list-roof-reviews'
import {
  INDICATOR_LABELS,
  INDICATOR_TYPES,
  MATERIAL_LABELS,
  ROOF_MATERIALS,
  ROOF_SHAPES,
  SEVERITIES,
  type RoofAssessment,
} from '@/lib/vision/roof-assessment'
import { PageHeader } from '@/components/ui/card'
import { RoofFindings } from '@/components/leads/roof-findings'
import { SEVERITY_LABELS, SHAPE_LABELS, readRoofAssessment, unableLabel } from '@/components/leads/roof-view'
import { ReviewQueue } from '@/components/scans/review-queue'
import type { ReviewItemView } from '@/components/scans/review-item'
import type { CorrectionOptions } from '@/components/scans/review-correct-form'
import { requireScanPage } from '../scan-page-data'
import { resolveRoofReviewAction } from './actions'

export const metadata = { title: 'Review queue' }

const PAGE_SIZE = 20

const OPTIONS: CorrectionOptions = {
  materials: ROOF_MATERIALS.map((value) => ({ value, label: MATERIAL_LABELS[value] })),
  shapes: ROOF_SHAPES.map((value) => ({ value, label: SHAPE_LABELS[value] })),
  indicators: INDICATOR_TYPES.map((value) => ({ value, label: INDICATOR_LABELS[value] })),
  severities: SEVERITIES.map((value) => ({ value, label: SEVERITY_LABELS[value] })),
}

const times = (n: number) => (n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`)

function why(item: RoofReviewItem, ai: RoofAssessment | null): { title: string; text: string } {
  switch (item.reason) {
    case 'malformed':
      return {
        title: 'Unusable answer',
        text: `The AI's answer did not follow the required form (asked ${times(item.attempts)}). Nothing was guessed from it.`,
      }
    case 'low_confidence':
      return {
        title: 'Low confidence',
        text: `The AI was unsure${ai ? ` (confidence ${Math.round(ai.confidence * 100)} %)` : ''} after being asked ${times(item.attempts)}; answers below 50 % are never used without a person.`,
      }
    case 'unable_to_assess':
      return {
        title: 'Roof not visible',
        text: `The AI could not assess the roof: ${unableLabel(ai?.unableToAssessReason ?? null).toLowerCase()}.`,
      }
  }
}

function toView(orgSlug: string, item: RoofReviewItem, ai: RoofAssessment | null): ReviewItemView {
  const { title, text } = why(item, ai)
  return {
    assessmentId: item.assessmentId,
    address: item.address,
    scanLabel: item.scanLabel,
    scanHref: item.scanId ? `/${orgSlug}/scans/${item.scanId}` : null,
    imageSrc: `/${orgSlug}/images/${item.imageId}`,
    imageAlt: `Aerial view from above of the roof at ${item.address || 'this property'}`,
    reason: item.reason,
    reasonTitle: title,
    reasonText: text,
    createdAt: item.createdAt.toISOString(),
    canAccept: !!ai?.roofVisible && ai.conditionScore !== null,
    defaults: {
      conditionScore: ai?.roofVisible ? ai.conditionScore : null,
      material: ai?.material ?? 'unknown',
      shape: ai?.shape ?? 'unknown',
      indicators: ai?.roofVisible ? ai.indicators.map((i) => ({ ...i })) : [],
    },
  }
}

export default async function ReviewQueuePage({
  params,
  searchParams,
}: {
  params: Promise<{ orgSlug: string }>
  searchParams: Promise<Record<string, string | string[] | undefined>>
}) {
  const { orgSlug } = await params
  const { actor, canRun } = await requireScanPage(orgSlug, 'scan.read')
  const raw = (await searchParams).before
  const beforeDate = typeof raw === 'string' ? new Date(raw) : null
  const before = beforeDate && !Number.isNaN(beforeDate.getTime()) ? beforeDate : undefined
  const page = await listRoofReviews({ actor, before, limit: PAGE_SIZE })

  const items = page.items.map((item) => {
    const ai = readRoofAssessment(item.assessment)
    return {
      view: toView(orgSlug, item, ai),
      findings: ai ? <RoofFindings assessment={ai} idPrefix={`ai-${item.assessmentId}`} headingLevel={4} /> : null,
    }
  })

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href={`/${orgSlug}/scans`} className="text-brand-700 hover:underline">
          ← Scans
        </Link>
      </nav>
      <PageHeader
        title="Review queue"
        description="Roofs the AI could not settle. Accept its answer, correct it with yours, or discard the property: nothing is scored on a guess."
      />
      <ReviewQueue
        key={before?.toISOString() ?? 'newest'}
        orgSlug={orgSlug}
        items={items}
        options={OPTIONS}
        canDecide={canRun}
        resolve={resolveRoofReviewAction}
      />
      {(before || page.nextBefore) && (
        <nav aria-label="Review queue pages" className="mt-6 flex flex-wrap justify-between gap-3 text-sm">
          {before ? (
            <Link href={`/${orgSlug}/scans/review`} className="text-brand-700 hover:underline">
              ← Newest items
            </Link>
          ) : (
            <span />
          )}
          {page.nextBefore && (
            <Link
              href={`/${orgSlug}/scans/review?before=${encodeURIComponent(page.nextBefore.toISOString())}`}
              className="text-brand-700 hover:underline"
            >
              Older items →
            </Link>
          )}
        </nav>
      )}
    </>
  )
}

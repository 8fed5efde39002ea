'use client'
// One item of the review queue: the aerial image, the address and scan, why it needs a person, the AI's answer
// (rendered on the server) and the three decisions. Discard asks once more: it ends the property without a lead.
import Link from 'next/link'
import { useState } from 'react'
import { Button } from '@/components/ui/button'
import { Badge } from '@/components/ui/feedback'
import { ReviewCorrectForm, type Correction, type CorrectionDefaults, type CorrectionOptions } from './review-correct-form'

export type ReviewReason = 'malformed' | 'low_confidence' | 'unable_to_assess'
export type ReviewChoice = { decision: 'accept' } | { decision: 'discard' } | { decision: 'correct'; correction: Correction }

export interface ReviewItemView {
  assessmentId: string
  address: string
  scanLabel: string | null
  scanHref: string | null
  imageSrc: string
  imageAlt: string
  reason: ReviewReason
  reasonTitle: string
  reasonText: string
  createdAt: string
  /** the AI's answer can be used as it is (a visible roof with a condition) */
  canAccept: boolean
  defaults: CorrectionDefaults
}

const REASON_CLASS: Record<ReviewReason, string> = {
  malformed: 'bg-red-50 text-red-800 ring-1 ring-red-600/30',
  low_confidence: 'bg-amber-50 text-amber-900 ring-1 ring-amber-600/30',
  unable_to_assess: 'bg-slate-100 text-slate-800 ring-1 ring-slate-400/40',
}

export function ReviewItem({
  item,
  findings,
  options,
  canDecide,
  pending,
  onDecide,
}: {
  item: ReviewItemView
  /** the AI's answer, rendered on the server; null when it sent nothing usable */
  findings: React.ReactNode
  options: CorrectionOptions
  canDecide: boolean
  pending: boolean
  onDecide: (choice: ReviewChoice) => void
}) {
  const [mode, setMode] = useState<'idle' | 'correct' | 'discard'>('idle')
  const headingId = `review-${item.assessmentId}`
  return (
    <article aria-labelledby={headingId} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
      <div className="grid gap-5 md:grid-cols-[minmax(0,16rem)_1fr]">
        <a
          href={item.imageSrc}
          target="_blank"
          rel="noopener"
          className="block self-start overflow-hidden rounded-md ring-1 ring-slate-200 focus-visible:outline-2"
        >
          {/* eslint-disable-next-line @next/next/no-img-element -- cookie-authenticated private image: the optimiser fetches without the member's session */}
          <img
            src={item.imageSrc}
            alt={item.imageAlt}
            width={640}
            height={640}
            className="aspect-square h-auto w-full bg-slate-100 object-cover"
          />
          <span className="sr-only"> (opens the full-size image in a new tab)</span>
        </a>
        <div className="min-w-0 space-y-4">
          <header className="space-y-1">
            <h2 id={headingId} className="break-words text-lg font-semibold text-slate-900">
              {item.address || 'Address not recorded'}
            </h2>
            <p className="text-sm text-slate-600">
              {item.scanHref && item.scanLabel ? (
                <>
                  From scan{' '}
                  <Link href={item.scanHref} className="text-brand-700 hover:underline">
                    {item.scanLabel}
                  </Link>
                </>
              ) : (
                'Scan no longer available'
              )}
            </p>
            <div className="flex flex-wrap items-start gap-2 pt-1">
              <Badge className={REASON_CLASS[item.reason]}>{item.reasonTitle}</Badge>
              <p className="min-w-0 flex-1 text-sm text-slate-700">{item.reasonText}</p>
            </div>
          </header>

          <section aria-label="The AI's answer" className="rounded-md border border-slate-100 bg-slate-50/60 p-3">
            <h3 className="mb-2 text-sm font-semibold text-slate-900">The AI&apos;s answer</h3>
            {findings ?? <p className="text-sm text-slate-600">The AI sent no usable answer for this roof.</p>}
          </section>

          {!canDecide ? (
            <p className="text-sm text-slate-500">Only owners, admins and managers decide review items.</p>
          ) : mode === 'correct' ? (
            <ReviewCorrectForm
              options={options}
              defaults={item.defaults}
              pending={pending}
              onCancel={() => setMode('idle')}
              onSubmit={(correction) => onDecide({ decision: 'correct', correction })}
            />
          ) : mode === 'discard' ? (
            <div role="group" aria-label="Confirm discard" className="space-y-2 rounded-md border border-red-200 bg-red-50 p-3 text-sm">
              <p className="text-red-900">Discard this property? No lead is made from it; the scan counts it as failed.</p>
              <div className="flex flex-wrap gap-2">
                <Button variant="danger" size="sm" loading={pending} onClick={() => onDecide({ decision: 'discard' })}>
                  Discard
                </Button>
                <Button variant="ghost" size="sm" disabled={pending} onClick={() => setMode('idle')}>
                  Keep it
                </Button>
              </div>
            </div>
          ) : (
            <div className="space-y-2">
              <div className="flex flex-wrap gap-2" role="group" aria-label={`Decide on ${item.address}`}>
                {item.canAccept && (
                  <Button size="sm" loading={pending} onClick={() => onDecide({ decision: 'accept' })}>
                    Accept the AI&apos;s answer
                  </Button>
                )}
                <Button size="sm" variant="secondary" disabled={pending} onClick={() => setMode('correct')}>
                  Correct
                </Button>
                <Button size="sm" variant="ghost" disabled={pending} onClick={() => setMode('discard')}>
                  Discard
                </Button>
              </div>
              {!item.canAccept && (
                <p className="text-xs text-slate-500">
                  There is no roof condition to accept: correct it with your own answer, or discard it.
                </p>
              )}
            </div>
          )}
        </div>
      </div>
    </article>
  )
}

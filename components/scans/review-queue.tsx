'use client'
// The review queue: the items the pipeline could not settle, each decided on the spot. A decided item leaves the
// list at once; the message says what happened and links to the lead when one was made. An item someone else
// decided meanwhile (CONFLICT REVIEW_DECIDED) also leaves, with a note instead of an error.
import Link from 'next/link'
import { useEffect, useRef, useState } from 'react'
import { useRouter } from 'next/navigation'
import type { ActionError, ActionFn } from '@/lib/action-result'
import type { RoofReviewDecision } from '@/lib/scans/schemas'
import { reasonOf } from '@/lib/errors'
import { Alert, EmptyState, ErrorNotice } from '@/components/ui/feedback'
import { ReviewItem, type ReviewChoice, type ReviewItemView } from './review-item'
import type { CorrectionOptions } from './review-correct-form'

export type ResolveReviewFn = ActionFn<{ orgSlug: string; decision: RoofReviewDecision }, { leadId: string | null }>

interface Message {
  key: string
  tone: 'success' | 'info'
  text: string
  leadHref: string | null
}

const DONE_TEXT = { accept: 'Accepted', correct: 'Corrected', discard: 'Discarded' } as const

export function ReviewQueue({
  orgSlug,
  items,
  options,
  canDecide,
  resolve,
}: {
  orgSlug: string
  items: Array<{ view: ReviewItemView; findings: React.ReactNode }>
  options: CorrectionOptions
  canDecide: boolean
  resolve: ResolveReviewFn
}) {
  const router = useRouter()
  const [gone, setGone] = useState<ReadonlySet<string>>(new Set())
  const [pending, setPending] = useState<string | null>(null)
  const [errors, setErrors] = useState<Record<string, ActionError>>({})
  const [message, setMessage] = useState<Message | null>(null)
  const messageRef = useRef<HTMLDivElement>(null)

  // the decided item's buttons are gone: move focus to the message, so keyboard and screen-reader users hear it
  useEffect(() => {
    if (message) messageRef.current?.focus()
  }, [message])

  const decide = async (view: ReviewItemView, choice: ReviewChoice) => {
    setPending(view.assessmentId)
    setErrors(({ [view.assessmentId]: _, ...rest }) => rest)
    const r = await resolve({ orgSlug, decision: { ...choice, assessmentId: view.assessmentId } as RoofReviewDecision })
    setPending(null)
    const address = view.address || 'this property'
    if (!r.ok) {
      if (reasonOf(r.error) === 'REVIEW_DECIDED' || r.error.code === 'NOT_FOUND') {
        setGone((s) => new Set(s).add(view.assessmentId))
        setMessage({ key: view.assessmentId, tone: 'info', text: `${address} was already decided by someone else.`, leadHref: null })
        router.refresh()
        return
      }
      setErrors((e) => ({ ...e, [view.assessmentId]: r.error }))
      return
    }
    setGone((s) => new Set(s).add(view.assessmentId))
    const leadId = r.data.leadId
    setMessage({
      key: view.assessmentId,
      tone: 'success',
      text:
        choice.decision === 'discard'
          ? `${DONE_TEXT.discard}: no lead was made for ${address}.`
          : `${DONE_TEXT[choice.decision]}: ${address} ${leadId ? 'is scored and on your lead list.' : 'is scored.'}`,
      leadHref: leadId ? `/${orgSlug}/leads/${leadId}` : null,
    })
    router.refresh()
  }

  const visible = items.filter((i) => !gone.has(i.view.assessmentId))
  return (
    <div className="space-y-4">
      {message && (
        <div ref={messageRef} tabIndex={-1} className="outline-none" key={message.key}>
          <Alert tone={message.tone}>
            {message.text}{' '}
            {message.leadHref && (
              <Link href={message.leadHref} className="font-medium underline">
                Open the lead
              </Link>
            )}
          </Alert>
        </div>
      )}
      {visible.length === 0 ? (
        <EmptyState title="Nothing to review">
          Roofs the AI could not settle — an unusable answer, low confidence or a roof it could not see — wait here for a decision.
        </EmptyState>
      ) : (
        <ul className="space-y-4" aria-label="Items to review">
          {visible.map(({ view, findings }) => (
            <li key={view.assessmentId} className="space-y-2">
              {errors[view.assessmentId] && <ErrorNotice error={errors[view.assessmentId]!} />}
              <ReviewItem
                item={view}
                findings={findings}
                options={options}
                canDecide={canDecide}
                pending={pending === view.assessmentId}
                onDecide={(choice) => decide(view, choice)}
              />
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

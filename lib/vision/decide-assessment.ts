// The pipeline's rule for AI answers (PRODUCT.md §5.1): a malformed or low-confidence answer is retried once,
// then the property goes to the review queue — never guessed. "Unable to assess" is a valid answer, but it
// settles nothing about the roof, so it goes to a manager at once (a second look at the same image would not
// see through the trees). Pure: the pipeline passes the outcomes it has recorded for the property so far.
import 'server-only'
import type { InvalidAssessmentReason } from '@/lib/vision/assess-roof'
import type { RoofAssessment } from '@/lib/vision/roof-assessment'

/** The first attempt and one retry. */
export const MAX_ASSESSMENT_ATTEMPTS = 2

/** What decideAssessment needs of a recorded attempt (a RoofAssessmentOutcome, or one read back from the DB). */
export type AssessmentAttempt =
  { outcome: 'assessed'; assessment: RoofAssessment } | { outcome: 'invalid'; reason: InvalidAssessmentReason; assessment?: RoofAssessment }

export type ReviewReason = InvalidAssessmentReason | 'unable_to_assess'
export type AssessmentDecision =
  | { next: 'accept'; assessment: RoofAssessment }
  /** run (another) attempt; also the answer before the first one */
  | { next: 'retry' }
  /** `assessment`: the AI's answer to show the reviewer when there was one (low confidence, unable to assess) */
  | { next: 'needs_review'; reason: ReviewReason; assessment?: RoofAssessment }

export function decideAssessment(attempts: ReadonlyArray<AssessmentAttempt>): AssessmentDecision {
  for (const [i, a] of attempts.entries()) {
    if (a.outcome === 'assessed') {
      if (a.assessment.roofVisible) return { next: 'accept', assessment: a.assessment }
      return { next: 'needs_review', reason: 'unable_to_assess', assessment: a.assessment }
    }
    if (i + 1 >= MAX_ASSESSMENT_ATTEMPTS) {
      // the reviewer sees the latest well-formed answer, if any attempt gave one
      const shown = attempts
        .slice(0, i + 1)
        .map((x) => x.assessment)
        .findLast((x) => x !== undefined)
      return { next: 'needs_review', reason: a.reason, ...(shown ? { assessment: shown } : {}) }
    }
  }
  return { next: 'retry' }
}

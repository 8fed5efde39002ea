'use server'
// Review queue server action: thin wiring (session → member from DB → scan.run → zod → one domain call). The domain
// function asserts scan.run again and audits the decision; a second decision on the same item is a CONFLICT.
import { z } from 'zod'
import { orgAction } from '@/lib/actions/define-action'
import { resolveRoofReviewSchema } from '@/lib/scans/schemas'
import { resolveRoofReview } from '@/lib/scans/resolve-roof-review'

export const resolveRoofReviewAction = orgAction(
  { permission: 'scan.run', input: z.object({ decision: resolveRoofReviewSchema }) },
  async ({ input, actor }) => resolveRoofReview({ actor, decision: input.decision }),
)

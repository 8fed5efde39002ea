'use server'
// Staff console actions. Each: session from the DB registry → staff actor (non-staff: NOT_FOUND) → zod → one
// domain call, which asserts the staff right and writes its audit row in the same transaction.
import { revalidatePath } from 'next/cache'
import { z } from 'zod'
import { userAction } from '@/lib/actions/define-action'
import { staffActor } from '@/lib/auth/actor'
import { unsafeReplayWebhookEvent } from '@/lib/webhooks/replay-webhook-event'
import { unsafeRetryOutboxMessage } from '@/lib/outbox/retry-outbox-message'
import { unsafeRetryFailedJob, retryJobInput } from '@/lib/jobs/failed-jobs'

const idInput = z.object({ id: z.uuid() })

/** revalidatePath only works inside a Next request; tests and scripts call these actions directly. */
function refresh(path: string) {
  try {
    revalidatePath(path)
  } catch {
    // outside a request: nothing to revalidate
  }
}

export const replayWebhookEventAction = userAction(idInput, async ({ input, session }) => {
  const res = await unsafeReplayWebhookEvent({ actor: staffActor(session.user), id: input.id })
  refresh('/admin/webhooks')
  return res
})

export const retryOutboxMessageAction = userAction(idInput, async ({ input, session }) => {
  const res = await unsafeRetryOutboxMessage({ actor: staffActor(session.user), id: input.id })
  refresh('/admin/jobs')
  return res
})

export const retryFailedJobAction = userAction(retryJobInput, async ({ input, session }) => {
  const res = await unsafeRetryFailedJob({ actor: staffActor(session.user), name: input.name, id: input.id })
  refresh('/admin/jobs')
  return res
})

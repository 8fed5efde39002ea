'use server'
// Staff console actions. Each: session from the DB registry → staff admin check → zod → one domain call
// (which writes its audit row in the same transaction).
import { revalidatePath } from 'next/cache'
import { z } from 'zod'
import { userAction } from '@/lib/actions/define-action'
import { assertStaff } from '@/lib/auth/staff'
import { replayWebhookEvent } from '@/lib/webhooks/replay-webhook-event'
import { retryOutboxMessage } from '@/lib/outbox/retry-outbox-message'
import { retryFailedJob, retryJobInput } from '@/lib/jobs/failed-jobs'
import { db } from '@/lib/db'
import { writeAudit } from '@/lib/audit/write-audit'

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
  assertStaff(session.user, { write: true })
  const res = await replayWebhookEvent({ id: input.id, staffUserId: session.user.id })
  refresh('/admin/webhooks')
  return res
})

export const retryOutboxMessageAction = userAction(idInput, async ({ input, session }) => {
  assertStaff(session.user, { write: true })
  const res = await retryOutboxMessage({ id: input.id, staffUserId: session.user.id })
  refresh('/admin/jobs')
  return res
})

export const retryFailedJobAction = userAction(retryJobInput, async ({ input, session }) => {
  assertStaff(session.user, { write: true })
  await retryFailedJob(input)
  await db.$transaction((tx) => writeAudit(tx, { actor: { type: 'STAFF', id: session.user.id }, action: 'job.retry', targetType: 'pgboss_job', targetId: `${input.name}:${input.id}` }))
  refresh('/admin/jobs')
  return { id: input.id }
})

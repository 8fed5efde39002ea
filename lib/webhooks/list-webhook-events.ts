// Staff console (/admin/webhooks): events across all orgs. Unsafe (unscoped) — fine: only platform staff
// (staff.console.read) get here.
import 'server-only'
import { z } from 'zod'
import { db } from '@/lib/db'
import { assertStaffCan, type Actor } from '@/lib/auth/actor'

export const webhookEventFilter = z.object({
  provider: z.enum(['STRIPE', 'TELNYX', 'SENDGRID', 'LOB']).optional().catch(undefined),
  status: z.enum(['received', 'processing', 'processed', 'failed']).optional().catch(undefined),
})
export type WebhookEventFilter = z.infer<typeof webhookEventFilter>

export async function unsafeListWebhookEvents({
  actor,
  filter,
  limit = 100,
}: {
  actor: Actor
  filter: WebhookEventFilter
  limit?: number
}) {
  assertStaffCan(actor, 'staff.console.read')
  return db.webhookEvent.findMany({
    where: { ...(filter.provider ? { provider: filter.provider } : {}), ...(filter.status ? { status: filter.status } : {}) },
    orderBy: { receivedAt: 'desc' },
    take: Math.min(limit, 500),
    select: {
      id: true,
      provider: true,
      eventId: true,
      type: true,
      status: true,
      attempts: true,
      lastError: true,
      receivedAt: true,
      processedAt: true,
    },
  })
}

// Queue handlers of the trial clock and the lead-quality guarantee (registered in lib/worker/queues.ts; names,
// options and data in lib/jobs/queue-definitions.ts). Thin: each calls one lib/billing function.
import 'server-only'
import { systemActor } from '@/lib/auth/actor'
import { queueDef, type QueueDef } from '@/lib/jobs/queue-definitions'
import { perJob } from '@/lib/jobs/per-job'

export const ENTITLEMENT_QUEUES: QueueDef[] = [
  // hourly: TRIALING accounts past trial_ends_at → TRIAL_ENDED (lib/billing/expire-trials.ts)
  queueDef('billing.trial-expiry', {
    handler: async () => {
      const { unsafeExpireTrials } = await import('@/lib/billing/expire-trials')
      await unsafeExpireTrials()
    },
  }),
  // a credited lead fee onto the customer's Stripe balance (lib/billing/apply-lead-credit.ts)
  queueDef('billing.lead-credit', {
    batchSize: 4,
    handler: perJob('billing.lead-credit', async ({ disputeId, orgId }) => {
      const { applyLeadCredit } = await import('@/lib/billing/apply-lead-credit')
      return applyLeadCredit({ actor: systemActor({ process: 'billing', orgId }), disputeId })
    }),
  }),
]

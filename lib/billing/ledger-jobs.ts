// Queue handlers of the usage ledger and spend cap (registered in lib/worker/queues.ts; names, options and data in
// lib/jobs/queue-definitions.ts). Thin: each calls one lib/billing function.
import 'server-only'
import { systemActor } from '@/lib/auth/actor'
import { queueDef, type QueueDef } from '@/lib/jobs/queue-definitions'
import { perJob } from '@/lib/jobs/per-job'

export const LEDGER_QUEUES: QueueDef[] = [
  // a reservation crossed 80/90/100 % of the cap: tell the OWNERs (lib/billing/spend-warnings.ts)
  queueDef('billing.spend-warning', {
    batchSize: 4,
    handler: perJob('billing.spend-warning', async ({ orgId, periodStart, percent }) => {
      const { sendSpendWarning } = await import('@/lib/billing/spend-warnings')
      return sendSpendWarning({ actor: systemActor({ process: 'billing', orgId }), periodStart: new Date(periodStart), percent })
    }),
  }),
  // every 10 min: reservations RESERVED for over an hour go back to the cap (lib/billing/sweep-reservations.ts)
  queueDef('billing.sweep-reservations', {
    handler: async () => {
      const { unsafeReleaseStaleReservations } = await import('@/lib/billing/sweep-reservations')
      await unsafeReleaseStaleReservations()
    },
  }),
  // daily: the ledger against what Stripe accepted (lib/billing/reconcile-usage.ts)
  queueDef('billing.reconcile', {
    handler: async () => {
      const { unsafeReconcileUsage } = await import('@/lib/billing/reconcile-usage')
      await unsafeReconcileUsage()
    },
  }),
]

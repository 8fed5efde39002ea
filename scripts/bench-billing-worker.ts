// The child process of `npm run bench:billing`: the outbox dispatcher (and the webhook processor) as the worker runs
// them, with a short outbox lease and a sweep every 2 s so a SIGKILLed predecessor's rows are re-sent within seconds
// instead of the production 5 min lease. Started, SIGKILLed and restarted by scripts/bench-billing.ts.
import { configureOutbox } from '@/lib/outbox/config'
import { OUTBOX_QUEUES } from '@/lib/outbox/jobs'
import { unsafeSweepOutbox } from '@/lib/outbox/sweep-outbox'
import { WEBHOOK_QUEUES } from '@/lib/webhooks/jobs'
import { startWorker } from '@/lib/worker/start-worker'

configureOutbox({ leaseMs: 3_000, backoffBaseMs: 250, backoffCapMs: 2_000 })
startWorker({
  queues: [...OUTBOX_QUEUES.filter((q) => q.name === 'outbox.dispatch'), ...WEBHOOK_QUEUES.filter((q) => q.name === 'webhooks.process')],
  schedules: false,
  pollingIntervalSeconds: 0.5,
  handleSignals: true,
}).then(
  () => {
    setInterval(() => void unsafeSweepOutbox().catch(() => {}), 2_000)
    console.log('"bench worker started"')
  },
  (err: unknown) => {
    console.error('bench worker failed to start', err)
    process.exit(1)
  },
)

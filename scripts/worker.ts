// The background worker (`npm run worker`): pg-boss on the same PostgreSQL. Queues, handlers and schedules
// are registered in lib/jobs/queues.ts; SIGTERM/SIGINT stop it gracefully (running jobs finish first).
import { startWorker } from '@/lib/jobs/worker'

startWorker({ handleSignals: true }).catch((err) => {
  console.error('worker failed to start', err)
  process.exit(1)
})

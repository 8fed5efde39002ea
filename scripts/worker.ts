// The background worker (`npm run worker`): pg-boss on the same PostgreSQL. Queues and schedules are defined in
// lib/jobs/queue-definitions.ts, their handlers registered in lib/worker/queues.ts; SIGTERM/SIGINT stop it
// gracefully (running jobs finish first).
import { startWorker } from '@/lib/worker/start-worker'

startWorker({ handleSignals: true }).catch((err) => {
  console.error('worker failed to start', err)
  process.exit(1)
})

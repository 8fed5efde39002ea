// The background worker: pg-boss on the same PostgreSQL. Queues and handlers are registered in lib/jobs.
import { startWorker } from '@/lib/jobs/worker'

startWorker().catch((err) => {
  console.error('worker failed to start', err)
  process.exit(1)
})

// In-process pg-boss for integration tests: a private pg-boss schema per test file (parallel files never take
// each other's jobs) and a worker running only the queues under test.
import { uniq } from '@/tests/factories'
import type { QueueDef } from '@/lib/worker/queues'
import { startWorker, type WorkerHandle } from '@/lib/worker/start-worker'

export function usePrivateBossSchema(): string {
  const schema = `pgboss_${uniq('').replace(/-/g, '')}`
  process.env.FM_BOSS_SCHEMA = schema
  return schema
}

export function startTestWorker(queues: QueueDef[]): Promise<WorkerHandle> {
  return startWorker({ queues, schedules: false, pollingIntervalSeconds: 0.5, stopTimeoutMs: 5_000 })
}

export { waitFor } from '@/tests/wait-for'

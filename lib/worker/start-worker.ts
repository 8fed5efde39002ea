// Registers every queue's handler (lib/worker/queues.ts) and its schedule, and runs until stopped.
// Graceful stop: pg-boss stops fetching, waits for running handlers (bounded), then closes its pool.
import 'server-only'
import type PgBoss from 'pg-boss'
import { ensureQueue, stopBoss } from '@/lib/jobs/boss'
import type { QueueDef } from '@/lib/jobs/queue-definitions'
import { QUEUES } from '@/lib/worker/queues'
import { logger } from '@/lib/logger'

export interface WorkerHandle {
  boss: PgBoss
  stop: () => Promise<void>
}

export interface WorkerOptions {
  /** defaults to every registered queue */
  queues?: QueueDef[]
  /** register cron schedules (off in tests that drive the sweeper by hand) */
  schedules?: boolean
  pollingIntervalSeconds?: number
  /** install SIGTERM/SIGINT handlers that stop gracefully and exit (the `npm run worker` process) */
  handleSignals?: boolean
  stopTimeoutMs?: number
}

export async function startWorker(opts: WorkerOptions = {}): Promise<WorkerHandle> {
  const queues = opts.queues ?? QUEUES
  let boss: PgBoss | undefined
  for (const q of queues) {
    boss = await ensureQueue(q.name, q.options)
    const workers = Math.max(1, q.workers ?? 1)
    for (let i = 0; i < workers; i++) {
      await boss.work(q.name, { pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 1, batchSize: q.batchSize ?? 1 }, q.handler)
    }
    if (q.cron && opts.schedules !== false) await boss.schedule(q.name, q.cron, {}, { tz: 'UTC' })
  }
  if (!boss) throw new Error('no queues registered')
  logger.info({ queues: queues.map((q) => q.name) }, 'worker started')

  let stopping: Promise<void> | undefined
  const stop = () =>
    (stopping ??= (async () => {
      logger.info('worker stopping')
      await stopBoss({ timeoutMs: opts.stopTimeoutMs ?? 20_000 })
      logger.info('worker stopped')
    })())

  if (opts.handleSignals) {
    const onSignal = (signal: string) => {
      logger.info({ signal }, 'signal received')
      stop().then(
        () => process.exit(0),
        (err) => {
          logger.error({ err }, 'worker stop failed')
          process.exit(1)
        },
      )
    }
    process.once('SIGTERM', onSignal)
    process.once('SIGINT', onSignal)
  }
  return { boss, stop }
}

// pg-boss hands a worker a batch of jobs and completes or fails the batch as one. For queues whose jobs are
// independent, run them in parallel and fail only the ones that threw (so only those are retried); the rest
// complete when the handler returns (pg-boss completes jobs still "active").
import 'server-only'
import type PgBoss from 'pg-boss'
import { getBoss } from '@/lib/jobs/boss'
import type { JobData, QueueName } from '@/lib/jobs/queue-definitions'
import { logger } from '@/lib/logger'

export function perJob<Q extends QueueName>(queue: Q, fn: (data: JobData<Q>) => Promise<unknown>): PgBoss.WorkHandler<JobData<Q>> {
  return async (jobs) => {
    const results = await Promise.allSettled(jobs.map((job) => fn(job.data)))
    if (!results.some((r) => r.status === 'rejected')) return
    const boss = await getBoss()
    for (const [i, job] of jobs.entries()) {
      const r = results[i]!
      if (r.status !== 'rejected') continue
      const err = r.reason as Error
      await boss
        .fail(queue, job.id, { message: String(err?.message ?? err).slice(0, 500) })
        .catch((e: unknown) => logger.error({ err: e, queue, jobId: job.id }, 'could not fail job'))
    }
  }
}

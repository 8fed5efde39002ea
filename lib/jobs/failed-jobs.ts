// Staff view of pg-boss jobs that exhausted their retries (state "failed"), and a manual retry.
// Cross-org by design (platform staff only), hence "unsafe".
import { z } from 'zod'
import { db } from '@/lib/db'
import { getBoss } from '@/lib/jobs/boss'
import { notFound } from '@/lib/errors'

const schemaName = () => {
  const s = process.env.FM_BOSS_SCHEMA || 'pgboss'
  if (!/^[a-z_][a-z0-9_]*$/.test(s)) throw new Error('invalid FM_BOSS_SCHEMA')
  return s
}

export interface FailedJob {
  id: string
  name: string
  retryCount: number
  error: string | null
  data: unknown
  failedAt: Date | null
}

export async function unsafeListFailedJobs({ limit = 50 }: { limit?: number } = {}): Promise<FailedJob[]> {
  await getBoss() // makes sure the pg-boss schema exists
  const rows = await db.$queryRawUnsafe<Array<{ id: string; name: string; retry_count: number; output: unknown; data: unknown; completed_on: Date | null }>>(
    `SELECT id::text AS id, name, retry_count, output, data, completed_on FROM ${schemaName()}.job
      WHERE state = 'failed' ORDER BY completed_on DESC NULLS LAST LIMIT $1`, Math.min(limit, 200))
  return rows.map((r) => ({
    id: r.id, name: r.name, retryCount: r.retry_count, data: r.data, failedAt: r.completed_on,
    error: r.output && typeof r.output === 'object' ? String((r.output as { message?: unknown }).message ?? JSON.stringify(r.output)).slice(0, 500) : null,
  }))
}

export const retryJobInput = z.object({ name: z.string().min(1).max(100), id: z.uuid() })

export async function retryFailedJob({ name, id }: z.infer<typeof retryJobInput>): Promise<void> {
  const boss = await getBoss()
  const job = await boss.getJobById(name, id)
  if (!job || job.state !== 'failed') throw notFound('Failed job')
  await boss.retry(name, id)
}

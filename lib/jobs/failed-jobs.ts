// Staff view of pg-boss jobs that exhausted their retries (state "failed"), and a manual retry.
// Cross-org by design (platform staff only), hence "unsafe".
import 'server-only'
import { z } from 'zod'
import { db } from '@/lib/db'
import { getBoss } from '@/lib/jobs/boss'
import { notFound } from '@/lib/errors'
import { assertStaffCan, type Actor } from '@/lib/auth/actor'
import { writeStaffAudit } from '@/lib/audit/staff-audit'
import { bossDbFor } from '@/lib/jobs/enqueue'

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

export async function unsafeListFailedJobs({ actor, limit = 50 }: { actor: Actor; limit?: number }): Promise<FailedJob[]> {
  assertStaffCan(actor, 'staff.console.read')
  await getBoss() // makes sure the pg-boss schema exists
  const rows = await db.$queryRawUnsafe<
    Array<{ id: string; name: string; retry_count: number; output: unknown; data: unknown; completed_on: Date | null }>
  >(
    `SELECT id::text AS id, name, retry_count, output, data, completed_on FROM ${schemaName()}.job
      WHERE state = 'failed' ORDER BY completed_on DESC NULLS LAST LIMIT $1`,
    Math.min(limit, 200),
  )
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    retryCount: r.retry_count,
    data: r.data,
    failedAt: r.completed_on,
    error:
      r.output && typeof r.output === 'object'
        ? String((r.output as { message?: unknown }).message ?? JSON.stringify(r.output)).slice(0, 500)
        : null,
  }))
}

export const retryJobInput = z.object({ name: z.string().min(1).max(100), id: z.uuid() })

/** Puts a failed job back in its queue, audited in the same transaction (pg-boss runs its SQL on it). */
export async function unsafeRetryFailedJob({ actor, name, id }: { actor: Actor } & z.infer<typeof retryJobInput>): Promise<{ id: string }> {
  const staff = assertStaffCan(actor, 'staff.job.retry')
  if (!retryJobInput.safeParse({ name, id }).success) throw notFound('Failed job')
  const boss = await getBoss() // outside the transaction: a cold pg-boss start can be slow
  return db.$transaction(async (tx) => {
    // locked, so two staff retries cannot both pass (boss.getJobById returns interval columns Prisma cannot read)
    const [job] = await tx.$queryRawUnsafe<Array<{ state: string }>>(
      `SELECT state::text AS state FROM ${schemaName()}.job WHERE name = $1 AND id = $2::uuid FOR UPDATE`,
      name,
      id,
    )
    if (job?.state !== 'failed') throw notFound('Failed job')
    await boss.retry(name, id, { db: bossDbFor(tx) })
    await writeStaffAudit(tx, { actor: staff, action: 'job.retry', targetType: 'pgboss_job', targetId: `${name}:${id}` })
    return { id }
  })
}

// One pg-boss instance per process, on the app's PostgreSQL (schema "pgboss"; FM_BOSS_SCHEMA overrides it so
// parallel test files never take each other's jobs).
import PgBoss from 'pg-boss'
import { env } from '@/lib/env'
import { logger } from '@/lib/logger'
import { QUEUE_OPTIONS, type QueueName } from '@/lib/jobs/queue-options'

const g = globalThis as unknown as { fmBoss?: Promise<PgBoss>; fmBossQueues?: Map<string, Promise<void>> }

export function getBoss(): Promise<PgBoss> {
  g.fmBoss ??= (async () => {
    const boss = new PgBoss({
      connectionString: env().DATABASE_URL,
      schema: process.env.FM_BOSS_SCHEMA || 'pgboss',
      max: Number(process.env.FM_BOSS_POOL_MAX ?? 4),
    })
    boss.on('error', (err) => logger.error({ err }, 'pg-boss error'))
    await boss.start()
    return boss
  })()
  g.fmBoss.catch(() => {
    g.fmBoss = undefined
  })
  return g.fmBoss
}

/** Creates the queue once per process with its options from queue-options.ts (sending to a missing queue fails). */
export async function ensureQueue(name: QueueName | string, options?: Omit<PgBoss.Queue, 'name'>): Promise<PgBoss> {
  const boss = await getBoss()
  g.fmBossQueues ??= new Map()
  let p = g.fmBossQueues.get(name)
  if (!p) {
    const opts = options ?? QUEUE_OPTIONS[name as QueueName] ?? {}
    p = (async () => {
      const existing = await boss.getQueue(name)
      if (!existing) await boss.createQueue(name, { name, ...opts })
    })()
    g.fmBossQueues.set(name, p)
    p.catch(() => g.fmBossQueues?.delete(name))
  }
  await p
  return boss
}

/** Sends a job; null when a job with the same singletonKey is already waiting (the "short" queue policy). */
export async function sendJob(name: QueueName, data: object, options: PgBoss.SendOptions = {}): Promise<string | null> {
  const boss = await ensureQueue(name)
  return boss.send(name, data, options)
}

export async function stopBoss(opts: { timeoutMs?: number } = {}): Promise<void> {
  if (!g.fmBoss) return
  const boss = await g.fmBoss
  g.fmBoss = undefined
  g.fmBossQueues = undefined
  await boss.stop({ graceful: true, wait: true, timeout: opts.timeoutMs ?? 10_000 })
}

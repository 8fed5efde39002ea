// One pg-boss instance per process, on the app's PostgreSQL (schema "pgboss"; FM_BOSS_SCHEMA overrides it so
// parallel test files never take each other's jobs).
import 'server-only'
import PgBoss from 'pg-boss'
import { env } from '@/lib/env'
import { logger } from '@/lib/logger'
import { QUEUE_DEFINITIONS, type QueueName, type QueueOptions } from '@/lib/jobs/queue-definitions'

const g = globalThis as unknown as {
  fmBoss?: Promise<PgBoss>
  fmBossQueues?: Map<string, Promise<void>>
  fmBossQueueChain?: Promise<unknown>
}

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

/** Creates the queue once per process with its options from queue-definitions.ts. Needed before any send:
 *  pg-boss v10 silently drops a job sent to a queue that does not exist. Creations run one at a time:
 *  concurrent createQueue calls deadlock in pg-boss (each adds a partition to the job table). */
export async function ensureQueue(name: QueueName | string, options?: QueueOptions): Promise<PgBoss> {
  const boss = await getBoss()
  g.fmBossQueues ??= new Map()
  let p = g.fmBossQueues.get(name)
  if (!p) {
    const opts = options ?? QUEUE_DEFINITIONS[name as QueueName]?.options ?? {}
    const create = async () => {
      const existing = await boss.getQueue(name)
      if (!existing) await boss.createQueue(name, { name, ...opts })
    }
    p = (g.fmBossQueueChain ?? Promise.resolve()).catch(() => {}).then(create)
    g.fmBossQueueChain = p
    g.fmBossQueues.set(name, p)
    p.catch(() => g.fmBossQueues?.delete(name))
  }
  await p
  return boss
}

export async function stopBoss(opts: { timeoutMs?: number } = {}): Promise<void> {
  if (!g.fmBoss) return
  const boss = await g.fmBoss
  g.fmBoss = undefined
  g.fmBossQueues = undefined
  g.fmBossQueueChain = undefined
  await boss.stop({ graceful: true, wait: true, timeout: opts.timeoutMs ?? 10_000 })
}

// One pg-boss instance per process, on the app's PostgreSQL (schema "pgboss").
import PgBoss from 'pg-boss'
import { env } from '@/lib/env'
import { logger } from '@/lib/logger'

const g = globalThis as unknown as { fmBoss?: Promise<PgBoss> }

export function getBoss(): Promise<PgBoss> {
  g.fmBoss ??= (async () => {
    const boss = new PgBoss({ connectionString: env().DATABASE_URL, max: 4 })
    boss.on('error', (err) => logger.error({ err }, 'pg-boss error'))
    await boss.start()
    return boss
  })()
  return g.fmBoss
}

export async function stopBoss(): Promise<void> {
  if (!g.fmBoss) return
  const boss = await g.fmBoss
  g.fmBoss = undefined
  await boss.stop({ graceful: true, timeout: 5_000 })
}

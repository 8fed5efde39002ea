// Registers every queue's handler and runs until SIGTERM. Each domain adds its queues in lib/jobs/queues.ts.
import { getBoss, stopBoss } from '@/lib/jobs/boss'
import { QUEUES } from '@/lib/jobs/queues'
import { logger } from '@/lib/logger'

export async function startWorker(): Promise<void> {
  const boss = await getBoss()
  for (const q of QUEUES) {
    await boss.createQueue(q.name, { name: q.name, ...q.options })
    await boss.work(q.name, { pollingIntervalSeconds: 1, batchSize: q.batchSize ?? 1 }, q.handler)
  }
  logger.info({ queues: QUEUES.map((q) => q.name) }, 'worker started')
  const stop = async () => {
    logger.info('worker stopping')
    await stopBoss()
    process.exit(0)
  }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
}

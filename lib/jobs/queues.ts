// The registry of background queues. Handlers are thin: they call one domain function.
import type PgBoss from 'pg-boss'

export interface QueueDef {
  name: string
  options?: Omit<PgBoss.Queue, 'name'>
  batchSize?: number
  handler: PgBoss.WorkHandler<object>
}

export const QUEUES: QueueDef[] = []

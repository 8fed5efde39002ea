// Queue handlers of the scan pipeline (registered in lib/worker/queues.ts; names, options and data in
// lib/jobs/queue-definitions.ts). Each runs as the `scans.pipeline` system actor of the job's org, so the
// domain functions check their rights like any other caller's.
import 'server-only'
import { systemActor } from '@/lib/auth/actor'
import { queueDef, type QueueDef } from '@/lib/jobs/queue-definitions'
import { perJob } from '@/lib/jobs/per-job'
import { advanceScanProperty } from '@/lib/scans/advance-scan-property'
import { runScanDiscovery } from '@/lib/scans/run-scan-discovery'

const pipeline = (orgId: string) => systemActor({ process: 'scans.pipeline', orgId })

export const SCAN_QUEUES: QueueDef[] = [
  queueDef('scans.discover', {
    handler: perJob('scans.discover', ({ scanId, orgId }) => runScanDiscovery({ actor: pipeline(orgId), scanId })),
  }),
  // properties run in parallel (batch × pollers); each provider's own bulkhead in call-service keeps a slow
  // provider from starving the others
  queueDef('scans.property', {
    // one job per fetch, 8 pollers: pg-boss completes a batch only when its slowest job ends, so batches of 4 left
    // fast slots idle ~0.4 s per property (npm run bench:scan, DECISIONS §13: ratio 0.66 → 0.84)
    batchSize: Number(process.env.FM_SCAN_BATCH ?? 1),
    workers: Number(process.env.FM_SCAN_WORKERS ?? 8),
    handler: perJob('scans.property', ({ propertyId, orgId }) => advanceScanProperty({ actor: pipeline(orgId), propertyId })),
  }),
]

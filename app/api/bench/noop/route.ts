// Benchmark baseline: the cheapest possible route through the same wrapper (request id, error envelope).
// Enabled only with FM_BENCH=1 (scripts/bench-*.ts); otherwise a plain 404.
import { AppError } from '@/lib/errors'
import { handleRoute, json } from '@/lib/http/handle-route'

export const dynamic = 'force-dynamic'

export const GET = handleRoute(async () => {
  if (process.env.FM_BENCH !== '1') throw new AppError('NOT_FOUND', 'Not found')
  return json({ ok: true })
})

import { handleRoute, json } from '@/lib/http/handle-route'
import { checkReadiness } from '@/lib/ops/readiness'

export const dynamic = 'force-dynamic'

export const GET = handleRoute(async () => {
  const r = await checkReadiness()
  return json(r, { status: r.ready ? 200 : 503, headers: { 'cache-control': 'no-store' } })
})

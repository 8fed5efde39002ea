// REST API v1: GET /api/v1/scans/{id} — the scan with its progress (percent, counts, per-stage counts), its
// estimate and timestamps. Another org's scan and a malformed id are 404.
import { apiRoute } from '@/lib/api/api-route'
import { toApiScan } from '@/lib/api/scan-dto'
import { json } from '@/lib/http/handle-route'
import { getScanOrThrow } from '@/lib/scans/get-scan'

export const dynamic = 'force-dynamic'

const idOf = (params: Record<string, string | string[]>) => (typeof params.id === 'string' ? params.id : '')

export const GET = apiRoute({ permission: 'scan.read', write: false }, async (_request, { actor, params }) =>
  json({ data: toApiScan(await getScanOrThrow({ actor, scanId: idOf(params) })) }),
)

// REST API v1: POST /api/v1/scans/{id}/cancel — stops a pending or running scan (finished work is kept);
// canceling a canceled scan is harmless, a completed or failed one is 409. Returns the scan.
import { apiRoute } from '@/lib/api/api-route'
import { toApiScan } from '@/lib/api/scan-dto'
import { json } from '@/lib/http/handle-route'
import { cancelScan } from '@/lib/scans/cancel-scan'
import { getScanOrThrow } from '@/lib/scans/get-scan'

export const dynamic = 'force-dynamic'

const idOf = (params: Record<string, string | string[]>) => (typeof params.id === 'string' ? params.id : '')

export const POST = apiRoute({ permission: 'scan.run', write: true }, async (_request, { actor, params }) => {
  const { id } = await cancelScan({ actor, scanId: idOf(params) })
  return json({ data: toApiScan(await getScanOrThrow({ actor, scanId: id })) })
})

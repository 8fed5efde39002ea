// REST API v1: GET (list, newest first, `before` keyset) and POST (start a scan) /api/v1/scans.
// POST takes an Idempotency-Key (apiRoute): a retried request replays the first response and starts no second scan.
import { apiRoute } from '@/lib/api/api-route'
import { toApiScan, toApiScanSummary } from '@/lib/api/scan-dto'
import { json, parseJsonBody, parseQuery } from '@/lib/http/handle-route'
import { createScan } from '@/lib/scans/create-scan'
import { getScanOrThrow } from '@/lib/scans/get-scan'
import { listScans } from '@/lib/scans/list-scans'
import { listScansSchema, newScanSchema } from '@/lib/scans/schemas'

export const dynamic = 'force-dynamic'

export const GET = apiRoute({ permission: 'scan.read', write: false }, async (request, { actor }) => {
  const page = await listScans({ actor, query: parseQuery(request, listScansSchema) })
  return json({ data: page.items.map(toApiScanSummary), nextBefore: page.nextBefore?.toISOString() ?? null })
})

export const POST = apiRoute({ permission: 'scan.run', write: true }, async (request, { actor, body }) => {
  const input = parseJsonBody(request, body, newScanSchema)
  const scan = await createScan({ actor, area: input.area, propertyCap: input.propertyCap })
  const full = await getScanOrThrow({ actor, scanId: scan.id })
  return json({ data: toApiScan(full) }, { status: 201, headers: { location: `/api/v1/scans/${scan.id}` } })
})

// REST API v1: GET (list, newest first, `before` keyset) and POST (start a scan) /api/v1/scans.
// POST takes an Idempotency-Key (apiRoute): a retried request replays the first response and starts no second scan.
// POST starts an area scan or, with `source: 'addresses'`, a scan of up to 1,000 address rows.
import { AppError } from '@/lib/errors'
import { API_MAX_BODY_BYTES, apiRoute } from '@/lib/api/api-route'
import { toApiScan, toApiScanSummary } from '@/lib/api/scan-dto'
import { json, parseJsonBody, parseQuery } from '@/lib/http/handle-route'
import { createScan } from '@/lib/scans/create-scan'
import { getScanOrThrow } from '@/lib/scans/get-scan'
import { listScans } from '@/lib/scans/list-scans'
import { listScansSchema, scanRequestSchema } from '@/lib/scans/schemas'
import { createAddressScan } from '@/lib/scans/create-address-scan'

export const dynamic = 'force-dynamic'

export const GET = apiRoute({ permission: 'scan.read', write: false }, async (request, { actor }) => {
  const page = await listScans({ actor, query: parseQuery(request, listScansSchema) })
  return json({ data: page.items.map(toApiScanSummary), nextBefore: page.nextBefore?.toISOString() ?? null })
})

/** 1,000 address rows of JSON (~80–350 KB) fit; an area scan keeps API_MAX_BODY_BYTES (checked below). */
const SCAN_REQUEST_MAX_BYTES = 512 * 1024

export const POST = apiRoute(
  { permission: 'scan.run', write: true, maxBodyBytes: SCAN_REQUEST_MAX_BYTES },
  async (request, { actor, body }) => {
    const input = parseJsonBody(request, body, scanRequestSchema)
    // only a list of addresses needs the larger body; an area scan keeps the API's usual limit
    if (input.source !== 'addresses' && Buffer.byteLength(body) > API_MAX_BODY_BYTES)
      throw new AppError('PAYLOAD_TOO_LARGE', `Body larger than ${API_MAX_BODY_BYTES} bytes`)
    if (input.source === 'addresses') {
      // rows that failed validation are reported back (row number + reason) and were not stored
      const { rows, ...scan } = await createAddressScan({ actor, fileName: input.fileName, rows: input.rows })
      const full = await getScanOrThrow({ actor, scanId: scan.id })
      return json({ data: toApiScan(full), rows }, { status: 201, headers: { location: `/api/v1/scans/${scan.id}` } })
    }
    const scan = await createScan({ actor, area: input.area, propertyCap: input.propertyCap })
    const full = await getScanOrThrow({ actor, scanId: scan.id })
    return json({ data: toApiScan(full) }, { status: 201, headers: { location: `/api/v1/scans/${scan.id}` } })
  },
)

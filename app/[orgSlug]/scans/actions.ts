'use server'
// Scan server actions: thin wiring (session → member from DB → permission → zod → one domain call). Each domain
// function asserts its own right again (scan.run to start or cancel, scan.read to look).
import { z } from 'zod'
import { orgAction } from '@/lib/actions/define-action'
import { listScansSchema, newScanSchema } from '@/lib/scans/schemas'
import { addressScanSchema } from '@/lib/scans/address-rows'
import { previewAddressScan } from '@/lib/scans/preview-address-scan'
import { createAddressScan } from '@/lib/scans/create-address-scan'
import { previewScan } from '@/lib/scans/preview-scan'
import { createScan } from '@/lib/scans/create-scan'
import { cancelScan } from '@/lib/scans/cancel-scan'
import { retryFailedProperties } from '@/lib/scans/retry-failed-properties'
import { getScanOrThrow } from '@/lib/scans/get-scan'
import { listScans } from '@/lib/scans/list-scans'

// a malformed id is NOT_FOUND (the domain checks it), like another org's
const scanId = z.object({ scanId: z.string().max(64) })

export const previewScanAction = orgAction({ permission: 'scan.run', input: newScanSchema }, async ({ input, actor }) =>
  previewScan({ actor, area: input.area, propertyCap: input.propertyCap }),
)

export const createScanAction = orgAction({ permission: 'scan.run', input: newScanSchema }, async ({ input, actor }) =>
  createScan({ actor, area: input.area, propertyCap: input.propertyCap }),
)

/** A scan of a list of addresses (the CSV the new-scan form mapped): `{ source: 'addresses', fileName, rows }`. */
export const createAddressScanAction = orgAction({ permission: 'scan.run', input: addressScanSchema }, async ({ input, actor }) =>
  createAddressScan({ actor, fileName: input.fileName, rows: input.rows }),
)

/** The estimate of a scan of addresses, with every row's problems (writes nothing). */
export const previewAddressScanAction = orgAction({ permission: 'scan.run', input: addressScanSchema }, async ({ input, actor }) => {
  const { valid: _valid, ...preview } = await previewAddressScan({ actor, fileName: input.fileName, rows: input.rows })
  return preview
})

export const cancelScanAction = orgAction({ permission: 'scan.run', input: scanId }, async ({ input, actor }) =>
  cancelScan({ actor, scanId: input.scanId }),
)

export const getScanAction = orgAction({ permission: 'scan.read', input: scanId }, async ({ input, actor }) =>
  getScanOrThrow({ actor, scanId: input.scanId }),
)

export const listScansAction = orgAction(
  { permission: 'scan.read', input: z.object({ query: listScansSchema.optional() }) },
  async ({ input, actor }) => listScans({ actor, query: input.query ?? listScansSchema.parse({}) }),
)

export const retryFailedPropertiesAction = orgAction({ permission: 'scan.run', input: scanId }, async ({ input, actor }) =>
  retryFailedProperties({ actor, scanId: input.scanId }),
)

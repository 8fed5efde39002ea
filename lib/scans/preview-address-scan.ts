// The estimate step of a scan of a list of addresses: every row validated (problems reported by row number),
// duplicates collapsed by normalized address, the addresses that are already leads counted (they are re-scored,
// not duplicated), and the price from estimateScanCost. Writes nothing.
import 'server-only'
import { db } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { assertCan, type Actor } from '@/lib/auth/actor'
import { getPlan, QUALITY_LEAD_MIN_SCORE } from '@/lib/billing/plans'
import { isLive } from '@/lib/external/config'
import { addressScanLabel, validateAddressRows, type AddressRowIssue, type AddressScan, type ValidAddress } from '@/lib/scans/address-rows'
import { estimateScanCost, expectedQualityLeads, type ScanEstimate } from '@/lib/scans/estimate-scan-cost'
import { previewSpend } from '@/lib/billing/preview-spend'

/** reported problems beyond this are counted, not listed */
export const MAX_REPORTED_ROW_ISSUES = 500

export interface AddressScanPreview {
  /** "CSV: <file name> (N addresses)" */
  label: string
  fileName: string
  rows: {
    received: number
    /** valid and unique: the properties the scan will look at */
    accepted: number
    invalid: number
    duplicates: number
    /** accepted addresses that are already leads of this org: re-scored, history kept */
    alreadyLeads: number
    /** the first MAX_REPORTED_ROW_ISSUES problems, by row number */
    issues: AddressRowIssue[]
  }
  estimate: ScanEstimate
}

/**
 * A scan of addresses is live only when every stage it uses is: geocoding (Google), imagery (Mapbox or Google)
 * and the AI (Anthropic or OpenAI). It needs no discovery source.
 */
export function addressScanRunsInSandbox(): boolean {
  const geocoding = isLive('google_maps')
  const imagery = isLive('mapbox') || isLive('google_maps')
  const ai = isLive('anthropic') || isLive('openai')
  return !(geocoding && imagery && ai)
}

/** `fileName`, `rows`: parsed by addressScanSchema at the edge */
export async function previewAddressScan({
  actor,
  fileName,
  rows,
}: { actor: Actor } & Pick<AddressScan, 'fileName' | 'rows'>): Promise<AddressScanPreview & { valid: ValidAddress[] }> {
  const orgId = assertCan(actor, 'scan.run')
  const report = validateAddressRows(rows)
  const rowsOut = {
    received: report.total,
    accepted: report.valid.length,
    invalid: report.invalid,
    duplicates: report.duplicates,
    issues: report.issues.slice(0, MAX_REPORTED_ROW_ISSUES),
  }
  if (!report.valid.length)
    throw new AppError('VALIDATION_FAILED', 'No row has a usable address: every row needs a street address, city, state and ZIP', {
      details: { rows: { ...rowsOut, alreadyLeads: 0 } },
    })
  const org = await db.organization.findUniqueOrThrow({ where: { id: orgId }, select: { plan: true } })
  const plan = getPlan(org.plan)
  if (report.valid.length > plan.maxScanProperties)
    throw new AppError(
      'VALIDATION_FAILED',
      `The ${plan.name} plan scans up to ${plan.maxScanProperties.toLocaleString('en-US')} properties at a time; this list has ${report.valid.length.toLocaleString('en-US')} addresses. Split it into smaller files.`,
      { details: { limit: plan.maxScanProperties, rows: { ...rowsOut, alreadyLeads: 0 } } },
    )
  const alreadyLeads = await db.lead.count({
    where: { orgId, deletedAt: null, normalizedAddress: { in: report.valid.map((v) => v.normalizedAddress) } },
  })
  const sandbox = addressScanRunsInSandbox()
  const estimate = estimateScanCost({
    plan: org.plan,
    properties: report.valid.length,
    requestedCap: report.valid.length,
    sandbox,
    qualityLeadsSoFar: sandbox ? 0 : await liveQualityLeads(orgId),
    addresses: true,
    // the spend-cap headroom for the expected quality-lead fees (issue #10)
    spend: sandbox
      ? undefined
      : await previewSpend({ orgId, items: [{ kind: 'QUALITY_LEAD', quantity: expectedQualityLeads(report.valid.length) }] }),
  })
  return {
    label: addressScanLabel(fileName, report.valid.length),
    fileName,
    rows: { ...rowsOut, alreadyLeads },
    estimate,
    valid: report.valid,
  }
}

/** Leads this org got from live (non-sandbox) scans that reached the quality-lead score (as preview-scan.ts). */
async function liveQualityLeads(orgId: string): Promise<number> {
  return db.lead.count({
    where: { orgId, deletedAt: null, source: 'SCAN', score: { gte: QUALITY_LEAD_MIN_SCORE }, scan: { sandbox: false } },
  })
}

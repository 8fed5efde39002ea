// The estimate step of a new scan: the area resolved to a circle, the homes expected in it (capped by the request
// and the plan) and what it will cost. Writes nothing.
import 'server-only'
import { db } from '@/lib/db'
import { assertCan, type Actor } from '@/lib/auth/actor'
import { getPlan, QUALITY_LEAD_MIN_SCORE } from '@/lib/billing/plans'
import { estimatePropertiesInArea, resolveArea, type ResolvedArea, type ScanArea } from '@/lib/geo/area'
import { estimateScanCost, expectedQualityLeads, type ScanEstimate } from '@/lib/scans/estimate-scan-cost'
import { previewSpend } from '@/lib/billing/preview-spend'
import { scanRunsInSandbox } from '@/lib/scans/scan-mode'

export interface ScanPreview {
  area: ResolvedArea
  /** the cap that will be used: the request, limited by the plan */
  propertyCap: number
  estimate: ScanEstimate
}

/** `area`, `propertyCap`: parsed by newScanSchema at the edge */
export async function previewScan({
  actor,
  area,
  propertyCap,
}: {
  actor: Actor
  area: ScanArea
  propertyCap: number
}): Promise<ScanPreview> {
  const orgId = assertCan(actor, 'scan.run')
  const resolved = resolveArea(area)
  const org = await db.organization.findUniqueOrThrow({ where: { id: orgId }, select: { plan: true } })
  const plan = getPlan(org.plan)
  const cap = Math.min(propertyCap, plan.maxScanProperties)
  const sandbox = scanRunsInSandbox()
  const properties = estimatePropertiesInArea(resolved, { cap }).expected
  const estimate = estimateScanCost({
    plan: org.plan,
    properties,
    requestedCap: propertyCap,
    sandbox,
    qualityLeadsSoFar: sandbox ? 0 : await liveQualityLeads(orgId),
    // the spend-cap headroom for the expected quality-lead fees (issue #10)
    spend: sandbox
      ? undefined
      : await previewSpend({ orgId, items: [{ kind: 'QUALITY_LEAD', quantity: expectedQualityLeads(properties) }] }),
  })
  return { area: resolved, propertyCap: cap, estimate }
}

/** Leads this org got from live (non-sandbox) scans that reached the quality-lead score. */
async function liveQualityLeads(orgId: string): Promise<number> {
  return db.lead.count({
    where: { orgId, deletedAt: null, source: 'SCAN', score: { gte: QUALITY_LEAD_MIN_SCORE }, scan: { sandbox: false } },
  })
}

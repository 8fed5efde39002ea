// What a scan will cost and how long it will take, shown BEFORE it runs (PRODUCT §5.1). Pure: the caller
// passes the plan, the expected property count and what is left of the trial allowance. Billing (issue #10)
// extends this one function with the spend-cap headroom; nothing else computes a scan's price.
import 'server-only'
import { formatCents, getPlan, QUALITY_LEAD_MIN_SCORE, type PlanId } from '@/lib/billing/plans'
import type { SpendPreview } from '@/lib/billing/preview-spend'

/**
 * Planning assumptions, named so the UI can say them. The quality-lead share is the spread of our scored demo
 * area (about 3 homes in 10 score ≥ 60); real scans will refine it. Imagery, the AI analysis and parcel data
 * are included in every plan (their cost is ours); only quality leads are billed (PRODUCT §3).
 */
export const SCAN_ASSUMPTIONS = {
  qualityLeadShare: 0.3,
  /** wall seconds per property at the worker's default concurrency (imagery ~0.3 s, vision ~2 s, 4 at a time) */
  secondsPerProperty: 0.75,
  /** discovery, queueing and the last stragglers */
  fixedSeconds: 20,
} as const

export type ScanWarningCode = 'SANDBOX' | 'TRIAL_ALLOWANCE' | 'TRIAL_BLOCKED' | 'CAPPED_BY_PLAN' | 'FEWER_PROPERTIES' | 'SPEND_CAP'

/** Quality leads a scan of `properties` homes is expected to find (the number previewSpend prices). */
export const expectedQualityLeads = (properties: number) => Math.round(properties * SCAN_ASSUMPTIONS.qualityLeadShare)

export interface ScanEstimateLine {
  key: 'imagery' | 'ai_analysis' | 'parcel_data' | 'geocoding' | 'quality_leads'
  label: string
  quantity: number
  unitCents: number
  totalCents: number
  note: string
}

export interface ScanEstimate {
  properties: number
  expectedQualityLeads: number
  lines: ScanEstimateLine[]
  totalCents: number
  minutes: number
  sandbox: boolean
  warnings: Array<{ code: ScanWarningCode; message: string }>
  /** the spend-cap headroom for the expected quality-lead fees (live scans with a preview: lib/billing/preview-spend.ts) */
  spend?: { upToCents: number; capCents: number; usedCents: number; leftCents: number; fits: boolean }
}

export function estimateScanCost({
  plan: planId,
  properties,
  requestedCap,
  sandbox,
  qualityLeadsSoFar,
  addresses = false,
  spend,
}: {
  plan: PlanId
  /** properties expected in the area, already capped */
  properties: number
  /** the cap the user asked for (to explain when the area or the plan gives fewer) */
  requestedCap: number
  sandbox: boolean
  /** live quality leads this org already has (the trial's free allowance counts them) */
  qualityLeadsSoFar: number
  /** a scan of a list of addresses: each is geocoded instead of coming from a parcel source */
  addresses?: boolean
  /** previewSpend of the expected quality leads (`expectedQualityLeads(properties)`): adds the cap headroom */
  spend?: SpendPreview
}): ScanEstimate {
  const plan = getPlan(planId)
  const expected = expectedQualityLeads(properties)
  const warnings: ScanEstimate['warnings'] = []
  let billable = sandbox ? 0 : expected
  if (sandbox) {
    warnings.push({
      code: 'SANDBOX',
      message: 'Sandbox: sample properties, imagery and analysis. Nothing is billed and no real data is used.',
    })
  }
  if (!sandbox && plan.freeQualityLeads > 0) {
    const left = Math.max(0, plan.freeQualityLeads - qualityLeadsSoFar)
    billable = Math.max(0, expected - left)
    if (plan.blockAfterFreeLeads) {
      billable = 0
      warnings.push(
        left > 0
          ? {
              code: 'TRIAL_ALLOWANCE',
              message: `Your trial includes ${left} more free quality lead${left === 1 ? '' : 's'}; after that new quality leads wait until you upgrade.`,
            }
          : { code: 'TRIAL_BLOCKED', message: 'Your trial’s free quality leads are used: new quality leads wait until you upgrade.' },
      )
    }
  }
  if (requestedCap > plan.maxScanProperties) {
    warnings.push({
      code: 'CAPPED_BY_PLAN',
      message: `The ${plan.name} plan scans up to ${plan.maxScanProperties.toLocaleString('en-US')} properties at a time.`,
    })
  } else if (properties < requestedCap) {
    warnings.push({ code: 'FEWER_PROPERTIES', message: `This area has about ${properties.toLocaleString('en-US')} homes.` })
  }
  const lines: ScanEstimateLine[] = [
    { key: 'imagery', label: 'Aerial imagery', quantity: properties, unitCents: 0, totalCents: 0, note: 'Included in your plan' },
    { key: 'ai_analysis', label: 'AI roof analysis', quantity: properties, unitCents: 0, totalCents: 0, note: 'Included in your plan' },
    addresses
      ? { key: 'geocoding', label: 'Address lookup', quantity: properties, unitCents: 0, totalCents: 0, note: 'Included in your plan' }
      : { key: 'parcel_data', label: 'Property data', quantity: properties, unitCents: 0, totalCents: 0, note: 'Included in your plan' },
    {
      key: 'quality_leads',
      label: `Quality leads (score ≥ ${QUALITY_LEAD_MIN_SCORE})`,
      quantity: billable,
      unitCents: plan.qualityLeadCents,
      totalCents: billable * plan.qualityLeadCents,
      note: sandbox
        ? 'Never billed in sandbox'
        : `About ${expected} expected, billed once each at ${formatCents({ cents: plan.qualityLeadCents, alwaysCents: true })}`,
    },
  ]
  const total = lines.reduce((sum, l) => sum + l.totalCents, 0)
  if (spend && !sandbox && total > spend.leftCents) {
    warnings.push({
      code: 'SPEND_CAP',
      message: `This scan may cost up to ${formatCents({ cents: total, alwaysCents: true })}; ${formatCents({ cents: spend.leftCents, alwaysCents: true })} of your ${formatCents({ cents: spend.capCents })} monthly spend cap is left. Quality leads past the cap wait until you raise it.`,
    })
  }
  return {
    ...(spend && !sandbox
      ? {
          spend: {
            upToCents: total,
            capCents: spend.capCents,
            usedCents: spend.usedCents,
            leftCents: spend.leftCents,
            fits: total <= spend.leftCents,
          },
        }
      : {}),
    properties,
    expectedQualityLeads: expected,
    lines,
    totalCents: total,
    minutes: Math.max(1, Math.ceil((SCAN_ASSUMPTIONS.fixedSeconds + properties * SCAN_ASSUMPTIONS.secondsPerProperty) / 60)),
    sandbox,
    warnings,
  }
}

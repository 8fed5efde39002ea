// "This will cost up to $X; $Y of your $Z cap is left": what some billable work would cost at most against the
// org's spend cap this period, before it starts (the scan estimate, outreach previews). Reads only; the real
// check is the guarded reservation (lib/billing/reserve-spend.ts) when the work runs.
import 'server-only'
import { z } from 'zod'
import { db, type Tx } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { currentPeriod, loadBillingAccount } from '@/lib/billing/period'
import { formatCents, getPlan, spendCapPercent, unitCentsFor } from '@/lib/billing/plans'
import { LEDGER_KINDS } from '@/lib/billing/reserve-spend'

export const previewSpendInput = z.object({
  orgId: z.uuid(),
  items: z
    .array(z.object({ kind: z.enum(LEDGER_KINDS), quantity: z.number().int().min(0).max(1_000_000) }))
    .min(1)
    .max(20),
  /** the work runs on sandbox data: it costs nothing */
  sandbox: z.boolean().optional(),
})
export type PreviewSpendInput = z.input<typeof previewSpendInput>

export interface SpendPreview {
  /** the most this work can cost (cents), after the trial's free quality leads */
  upToCents: number
  capCents: number
  /** used this period (committed + reserved) */
  usedCents: number
  reservedCents: number
  leftCents: number
  /** percent of the cap used so far (0–100+) */
  percentUsed: number
  /** everything fits under the cap (and, on the trial, in the free allowance) */
  fits: boolean
  trial: {
    /** free quality leads left (0 when the plan has none) */
    freeLeft: number
    /** quality leads of this work that the trial would refuse (free allowance used up) */
    blockedQualityLeads: number
  }
  sandbox: boolean
  period: { start: Date; end: Date }
}

/** The org's counter this period (zeros before the first reservation of the period). */
export async function getSpendStatus({ orgId, tx }: { orgId: string; tx?: Tx }) {
  const client = tx ?? db
  const account = await loadBillingAccount(client, orgId)
  if (!account || account.org.deletedAt) throw new AppError('NOT_FOUND', 'Organization not found')
  const period = currentPeriod(account)
  const counter = await client.spendCounter.findUnique({
    where: { orgId_periodStart: { orgId, periodStart: period.start } },
    select: { usedCents: true, reservedCents: true, freeQualityLeadsUsed: true, warnedPercent: true },
  })
  const usedCents = counter?.usedCents ?? 0
  const capCents = account.spendCapCents
  return {
    plan: account.org.plan,
    period,
    capCents,
    usedCents,
    reservedCents: counter?.reservedCents ?? 0,
    leftCents: Math.max(0, capCents - usedCents),
    percentUsed: spendCapPercent({ spentCents: usedCents, capCents }),
    freeQualityLeadsUsed: counter?.freeQualityLeadsUsed ?? 0,
    warnedPercent: counter?.warnedPercent ?? 0,
  }
}

/** `orgId` must come from a checked actor (never from input). */
export async function previewSpend(raw: PreviewSpendInput & { tx?: Tx }): Promise<SpendPreview> {
  const { orgId, items, sandbox = false } = previewSpendInput.parse(raw)
  const s = await getSpendStatus({ orgId, tx: raw.tx })
  const plan = getPlan(s.plan)
  let freeLeft = Math.max(0, plan.freeQualityLeads - s.freeQualityLeadsUsed)
  const trialFreeLeft = freeLeft
  let upToCents = 0
  let blockedQualityLeads = 0
  if (!sandbox) {
    for (const item of items) {
      let quantity = item.quantity
      if (item.kind === 'QUALITY_LEAD' && plan.freeQualityLeads > 0) {
        const free = Math.min(freeLeft, quantity)
        freeLeft -= free
        quantity -= free
        if (plan.blockAfterFreeLeads) {
          blockedQualityLeads += quantity
          quantity = 0
        }
      }
      upToCents += quantity * unitCentsFor({ plan: plan.id, kind: item.kind })
    }
  }
  return {
    upToCents,
    capCents: s.capCents,
    usedCents: s.usedCents,
    reservedCents: s.reservedCents,
    leftCents: s.leftCents,
    percentUsed: s.percentUsed,
    fits: sandbox || (upToCents <= s.leftCents && blockedQualityLeads === 0),
    trial: { freeLeft: trialFreeLeft, blockedQualityLeads },
    sandbox,
    period: s.period,
  }
}

/** The sentence the UI shows next to a preview. */
export function spendPreviewSentence(p: Pick<SpendPreview, 'upToCents' | 'leftCents' | 'capCents' | 'sandbox'>): string {
  if (p.sandbox) return 'Sandbox: nothing is billed.'
  return `This will cost up to ${formatCents({ cents: p.upToCents, alwaysCents: true })}; ${formatCents({ cents: p.leftCents, alwaysCents: true })} of your ${formatCents({ cents: p.capCents })} monthly cap is left.`
}

/**
 * Refuses new live work that can only bill (a live scan) when the org's cap is already used up: QUOTA_EXCEEDED
 * SPEND_CAP with the numbers. Plans without a per-lead fee (the trial) are governed by their allowance instead.
 */
export async function assertUnderSpendCap({ orgId, tx }: { orgId: string; tx?: Tx }): Promise<void> {
  const s = await getSpendStatus({ orgId, tx })
  if (getPlan(s.plan).qualityLeadCents === 0) return
  if (s.usedCents < s.capCents) return
  throw new AppError(
    'QUOTA_EXCEEDED',
    `Your monthly spend cap of ${formatCents({ cents: s.capCents })} is used up. Raise it on the billing page to run live scans again; sandbox scans still work.`,
    { details: { reason: 'SPEND_CAP', capCents: s.capCents, usedCents: s.usedCents, requestedCents: 0, leftCents: 0 } },
  )
}

// Plan gates (names in lib/auth/permissions.ts PLAN_GATES): which feature an org's plan includes, from the one
// plans config. A missing gate is FORBIDDEN with reason PLAN_REQUIRED and the cheapest plan that has it, so the
// UI can offer the upgrade.
import 'server-only'
import { AppError } from '@/lib/errors'
import type { PlanGate } from '@/lib/auth/permissions'
import { getPlan, PLAN_ORDER, type Plan, type PlanId } from '@/lib/billing/plans'

const HAS: Record<PlanGate, (p: Plan) => boolean> = {
  'api.access': (p) => p.apiAccess,
  'ai.ad_generation': (p) => p.aiAdGenerationsPerMonth === null || p.aiAdGenerationsPerMonth > 0,
  'report.white_label': (p) => p.whiteLabelReport,
}

const MESSAGES: Record<PlanGate, string> = {
  'api.access': 'The REST API is available on the Enterprise plan',
  'ai.ad_generation': 'AI ad generation is not included in your plan',
  'report.white_label': 'The white-label homeowner report is available on the Enterprise plan',
}

export function planHas(plan: PlanId, gate: PlanGate): boolean {
  return HAS[gate](getPlan(plan))
}

export function assertPlanHas({ plan, gate }: { plan: PlanId; gate: PlanGate }): void {
  if (planHas(plan, gate)) return
  const required = PLAN_ORDER.find((p) => planHas(p, gate)) ?? null
  throw new AppError('FORBIDDEN', MESSAGES[gate], { details: { reason: 'PLAN_REQUIRED', gate, plan, required } })
}

import { describe, expect, it } from 'vitest'
import { assertPlanHas, planHas } from './plan-gates'

describe('plan gates (PRODUCT.md §3)', () => {
  it('each plan has what its row of the plans table says', () => {
    expect([planHas('TRIAL', 'api.access'), planHas('PROFESSIONAL', 'api.access'), planHas('ENTERPRISE', 'api.access')]).toEqual([
      false,
      false,
      true,
    ])
    expect([
      planHas('TRIAL', 'ai.ad_generation'),
      planHas('PROFESSIONAL', 'ai.ad_generation'),
      planHas('ENTERPRISE', 'ai.ad_generation'),
    ]).toEqual([false, true, true])
    expect(planHas('PROFESSIONAL', 'report.white_label')).toBe(false)
    expect(planHas('ENTERPRISE', 'report.white_label')).toBe(true)
  })

  it('a missing gate is FORBIDDEN PLAN_REQUIRED naming the cheapest plan that has it', () => {
    expect(() => assertPlanHas({ plan: 'ENTERPRISE', gate: 'api.access' })).not.toThrow()
    expect(() => assertPlanHas({ plan: 'TRIAL', gate: 'ai.ad_generation' })).toThrow(
      expect.objectContaining({
        code: 'FORBIDDEN',
        details: expect.objectContaining({ reason: 'PLAN_REQUIRED', required: 'PROFESSIONAL' }),
      }),
    )
    expect(() => assertPlanHas({ plan: 'PROFESSIONAL', gate: 'api.access' })).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ required: 'ENTERPRISE', gate: 'api.access' }) }),
    )
  })
})

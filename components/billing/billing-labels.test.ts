import { describe, expect, it } from 'vitest'
import { describeHistory } from '@/components/billing/billing-labels'
import { billingFixFor } from '@/components/billing/billing-error-link'

describe('billing history words', () => {
  it('says what changed for caps, states and plans', () => {
    expect(
      describeHistory({ action: 'billing.spend_cap.change', before: { spendCapCents: 50_000 }, after: { spendCapCents: 20_050 } }),
    ).toEqual({
      title: 'Spend cap changed',
      detail: '$500 → $200.50',
    })
    expect(describeHistory({ action: 'billing.state.changed', before: { state: 'PAST_DUE' }, after: { state: 'READ_ONLY' } }).detail).toBe(
      'Payment overdue → Read-only',
    )
    expect(
      describeHistory({ action: 'billing.plan.changed', before: { plan: 'TRIAL' }, after: { plan: 'PROFESSIONAL', sandbox: true } }).detail,
    ).toBe('Trial → Professional (sandbox)')
    expect(describeHistory({ action: 'billing.something_new.happened', before: null, after: null })).toEqual({
      title: 'something new happened',
      detail: null,
    })
  })
})

describe('upgrade path for a refused action', () => {
  it('links billing reasons to the billing page and nothing else', () => {
    expect(billingFixFor({ code: 'QUOTA_EXCEEDED', details: { reason: 'SPEND_CAP' } })).toBe('Raise the spend cap')
    expect(billingFixFor({ code: 'QUOTA_EXCEEDED', details: { reason: 'TRIAL_LIMIT' } })).toBe('Choose a plan')
    expect(billingFixFor({ code: 'FORBIDDEN', details: { reason: 'PLAN_REQUIRED' } })).toBe('Upgrade your plan')
    expect(billingFixFor({ code: 'FORBIDDEN', details: { reason: 'BILLING_READ_ONLY' } })).toBe('Open billing')
    expect(billingFixFor({ code: 'QUOTA_EXCEEDED' })).toBe('Open billing')
    expect(billingFixFor({ code: 'FORBIDDEN', details: { permission: 'scan.run' } })).toBeNull()
    expect(billingFixFor({ code: 'RATE_LIMITED', details: { reason: 'rate_limited' } })).toBeNull()
  })
})

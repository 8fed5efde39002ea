// Production boot refuses missing provider secrets; doctor reports misconfigured providers and fails.
import { describe, expect, it } from 'vitest'
import { parseEnv } from '@/lib/env'
import { allProviderStates, providerEnv } from '@/lib/external/config'
import { doctorProblems, listIntegrationHealth } from '@/lib/ops/integration-health'

const prodBase = { NODE_ENV: 'production', DATABASE_URL: 'postgres://u@h/db', AUTH_SECRET: 'x'.repeat(40), ENCRYPTION_KEY: 'ab'.repeat(32) }

describe('production boot', () => {
  it('refuses to start without Stripe secrets, naming them', () => {
    expect(() => parseEnv(prodBase)).toThrow(/STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET must be set/)
  })
  it('starts with them, or with FM_SANDBOX=1 for a sandbox demo', () => {
    expect(() => parseEnv({ ...prodBase, STRIPE_SECRET_KEY: 'sk_live_x', STRIPE_WEBHOOK_SECRET: 'whsec_x' })).not.toThrow()
    expect(() => parseEnv({ ...prodBase, FM_SANDBOX: '1' })).not.toThrow()
  })
  it('rejects malformed base-URL overrides and kill-switch values', () => {
    expect(() => parseEnv({ ...prodBase, FM_SANDBOX: '1', ANTHROPIC_BASE_URL: 'not a url' })).toThrow(/ANTHROPIC_BASE_URL/)
    expect(() => parseEnv({ ...prodBase, FM_SANDBOX: '1', FM_DISABLE_STRIPE: 'yes' })).toThrow(/FM_DISABLE_STRIPE/)
  })
})

describe('provider config + doctor', () => {
  it('classifies live, sandbox, misconfigured and disabled', () => {
    const e = providerEnv({
      STRIPE_SECRET_KEY: 'sk_test_1',
      STRIPE_WEBHOOK_SECRET: 'whsec_1',
      TELNYX_API_KEY: 'KEY1', // no public key → misconfigured
      SENDGRID_API_KEY: 'not-a-sendgrid-key', // malformed → misconfigured
      LOB_API_KEY: 'test_1',
      FM_DISABLE_LOB: '1',
    })
    const by = Object.fromEntries(allProviderStates(e).map((s) => [s.provider, s]))
    expect(by.stripe.status).toBe('live')
    expect(by.telnyx).toMatchObject({ status: 'misconfigured', reason: expect.stringContaining('TELNYX_PUBLIC_KEY') })
    expect(by.sendgrid).toMatchObject({ status: 'misconfigured', reason: expect.stringContaining('SG.') })
    expect(by.lob.status).toBe('disabled')
    expect(by.anthropic.status).toBe('sandbox')
  })

  it('doctor lists PostgreSQL as live and fails on a misconfigured provider', async () => {
    const rows = await listIntegrationHealth()
    expect(rows.find((r) => r.key === 'postgres')).toMatchObject({ status: 'live' })
    expect(rows.map((r) => r.key)).toEqual(expect.arrayContaining(['anthropic', 'stripe', 'redis', 'sentry']))
    expect(doctorProblems(rows.map((r) => (r.key === 'stripe' ? { ...r, status: 'misconfigured' as const, reason: 'bad' } : r)))).toContain(
      'Stripe (billing): bad',
    )
  })
})

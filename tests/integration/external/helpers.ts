// Shared setup for contract tests: a clean provider environment and fast policies (small backoffs/timeouts).
import { PROVIDER_ENV } from '@/lib/env'
import { resetProviderPolicies, type PolicySettings } from '@/lib/external/call-service'

export function clearProviderEnv(): void {
  for (const k of Object.keys(PROVIDER_ENV)) delete process.env[k]
}

export function setEnv(vars: Record<string, string | undefined>): void {
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k]
    else process.env[k] = v
  }
}

export const FAST: Partial<PolicySettings> = {
  baseDelayMs: 5,
  maxDelayMs: 20,
  maxRetryAfterMs: 2_000,
  timeoutCapMs: 400,
  breakerThreshold: 50,
  halfOpenAfterMs: 200,
  maxConcurrent: 10,
  maxQueue: 20,
}

export function fastPolicies(overrides: Partial<PolicySettings> = {}): void {
  resetProviderPolicies({ ...FAST, ...overrides })
}

export async function expectAppError(
  p: Promise<unknown>,
): Promise<{ code: string; details: Record<string, unknown>; retryAfter?: number }> {
  try {
    await p
  } catch (e) {
    const err = e as { name?: string; code: string; details: Record<string, unknown>; retryAfter?: number }
    if (err.name !== 'AppError') throw e
    return err
  }
  throw new Error('expected the call to fail')
}

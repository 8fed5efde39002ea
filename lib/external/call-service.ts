// The one resilient call path for every outbound provider call (cockatiel). Per call:
//   kill switch → bulkhead(provider) → retry(per call) → circuit breaker(provider) → timeout(per attempt) → fn
// SDK retries are off everywhere (lib/external/*): this is the only layer that retries.
// Retry classification lives in classify-error.ts; the rules are written up in docs/DECISIONS.md.
import 'server-only'
import {
  BrokenCircuitError,
  BulkheadRejectedError,
  CircuitState,
  ConsecutiveBreaker,
  DelegateBackoff,
  IsolatedCircuitError,
  TimeoutStrategy,
  bulkhead,
  circuitBreaker,
  handleWhen,
  retry,
  timeout,
  wrap,
  type BulkheadPolicy,
  type CircuitBreakerPolicy,
  type IRetryBackoffContext,
} from 'cockatiel'
import { AppError, type ErrorCode } from '@/lib/errors'
import { log } from '@/lib/logger'
import { metrics } from '@/lib/metrics'
import { classifyFailure, shouldRetry, type ClassifiedFailure } from '@/lib/external/classify-error'
import { killSwitchOn, type ProviderName } from '@/lib/external/config'

export type { ProviderName } from '@/lib/external/config'

export interface PolicySettings {
  defaultTimeoutMs: number
  /** upper bound on any per-operation timeout (tests shrink it; production leaves it unbounded) */
  timeoutCapMs: number
  /** total attempts, first one included */
  maxAttempts: number
  baseDelayMs: number
  maxDelayMs: number
  /** a Retry-After longer than this is not waited for: the call fails fast as UPSTREAM_UNAVAILABLE */
  maxRetryAfterMs: number
  breakerThreshold: number
  halfOpenAfterMs: number
  maxConcurrent: number
  maxQueue: number
}

const num = (v: string | undefined, d: number) => (v && /^\d+$/.test(v) ? Number(v) : d)
function defaults(): PolicySettings {
  const e = process.env
  return {
    defaultTimeoutMs: num(e.FM_PROVIDER_TIMEOUT_MS, 15_000),
    timeoutCapMs: num(e.FM_PROVIDER_TIMEOUT_CAP_MS, 300_000),
    maxAttempts: 3,
    baseDelayMs: num(e.FM_PROVIDER_RETRY_BASE_MS, 250),
    maxDelayMs: num(e.FM_PROVIDER_RETRY_MAX_MS, 4_000),
    maxRetryAfterMs: num(e.FM_PROVIDER_MAX_RETRY_AFTER_MS, 10_000),
    breakerThreshold: num(e.FM_PROVIDER_BREAKER_THRESHOLD, 5),
    halfOpenAfterMs: num(e.FM_PROVIDER_BREAKER_COOLDOWN_MS, 30_000),
    maxConcurrent: num(e.FM_PROVIDER_MAX_CONCURRENT, 10),
    maxQueue: num(e.FM_PROVIDER_MAX_QUEUE, 20),
  }
}

interface ProviderPolicies {
  breaker: CircuitBreakerPolicy
  bulkhead: BulkheadPolicy
}
const g = globalThis as unknown as { fmProviderPolicies?: Map<ProviderName, ProviderPolicies>; fmPolicySettings?: PolicySettings }
const policies: Map<ProviderName, ProviderPolicies> = (g.fmProviderPolicies ??= new Map())

export function policySettings(): PolicySettings {
  return (g.fmPolicySettings ??= defaults())
}

/** Tests: forget every breaker/bulkhead and (optionally) override the settings. */
export function resetProviderPolicies(overrides: Partial<PolicySettings> = {}): void {
  policies.clear()
  g.fmPolicySettings = { ...defaults(), ...overrides }
  metrics.providerBreakerState.reset()
}

const STATE_NAMES = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'isolated',
} as const
export type BreakerState = (typeof STATE_NAMES)[CircuitState]

function policiesFor(provider: ProviderName): ProviderPolicies {
  let p = policies.get(provider)
  if (!p) {
    const s = policySettings()
    // Only outage-shaped failures (5xx, 529, timeouts, network) trip the breaker; a 4xx is our request's fault.
    const breaker = circuitBreaker(
      handleWhen((e) => classifyFailure(e).outage),
      {
        halfOpenAfter: s.halfOpenAfterMs,
        breaker: new ConsecutiveBreaker(s.breakerThreshold),
      },
    )
    breaker.onStateChange((state) => {
      metrics.providerBreakerState.set({ provider }, state)
      log().warn({ provider, breaker: STATE_NAMES[state] }, 'provider circuit breaker state changed')
    })
    p = { breaker, bulkhead: bulkhead(s.maxConcurrent, s.maxQueue) }
    policies.set(provider, p)
  }
  return p
}

export function getBreakerState(provider: ProviderName): BreakerState {
  const p = policies.get(provider)
  return p ? STATE_NAMES[p.breaker.state] : 'closed'
}

export function listBreakerStates(): Array<{ provider: ProviderName; state: BreakerState }> {
  return [...policies.keys()].map((provider) => ({ provider, state: getBreakerState(provider) }))
}

export interface CallOptions<T> {
  provider: ProviderName
  operation: string
  /** true only when a repeat cannot duplicate an effect (GET, or the provider honours our idempotency key) */
  idempotent: boolean
  timeoutMs?: number
  /** estimated spend of a successful call, in cents */
  cost?: (result: NoInfer<T>) => number
}

/** Full jitter: random(0, min(max, base·2^attempt)); a provider's Retry-After wins (it is capped earlier). */
function backoffFor(s: PolicySettings) {
  return new DelegateBackoff<IRetryBackoffContext<unknown>>((ctx) => {
    const err = 'error' in ctx.result ? ctx.result.error : undefined
    const after = classifyFailure(err).retryAfterMs
    if (after !== undefined) return after
    return Math.floor(Math.random() * Math.min(s.maxDelayMs, s.baseDelayMs * 2 ** (ctx.attempt - 1)))
  })
}

function toUpstreamError(err: unknown, opts: { provider: ProviderName; operation: string }, attempts: number): AppError {
  const where = { provider: opts.provider, operation: opts.operation }
  if (err instanceof AppError) return err
  if (err instanceof BrokenCircuitError || err instanceof IsolatedCircuitError)
    return new AppError('UPSTREAM_UNAVAILABLE', `${opts.provider} is temporarily unavailable (circuit open)`, {
      details: { ...where, reason: 'circuit_open' },
      cause: err,
    })
  if (err instanceof BulkheadRejectedError)
    return new AppError('UPSTREAM_UNAVAILABLE', `${opts.provider} is busy, try again shortly`, {
      details: { ...where, reason: 'bulkhead_full' },
      cause: err,
    })
  const f: ClassifiedFailure = classifyFailure(err)
  const details = {
    ...where,
    reason: f.reason,
    attempts,
    ...(f.status ? { status: f.status } : {}),
    ...(f.providerCode ? { providerCode: f.providerCode } : {}),
  }
  const code: ErrorCode =
    f.reason === 'timeout'
      ? 'UPSTREAM_TIMEOUT'
      : f.reason === 'rate_limited' || f.reason === 'connection_refused'
        ? 'UPSTREAM_UNAVAILABLE'
        : 'UPSTREAM_FAILED'
  const retryAfter = f.retryAfterMs !== undefined ? Math.ceil(f.retryAfterMs / 1000) : undefined
  return new AppError(code, `${opts.provider} ${opts.operation} failed (${f.reason})`, { details, cause: err, retryAfter })
}

function outcomeOf(e: AppError): string {
  return e.code === 'UPSTREAM_TIMEOUT' ? 'timeout' : e.code === 'UPSTREAM_UNAVAILABLE' ? 'unavailable' : 'failed'
}

/**
 * Runs `fn` under the provider's policies. Annotate the callback's parameter (`(signal: AbortSignal) => …`) when
 * you pass `cost`, so TypeScript infers T from the callback before typing `cost`.
 */
export async function callService<T>(opts: CallOptions<T>, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const { provider, operation } = opts
  const started = performance.now()
  let attempts = 0
  const finish = (outcome: string) => {
    const secs = (performance.now() - started) / 1000
    metrics.providerCallDuration.observe({ provider, operation, outcome }, secs)
    metrics.providerCalls.inc({ provider, operation, outcome })
    return secs
  }
  if (killSwitchOn(provider)) {
    finish('unavailable')
    throw new AppError('UPSTREAM_UNAVAILABLE', `${provider} is switched off by the operator`, {
      details: { provider, operation, reason: 'kill_switch' },
    })
  }
  const s = policySettings()
  const p = policiesFor(provider)
  const retryPolicy = retry(
    handleWhen((e) => {
      const f = classifyFailure(e)
      if (!shouldRetry(f, opts.idempotent)) return false
      if (f.retryAfterMs !== undefined && f.retryAfterMs > s.maxRetryAfterMs) return false
      return true
    }),
    { maxAttempts: s.maxAttempts - 1, backoff: backoffFor(s) },
  )
  retryPolicy.onRetry((r) => {
    log().info(
      {
        provider,
        operation,
        attempt: r.attempt,
        delayMs: Math.round(r.delay),
        reason: 'error' in r ? classifyFailure(r.error).reason : 'result',
      },
      'provider call retry',
    )
  })
  const perAttempt = timeout(Math.min(opts.timeoutMs ?? s.defaultTimeoutMs, s.timeoutCapMs), TimeoutStrategy.Aggressive)
  const policy = wrap(p.bulkhead, retryPolicy, p.breaker, perAttempt)
  try {
    const result = await policy.execute(({ signal }) => {
      attempts++
      metrics.providerAttempts.inc({ provider, operation })
      return fn(signal)
    })
    const secs = finish('success')
    const cents = opts.cost ? opts.cost(result) : 0
    if (cents > 0) metrics.providerCostCents.inc({ provider, operation }, cents)
    log().info(
      { provider, operation, outcome: 'success', attempts, durationMs: Math.round(secs * 1000), costCents: cents || undefined },
      'provider call',
    )
    return result
  } catch (err) {
    const appErr = toUpstreamError(err, opts, attempts)
    const secs = finish(outcomeOf(appErr))
    log().warn(
      {
        provider,
        operation,
        outcome: outcomeOf(appErr),
        attempts,
        durationMs: Math.round(secs * 1000),
        details: appErr.details,
        err: (err as Error)?.message,
      },
      'provider call failed',
    )
    throw appErr
  }
}

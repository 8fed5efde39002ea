// Prometheus metrics (prom-client). One registry per process, exported for /api/metrics. Kept on globalThis so
// Next's dev reloads and vitest module re-imports never register a metric twice.
import 'server-only'
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'

function create() {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry, prefix: 'fm_' })
  const providerCallDuration = new Histogram({
    name: 'fm_provider_call_duration_seconds',
    help: 'Outbound provider calls (all attempts of one call), by provider, operation and outcome',
    labelNames: ['provider', 'operation', 'outcome'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  })
  const providerCalls = new Counter({
    name: 'fm_provider_calls_total',
    help: 'Outbound provider calls by outcome (success, failed, timeout, unavailable)',
    labelNames: ['provider', 'operation', 'outcome'] as const,
    registers: [registry],
  })
  const providerAttempts = new Counter({
    name: 'fm_provider_attempts_total',
    help: 'HTTP attempts made to providers (retries included)',
    labelNames: ['provider', 'operation'] as const,
    registers: [registry],
  })
  const providerBreakerState = new Gauge({
    name: 'fm_provider_breaker_state',
    help: 'Circuit breaker state per provider: 0 closed, 1 open, 2 half-open, 3 isolated',
    labelNames: ['provider'] as const,
    registers: [registry],
  })
  const providerCostCents = new Counter({
    name: 'fm_provider_cost_cents_total',
    help: 'Estimated provider spend in US cents (live calls only; sandbox is never billed)',
    labelNames: ['provider', 'operation'] as const,
    registers: [registry],
  })
  return { registry, providerCallDuration, providerCalls, providerAttempts, providerBreakerState, providerCostCents }
}

type Metrics = ReturnType<typeof create>
const g = globalThis as unknown as { fmMetrics?: Metrics }
export const metrics: Metrics = (g.fmMetrics ??= create())
export const metricsRegistry: Registry = metrics.registry

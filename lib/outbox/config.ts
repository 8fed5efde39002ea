// Outbox tuning. Defaults suit production; tests and the chaos run shorten the delays with configureOutbox.
import 'server-only'

export interface OutboxConfig {
  /** attempts before a retryable failure becomes a dead letter (status failed) */
  maxAttempts: number
  /** first retry delay; doubles per attempt, capped, with jitter */
  backoffBaseMs: number
  backoffCapMs: number
  /** how long a claimed ("sending") row is ours; far above any provider timeout */
  leaseMs: number
}

const DEFAULTS: OutboxConfig = { maxAttempts: 8, backoffBaseMs: 10_000, backoffCapMs: 60 * 60_000, leaseMs: 5 * 60_000 }

const g = globalThis as unknown as { fmOutboxConfig?: OutboxConfig }

export function outboxConfig(): OutboxConfig {
  return (g.fmOutboxConfig ??= { ...DEFAULTS })
}

export function configureOutbox(over: Partial<OutboxConfig> | null): OutboxConfig {
  g.fmOutboxConfig = over ? { ...outboxConfig(), ...over } : { ...DEFAULTS }
  return g.fmOutboxConfig
}

// One list of every integration and its state, for `npm run doctor` and the staff page /admin/health:
// providers (live / sandbox / misconfigured / disabled + breaker), PostgreSQL, Redis (optional), Sentry.
import 'server-only'
import { PRODUCTION_REQUIRED_PROVIDER_SECRETS } from '@/lib/env'
import { getBreakerState, type BreakerState } from '@/lib/external/call-service'
import { allProviderStates, PROVIDER_LABELS, type ProviderStatus } from '@/lib/external/config'

export type IntegrationStatus = ProviderStatus | 'down' | 'not_configured'
export interface IntegrationRow {
  key: string
  name: string
  status: IntegrationStatus
  reason: string
  breaker?: BreakerState
}

async function checkPostgres(): Promise<IntegrationRow> {
  const row = { key: 'postgres', name: 'PostgreSQL' }
  if (!process.env.DATABASE_URL) return { ...row, status: 'misconfigured', reason: 'DATABASE_URL is not set' }
  try {
    const { db } = await import('@/lib/db')
    await Promise.race([
      db.$queryRaw`SELECT 1`,
      new Promise((_, rej) => setTimeout(() => rej(new Error('timeout after 3 s')), 3_000).unref()),
    ])
    return { ...row, status: 'live', reason: 'answers SELECT 1' }
  } catch (e) {
    return { ...row, status: 'down', reason: `unreachable: ${(e as Error).message.split('\n')[0].slice(0, 120)}` }
  }
}

async function checkRedis(): Promise<IntegrationRow> {
  const row = { key: 'redis', name: 'Redis (optional)' }
  const url = process.env.REDIS_URL
  if (!url) return { ...row, status: 'not_configured', reason: 'REDIS_URL not set: rate limits use PostgreSQL' }
  const { Redis } = await import('ioredis')
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 2_000,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  })
  client.on('error', () => {}) // reported below; an unhandled 'error' event would crash the doctor
  try {
    await client.connect()
    const pong = await client.ping()
    return { ...row, status: 'live', reason: `PING → ${pong}` }
  } catch (e) {
    return { ...row, status: 'down', reason: `REDIS_URL set but unreachable: ${(e as Error).message.slice(0, 120)}` }
  } finally {
    client.disconnect()
  }
}

function checkSentry(): IntegrationRow {
  const dsn = process.env.SENTRY_DSN
  if (!dsn) return { key: 'sentry', name: 'Sentry', status: 'not_configured', reason: 'SENTRY_DSN not set: errors go to logs only' }
  return /^https:\/\/[^@]+@[^/]+\/\d+$/.test(dsn)
    ? { key: 'sentry', name: 'Sentry', status: 'live', reason: 'DSN set' }
    : { key: 'sentry', name: 'Sentry', status: 'misconfigured', reason: 'SENTRY_DSN does not look like https://key@host/project' }
}

export async function listIntegrationHealth(): Promise<IntegrationRow[]> {
  const providers: IntegrationRow[] = allProviderStates().map((s) => ({
    key: s.provider,
    name: PROVIDER_LABELS[s.provider],
    status: s.status,
    reason: s.reason,
    breaker: getBreakerState(s.provider),
  }))
  const [pg, redis] = await Promise.all([checkPostgres(), checkRedis()])
  return [...providers, pg, redis, checkSentry()]
}

/** Problems that should fail `npm run doctor`: misconfigured or down, and production secrets that are missing. */
export function doctorProblems(rows: IntegrationRow[], env: Record<string, string | undefined> = process.env): string[] {
  const problems = rows
    .filter((r) => r.status === 'misconfigured' || (r.status === 'down' && r.key !== 'redis'))
    .map((r) => `${r.name}: ${r.reason}`)
  const redis = rows.find((r) => r.key === 'redis')
  if (redis?.status === 'down') problems.push(`${redis.name}: ${redis.reason}`)
  if (env.NODE_ENV === 'production' && env.FM_SANDBOX !== '1') {
    for (const k of PRODUCTION_REQUIRED_PROVIDER_SECRETS) if (!env[k]) problems.push(`${k} is required in production (or FM_SANDBOX=1)`)
  }
  return problems
}

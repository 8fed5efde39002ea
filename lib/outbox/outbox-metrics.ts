// Outbox and webhook business metrics, registered on the shared registry (lib/metrics.ts) for /api/metrics.
import 'server-only'
import { Counter } from 'prom-client'
import { metricsRegistry } from '@/lib/metrics'

function create() {
  return {
    dispatch: new Counter({
      name: 'fm_outbox_dispatch_total',
      help: 'Outbox dispatch attempts by channel and outcome (sent, retry, failed, uncertain, skipped)',
      labelNames: ['channel', 'outcome'] as const,
      registers: [metricsRegistry],
    }),
    webhooks: new Counter({
      name: 'fm_webhook_events_total',
      help: 'Inbound webhook requests by provider and result (stored, duplicate, rejected)',
      labelNames: ['provider', 'result'] as const,
      registers: [metricsRegistry],
    }),
    webhookProcessing: new Counter({
      name: 'fm_webhook_processing_total',
      help: 'Webhook event processing by provider and outcome (processed, failed)',
      labelNames: ['provider', 'outcome'] as const,
      registers: [metricsRegistry],
    }),
  }
}

const g = globalThis as unknown as { fmOutboxMetrics?: ReturnType<typeof create> }
export const outboxMetrics = (g.fmOutboxMetrics ??= create())

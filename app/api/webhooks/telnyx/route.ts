// telnyx webhooks: verified on the raw body, stored once per event id, processed by the webhooks.process job.
import { webhookRoute } from '@/lib/webhooks/webhook-route'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

export const POST = webhookRoute('TELNYX')

// The route handler shared by app/api/webhooks/{stripe,telnyx,sendgrid,lob}: size-capped raw body, verify,
// store, ack with 200. Invalid signature / stale timestamp → 400 envelope (nothing stored).
import 'server-only'
import type { WebhookProvider } from '@/lib/generated/prisma/enums'
import { handleRoute, json, readText } from '@/lib/http/handle-route'
import { log } from '@/lib/logger'
import { AppError } from '@/lib/errors'
import { receiveWebhook } from '@/lib/webhooks/receive-webhook'
import { MAX_BODY_BYTES } from '@/lib/webhooks/providers'

export function webhookRoute(provider: WebhookProvider) {
  return handleRoute(async (request) => {
    const declared = Number(request.headers.get('content-length') ?? '0')
    if (declared > MAX_BODY_BYTES[provider]) throw new AppError('PAYLOAD_TOO_LARGE', 'Webhook body too large')
    const rawBody = await readText(request, MAX_BODY_BYTES[provider])
    try {
      const result = await receiveWebhook({ provider, rawBody, headers: request.headers })
      return json({ ok: true, ...result })
    } catch (err) {
      if (err instanceof AppError && err.code === 'BAD_REQUEST') log().warn({ provider, details: err.details }, 'webhook rejected')
      throw err
    }
  })
}

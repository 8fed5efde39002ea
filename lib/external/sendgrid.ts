// SendGrid v3 mail send through the official client (baseUrl overridable for the fake). SendGrid has no
// idempotency key: sendMail is never retried once the request may have reached it (the outbox decides).
// Every message carries one-click unsubscribe headers (RFC 8058) and explicit tracking settings.
import 'server-only'
import sgClient from '@sendgrid/client'
import sgMail from '@sendgrid/mail'
import { AppError } from '@/lib/errors'
import { callService } from '@/lib/external/call-service'
import { isLive, providerEnv } from '@/lib/external/config'
import { sandboxId } from '@/lib/external/sandbox'

const TIMEOUT_MS = 15_000
let configuredFor = ''
function mailer(): typeof sgMail {
  const e = providerEnv()
  const key = `${e.SENDGRID_API_KEY}|${e.SENDGRID_BASE_URL ?? ''}`
  if (configuredFor !== key) {
    sgClient.setApiKey(e.SENDGRID_API_KEY!)
    sgClient.setDefaultRequest('baseUrl', e.SENDGRID_BASE_URL ?? 'https://api.sendgrid.com/')
    sgMail.setClient(sgClient)
    configuredFor = key
  }
  return sgMail
}

export const isSendgridLive = () => isLive('sendgrid')

export interface MailInput {
  to: string
  from: string
  subject: string
  text: string
  html?: string
  /** echoed back on every event webhook (e.g. { fm_outbox_id }) */
  customArgs?: Record<string, string>
  /** https URL that unsubscribes in one POST; required for marketing mail */
  unsubscribeUrl?: string
  /** transactional mail (verification, reset) is not click-tracked */
  trackClicks?: boolean
}

export function buildMail(input: MailInput) {
  const headers: Record<string, string> = {}
  if (input.unsubscribeUrl) {
    headers['List-Unsubscribe'] = `<${input.unsubscribeUrl}>`
    headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click'
  }
  return {
    to: input.to,
    from: input.from,
    subject: input.subject,
    text: input.text,
    ...(input.html ? { html: input.html } : {}),
    ...(input.customArgs ? { customArgs: input.customArgs } : {}),
    headers,
    trackingSettings: {
      clickTracking: { enable: !!input.trackClicks, enableText: false },
      openTracking: { enable: true },
      // we add our own unsubscribe link + headers; SendGrid's would duplicate it
      subscriptionTracking: { enable: false },
    },
  }
}

export async function sendMail(input: MailInput): Promise<{ providerMessageId: string; sandbox: boolean }> {
  if (!isSendgridLive())
    return { providerMessageId: sandboxId('sg', input.to, input.subject, input.customArgs ?? null, input.text), sandbox: true }
  const [res] = await callService(
    { provider: 'sendgrid', operation: 'mail.send', idempotent: false, timeoutMs: TIMEOUT_MS, cost: () => 0.1 },
    () => mailer().send(buildMail(input) as never),
  )
  const id = res.headers?.['x-message-id']
  if (!id)
    throw new AppError('UPSTREAM_FAILED', 'SendGrid accepted the message without an id', {
      details: { provider: 'sendgrid', operation: 'mail.send', reason: 'malformed_response' },
    })
  return { providerMessageId: String(id), sandbox: false }
}

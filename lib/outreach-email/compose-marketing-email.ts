// A marketing e-mail's outbox payload: the body plus the CAN-SPAM footer (the sender's company and physical
// postal address, and an unsubscribe link) in text and HTML, and the one-click unsubscribe URL the SendGrid
// adapter puts in List-Unsubscribe / List-Unsubscribe-Post (RFC 8058). No postal address → refused.
import 'server-only'
import type { z } from 'zod'
import { AppError, toAppError } from '@/lib/errors'
import { emailPayload } from '@/lib/outbox/payloads'
import { unsubscribeLink } from './unsubscribe-link'

export type EmailPayload = z.output<typeof emailPayload>

export interface ComposeMarketingEmailInput {
  org: { id: string; name: string; postalAddress: string | null }
  lead?: { id: string } | null
  to: string
  subject: string
  text: string
  html?: string
  from?: string
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!)

export function composeMarketingEmail(input: ComposeMarketingEmailInput): EmailPayload {
  const postal = input.org.postalAddress?.trim()
  if (!postal)
    throw new AppError(
      'VALIDATION_FAILED',
      'Marketing e-mail must carry your company’s physical postal address (CAN-SPAM). Add it in organization settings.',
      { details: { reason: 'NO_POSTAL_ADDRESS' } },
    )
  const to = input.to.trim().toLowerCase()
  const url = unsubscribeLink({ orgId: input.org.id, leadId: input.lead?.id ?? null, email: to })
  const text =
    `${input.text.trimEnd()}\n\n--\n${input.org.name}\n${postal}\n` +
    `You received this e-mail from ${input.org.name}. Unsubscribe: ${url}\n`
  const footer =
    `<hr style="border:none;border-top:1px solid #e2e8f0;margin:24px 0 12px">` +
    `<p style="font-size:12px;line-height:1.5;color:#64748b;margin:0">${escapeHtml(input.org.name)}<br>${escapeHtml(postal)}<br>` +
    `You received this e-mail from ${escapeHtml(input.org.name)}. ` +
    `<a href="${escapeHtml(url)}" style="color:#475569">Unsubscribe</a></p>`
  const html =
    input.html === undefined
      ? undefined
      : /<\/body>/i.test(input.html)
        ? input.html.replace(/<\/body>(?![\s\S]*<\/body>)/i, `${footer}</body>`)
        : input.html + footer
  const r = emailPayload.safeParse({
    to,
    subject: input.subject,
    text,
    ...(html !== undefined ? { html } : {}),
    ...(input.from ? { from: input.from } : {}),
    template: 'marketing',
    unsubscribeUrl: url,
  })
  if (!r.success) throw toAppError(r.error)
  return r.data
}

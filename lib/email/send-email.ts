// The one email module. Every email is first a row in email_messages (unique dedupe key: a retry never sends
// twice). With no SENDGRID_API_KEY the message is delivered to the sandbox mailbox (the same table, shown at
// /dev/mailbox in development) and nobody real is contacted.
import { db } from '@/lib/db'
import { env } from '@/lib/env'

export interface EmailInput {
  to: string
  subject: string
  text: string
  html?: string
  /** short template name for metrics and the mailbox list, e.g. "verify-email" */
  template: string
  /** unique per logical message, e.g. `verify:${tokenId}` */
  dedupeKey: string
  orgId?: string | null
}

export const isEmailSandbox = () => !env().SENDGRID_API_KEY

export async function sendEmail(input: EmailInput): Promise<{ id: string; sandbox: boolean }> {
  const sandbox = isEmailSandbox()
  const footer = `\n\n--\n${env().COMPANY_POSTAL_ADDRESS}`
  const row = await db.emailMessage.upsert({
    where: { dedupeKey: input.dedupeKey },
    update: {},
    create: {
      dedupeKey: input.dedupeKey,
      orgId: input.orgId ?? null,
      toEmail: input.to.toLowerCase(),
      subject: input.subject,
      text: input.text + footer,
      html: input.html,
      template: input.template,
      sandbox,
      status: sandbox ? 'delivered' : 'queued',
      sentAt: sandbox ? new Date() : null,
    },
    select: { id: true, sandbox: true },
  })
  // Live delivery (SendGrid through lib/external + the outbox worker) picks up status = 'queued' rows.
  return row
}

// The one email module. Every email is first a row in email_messages (unique dedupe key: a retry never sends
// twice). With no SENDGRID_API_KEY the message is delivered to the sandbox mailbox (the same table, shown at
// /dev/mailbox in development) and nobody real is contacted.
import 'server-only'
import { db } from '@/lib/db'
import { env } from '@/lib/env'
import { providerState } from '@/lib/external/config'
import { enqueueMessage, prepareOutbox } from '@/lib/outbox/enqueue-message'

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

// Sandbox only when SendGrid has no key (lib/external/config). A kill switch (FM_DISABLE_SENDGRID) or a bad key
// keeps rows queued: the outbox delivers them via sendgrid.sendMail once the provider is back.
export const isEmailSandbox = () => providerState('sendgrid').status === 'sandbox'

export async function sendEmail(input: EmailInput): Promise<{ id: string; sandbox: boolean }> {
  const sandbox = isEmailSandbox()
  const footer = `\n\n--\n${env().COMPANY_POSTAL_ADDRESS}`
  const text = input.text + footer
  // Live: the row and its outbox message (dedupe key per row) commit together; the outbox worker delivers it
  // through SendGrid (lib/outbox). A repeated call finds both and queues nothing new.
  if (!sandbox) await prepareOutbox()
  return db.$transaction(async (tx) => {
    const row = await tx.emailMessage.upsert({
      where: { dedupeKey: input.dedupeKey },
      update: {},
      create: {
        dedupeKey: input.dedupeKey,
        orgId: input.orgId ?? null,
        toEmail: input.to.toLowerCase(),
        subject: input.subject,
        text,
        html: input.html,
        template: input.template,
        sandbox,
        status: sandbox ? 'delivered' : 'queued',
        sentAt: sandbox ? new Date() : null,
      },
      select: { id: true, sandbox: true },
    })
    if (!row.sandbox) {
      await enqueueMessage({
        tx,
        channel: 'EMAIL',
        dedupeKey: `email:${row.id}`,
        orgId: input.orgId ?? null,
        payload: {
          to: input.to.toLowerCase(),
          subject: input.subject,
          text,
          html: input.html,
          template: input.template,
          emailMessageId: row.id,
        },
      })
    }
    return row
  })
}

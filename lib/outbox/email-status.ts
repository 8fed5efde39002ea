// The life of an email_messages row, as a rank: a status only ever moves to a higher rank, so receipts that arrive
// duplicated or out of order (SendGrid sends no order guarantee) never move a message back — a late "delivered"
// after "opened" keeps "opened". Equal ranks do not replace each other (the first failure wins).
//   queued → sending → sent → delivered → bounced | dropped | failed → opened → clicked → spam_reported
// A bounce outranks delivered (an asynchronous bounce follows the receiving server's "accepted"); an open or a
// click outranks a failure (it proves the message arrived); a spam report is the last word.
// Pure (no I/O): the SQL guard in advance-email-status.ts reads the same ranks.
import 'server-only'

export const EMAIL_STATUS_RANK = {
  queued: 0,
  sending: 1,
  sent: 2,
  delivered: 3,
  bounced: 4,
  dropped: 4,
  failed: 4,
  opened: 5,
  clicked: 6,
  spam_reported: 7,
} as const

export type EmailStatus = keyof typeof EMAIL_STATUS_RANK

const SENDGRID_EVENTS: Record<string, EmailStatus> = {
  delivered: 'delivered',
  open: 'opened',
  click: 'clicked',
  bounce: 'bounced',
  dropped: 'dropped',
  spamreport: 'spam_reported',
}

/** SendGrid event type → the status it proves; null for events that say nothing about delivery (processed, …). */
export const sendgridEventStatus = (type: string): EmailStatus | null =>
  Object.hasOwn(SENDGRID_EVENTS, type) ? SENDGRID_EVENTS[type]! : null

export const rankOf = (s: string): number => (Object.hasOwn(EMAIL_STATUS_RANK, s) ? EMAIL_STATUS_RANK[s as EmailStatus] : -1)

/** The status after `next` arrives on a row at `current`. */
export const nextEmailStatus = (current: string, next: EmailStatus): string => (rankOf(next) > rankOf(current) ? next : current)

// The development mailbox: sandbox emails (email_messages rows with sandbox = true) shown at /dev/mailbox and
// as JSON for tests. Only in development, or when FM_ENABLE_DEV_MAILBOX=1 (CI/e2e); otherwise 404.
import 'server-only'
import { db } from '@/lib/db'

/** Read at call time (not the cached env) so the e2e server and tests can switch it. */
export function isDevMailboxEnabled(source: Record<string, string | undefined> = process.env): boolean {
  return source.NODE_ENV === 'development' || source.FM_ENABLE_DEV_MAILBOX === '1'
}

export interface MailboxEmail {
  id: string
  toEmail: string
  subject: string
  text: string
  template: string
  createdAt: Date
  links: string[]
}

export const linksIn = (text: string) => Array.from(new Set(text.match(/https?:\/\/[^\s<>"')]+/g) ?? []))

/** Unscoped by design: a development tool that shows every sandbox email of every org. */
export async function unsafeListSandboxEmails({ to, limit = 50 }: { to?: string; limit?: number } = {}): Promise<MailboxEmail[]> {
  const rows = await db.emailMessage.findMany({
    where: { sandbox: true, ...(to ? { toEmail: to.trim().toLowerCase() } : {}) },
    select: { id: true, toEmail: true, subject: true, text: true, template: true, createdAt: true },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: Math.min(Math.max(limit, 1), 200),
  })
  return rows.map((r) => ({ ...r, links: linksIn(r.text) }))
}

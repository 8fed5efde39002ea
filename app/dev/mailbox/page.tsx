// Development mailbox: every sandbox email, newest first, links clickable. 404 outside development unless
// FM_ENABLE_DEV_MAILBOX=1.
import { notFound } from 'next/navigation'
import { Card, PageHeader } from '@/components/ui/card'
import { Alert, Badge, EmptyState } from '@/components/ui/feedback'
import { isDevMailboxEnabled, unsafeListSandboxEmails } from '@/lib/auth/dev-mailbox'
import { MailText } from '@/components/auth/mail-text'

export const dynamic = 'force-dynamic'
export const metadata = { title: 'Dev mailbox', robots: { index: false } }

export default async function DevMailboxPage({ searchParams }: { searchParams: Promise<{ to?: string }> }) {
  if (!isDevMailboxEnabled()) notFound()
  const { to } = await searchParams
  const emails = await unsafeListSandboxEmails({ to: typeof to === 'string' && to ? to : undefined, limit: 100 })
  return (
    <main id="main" className="mx-auto max-w-4xl p-6">
      <PageHeader title="Dev mailbox" description="Sandbox emails: nothing here was sent to a real person." />
      <Alert tone="info" className="mb-4">
        Sandbox: no real message sent. Newest first{to ? `, to ${to}` : ''}.
      </Alert>
      <form className="mb-6 flex gap-2" action="/dev/mailbox">
        <label htmlFor="mailbox-to" className="sr-only">
          Filter by recipient
        </label>
        <input
          id="mailbox-to"
          name="to"
          defaultValue={to ?? ''}
          placeholder="Filter by recipient email"
          className="h-10 flex-1 rounded-md border border-slate-300 px-3 text-sm"
        />
        <button className="h-10 rounded-md border border-slate-300 bg-white px-4 text-sm">Filter</button>
      </form>
      {emails.length === 0 ? (
        <EmptyState title="No emails yet">Sign up or ask for a password reset and the email shows up here.</EmptyState>
      ) : (
        <ul className="space-y-4">
          {emails.map((m) => (
            <li key={m.id}>
              <Card>
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <h2 className="font-semibold">{m.subject}</h2>
                  <Badge>{m.template}</Badge>
                </div>
                <p className="mt-1 text-xs text-slate-500">
                  To <span data-testid="mail-to">{m.toEmail}</span> ·{' '}
                  <time dateTime={m.createdAt.toISOString()}>{m.createdAt.toISOString().replace('T', ' ').slice(0, 19)} UTC</time>
                </p>
                <MailText text={m.text} />
              </Card>
            </li>
          ))}
        </ul>
      )}
    </main>
  )
}

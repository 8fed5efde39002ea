// Staff: inbound webhook events across providers, filterable by provider and status, with Replay.
import Link from 'next/link'
import { requireStaffPage } from '@/lib/auth/staff'
import { unsafeListWebhookEvents, webhookEventFilter } from '@/lib/webhooks/list-webhook-events'
import { auditStaffView } from '@/lib/audit/staff-audit'
import { PageHeader, Card } from '@/components/ui/card'
import { Badge, EmptyState } from '@/components/ui/feedback'
import { StaffActionButton } from '@/components/admin/staff-action-button'
import { replayWebhookEventAction } from '@/app/admin/actions'

export const dynamic = 'force-dynamic'
export const metadata = { title: 'Webhooks · Staff' }

const PROVIDERS = ['STRIPE', 'TELNYX', 'SENDGRID', 'LOB'] as const
const STATUSES = ['received', 'processing', 'processed', 'failed'] as const
const tone: Record<string, string> = {
  processed: 'bg-emerald-100 text-emerald-800',
  failed: 'bg-red-100 text-red-800',
  processing: 'bg-amber-100 text-amber-800',
  received: 'bg-sky-100 text-sky-800',
}

export default async function WebhooksPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const staff = await requireStaffPage()
  const filter = webhookEventFilter.parse(await searchParams)
  const events = await unsafeListWebhookEvents({ actor: staff.actor, filter })
  // staff views are audited (PRODUCT §1)
  await auditStaffView({ actor: staff.actor, view: 'webhooks', filter })
  const href = (over: Record<string, string | undefined>) => {
    const q = new URLSearchParams(Object.entries({ ...filter, ...over }).filter(([, v]) => v) as [string, string][])
    return `/admin/webhooks${q.size ? `?${q}` : ''}`
  }
  return (
    <main id="main" className="mx-auto max-w-6xl space-y-6 p-6">
      <PageHeader
        title="Webhook events"
        description="Verified inbound events from Stripe, Telnyx, SendGrid and Lob. Replay re-runs processing (handlers are idempotent)."
      />
      <nav aria-label="Filters" className="flex flex-wrap gap-2 text-sm">
        <Link className="underline" href={href({ provider: undefined })}>
          All providers
        </Link>
        {PROVIDERS.map((p) => (
          <Link
            key={p}
            aria-current={filter.provider === p ? 'true' : undefined}
            className={filter.provider === p ? 'font-semibold' : 'underline'}
            href={href({ provider: p })}
          >
            {p}
          </Link>
        ))}
        <span aria-hidden>·</span>
        <Link className="underline" href={href({ status: undefined })}>
          Any status
        </Link>
        {STATUSES.map((s) => (
          <Link
            key={s}
            aria-current={filter.status === s ? 'true' : undefined}
            className={filter.status === s ? 'font-semibold' : 'underline'}
            href={href({ status: s })}
          >
            {s}
          </Link>
        ))}
      </nav>
      {events.length === 0 ? (
        <EmptyState title="No webhook events match">Events appear here as soon as a provider posts a verified webhook.</EmptyState>
      ) : (
        <Card className="overflow-x-auto p-0">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Webhook events, newest first</caption>
            <thead className="bg-slate-50 text-xs uppercase text-slate-500">
              <tr>
                <th scope="col" className="p-3">
                  Received
                </th>
                <th scope="col" className="p-3">
                  Provider
                </th>
                <th scope="col" className="p-3">
                  Type
                </th>
                <th scope="col" className="p-3">
                  Event id
                </th>
                <th scope="col" className="p-3">
                  Status
                </th>
                <th scope="col" className="p-3">
                  Attempts
                </th>
                <th scope="col" className="p-3">
                  Last error
                </th>
                <th scope="col" className="p-3">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.id} className="border-t border-slate-100 align-top">
                  <td className="p-3 whitespace-nowrap">
                    <time dateTime={e.receivedAt.toISOString()}>{e.receivedAt.toISOString().replace('T', ' ').slice(0, 19)} UTC</time>
                  </td>
                  <td className="p-3">{e.provider}</td>
                  <td className="p-3 font-mono text-xs">{e.type}</td>
                  <td className="p-3 font-mono text-xs break-all">{e.eventId}</td>
                  <td className="p-3">
                    <Badge className={tone[e.status]}>{e.status}</Badge>
                  </td>
                  <td className="p-3">{e.attempts}</td>
                  <td className="p-3 max-w-xs text-xs text-red-700 break-words">{e.lastError ?? ''}</td>
                  <td className="p-3">
                    {staff.staffRole === 'STAFF_ADMIN' && e.status !== 'processing' && (
                      <StaffActionButton label="Replay" doneLabel="Queued" action={replayWebhookEventAction} input={{ id: e.id }} />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
    </main>
  )
}

// Staff: the dead-letter view — failed outbox messages (with Retry) and pg-boss jobs that exhausted retries.
import { requireStaffPage } from '@/lib/auth/staff'
import { unsafeListOutboxDeadLetters, unsafeOutboxCounts } from '@/lib/outbox/list-outbox-dead-letters'
import { unsafeListFailedJobs } from '@/lib/jobs/failed-jobs'
import { auditStaffView } from '@/lib/audit/staff-audit'
import { Card, PageHeader } from '@/components/ui/card'
import { EmptyState } from '@/components/ui/feedback'
import { StaffActionButton } from '@/components/admin/staff-action-button'
import { retryFailedJobAction, retryOutboxMessageAction } from '@/app/admin/actions'

export const dynamic = 'force-dynamic'
export const metadata = { title: 'Jobs · Staff' }

const ts = (d: Date | null) => (d ? `${d.toISOString().replace('T', ' ').slice(0, 19)} UTC` : '—')

export default async function JobsPage() {
  const staff = await requireStaffPage()
  const { actor } = staff
  const [dead, counts, jobs] = await Promise.all([
    unsafeListOutboxDeadLetters({ actor }),
    unsafeOutboxCounts({ actor }),
    unsafeListFailedJobs({ actor }),
  ])
  await auditStaffView({ actor, view: 'jobs' })
  const admin = staff.staffRole === 'STAFF_ADMIN'
  return (
    <main id="main" className="mx-auto max-w-6xl space-y-8 p-6">
      <PageHeader
        title="Jobs and dead letters"
        description="Outbox messages that failed for good and background jobs that ran out of retries."
      />
      <section aria-labelledby="outbox-h" className="space-y-3">
        <h2 id="outbox-h" className="text-lg font-semibold">
          Outbox
        </h2>
        <dl className="flex flex-wrap gap-4 text-sm">
          {(['queued', 'sending', 'sent', 'delivered', 'failed'] as const).map((s) => (
            <div key={s} className="rounded-md border border-slate-200 bg-white px-3 py-2">
              <dt className="text-xs text-slate-500">{s}</dt>
              <dd className="font-semibold">{counts[s] ?? 0}</dd>
            </div>
          ))}
        </dl>
        <p className="text-sm text-slate-600">
          <strong>UNCERTAIN</strong> rows may have reached the provider (timeout or a worker crash during an email/SMS/call with no provider
          idempotency key). Check the provider&apos;s logs before retrying: a retry sends again.
        </p>
        {dead.length === 0 ? (
          <EmptyState title="No dead-lettered messages" />
        ) : (
          <Card className="overflow-x-auto p-0">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Failed outbox messages, newest first</caption>
              <thead className="bg-slate-50 text-xs uppercase text-slate-500">
                <tr>
                  <th scope="col" className="p-3">
                    Failed
                  </th>
                  <th scope="col" className="p-3">
                    Channel
                  </th>
                  <th scope="col" className="p-3">
                    Dedupe key
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
                {dead.map((m) => (
                  <tr key={m.id} className="border-t border-slate-100 align-top">
                    <td className="p-3 whitespace-nowrap">{ts(m.failedAt)}</td>
                    <td className="p-3">{m.channel}</td>
                    <td className="p-3 font-mono text-xs break-all">{m.dedupeKey}</td>
                    <td className="p-3">{m.attempts}</td>
                    <td className="p-3 max-w-md text-xs text-red-700 break-words">{m.lastError}</td>
                    <td className="p-3">
                      {admin && (
                        <StaffActionButton label="Retry" doneLabel="Queued" action={retryOutboxMessageAction} input={{ id: m.id }} />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
        )}
      </section>
      <section aria-labelledby="jobs-h" className="space-y-3">
        <h2 id="jobs-h" className="text-lg font-semibold">
          Failed background jobs
        </h2>
        {jobs.length === 0 ? (
          <EmptyState title="No failed jobs" />
        ) : (
          <Card className="overflow-x-auto p-0">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Failed jobs, newest first</caption>
              <thead className="bg-slate-50 text-xs uppercase text-slate-500">
                <tr>
                  <th scope="col" className="p-3">
                    Failed
                  </th>
                  <th scope="col" className="p-3">
                    Queue
                  </th>
                  <th scope="col" className="p-3">
                    Retries
                  </th>
                  <th scope="col" className="p-3">
                    Error
                  </th>
                  <th scope="col" className="p-3">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {jobs.map((j) => (
                  <tr key={j.id} className="border-t border-slate-100 align-top">
                    <td className="p-3 whitespace-nowrap">{ts(j.failedAt)}</td>
                    <td className="p-3 font-mono text-xs">{j.name}</td>
                    <td className="p-3">{j.retryCount}</td>
                    <td className="p-3 max-w-md text-xs text-red-700 break-words">{j.error}</td>
                    <td className="p-3">
                      {admin && (
                        <StaffActionButton
                          label="Retry"
                          doneLabel="Queued"
                          action={retryFailedJobAction}
                          input={{ name: j.name, id: j.id }}
                        />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
        )}
      </section>
    </main>
  )
}

// Staff: integration health — each provider live / sandbox / misconfigured / disabled with its breaker state,
// plus PostgreSQL, Redis and Sentry. Same data as `npm run doctor`.
import { requireStaffPage } from '@/lib/auth/staff'
import { listIntegrationHealth, doctorProblems, type IntegrationStatus } from '@/lib/ops/integration-health'
import { Card, PageHeader } from '@/components/ui/card'
import { Alert, Badge, EmptyState } from '@/components/ui/feedback'

export const dynamic = 'force-dynamic'
export const metadata = { title: 'Integration health · Staff' }

const tone: Record<IntegrationStatus, string> = {
  live: 'bg-emerald-100 text-emerald-800',
  sandbox: 'bg-sky-100 text-sky-800',
  misconfigured: 'bg-red-100 text-red-800',
  disabled: 'bg-amber-100 text-amber-900',
  down: 'bg-red-100 text-red-800',
  not_configured: 'bg-slate-100 text-slate-700',
}

export default async function HealthPage() {
  await requireStaffPage()
  const rows = await listIntegrationHealth()
  const problems = doctorProblems(rows)
  return (
    <main id="main" className="mx-auto max-w-5xl space-y-6 p-6">
      <PageHeader
        title="Integration health"
        description="Sandbox integrations never contact anyone and are labelled in the product. Kill switches: FM_DISABLE_<PROVIDER>=1."
      />
      {problems.length > 0 ? (
        <Alert tone="error" title={`${problems.length} problem(s) need attention`}>
          <ul className="list-disc pl-5">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </Alert>
      ) : (
        <Alert tone="success" title="No problems found" />
      )}
      {rows.length === 0 ? (
        <EmptyState title="No integrations registered" />
      ) : (
        <Card className="overflow-x-auto p-0">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Integrations and their status</caption>
            <thead className="bg-slate-50 text-xs uppercase text-slate-500">
              <tr>
                <th scope="col" className="px-4 py-2">
                  Integration
                </th>
                <th scope="col" className="px-4 py-2">
                  Status
                </th>
                <th scope="col" className="px-4 py-2">
                  Circuit
                </th>
                <th scope="col" className="px-4 py-2">
                  Detail
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key} className="border-t border-slate-100">
                  <th scope="row" className="px-4 py-2 font-medium">
                    {r.name}
                  </th>
                  <td className="px-4 py-2">
                    <Badge className={tone[r.status]}>{r.status.replace('_', ' ')}</Badge>
                  </td>
                  <td className="px-4 py-2">{r.breaker ?? '—'}</td>
                  <td className="px-4 py-2 text-slate-600">{r.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
    </main>
  )
}

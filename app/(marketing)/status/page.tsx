import type { Metadata } from 'next'
import { checkReadiness } from '@/lib/ops/readiness'

export const metadata: Metadata = { title: 'Status' }
export const dynamic = 'force-dynamic'

export default async function StatusPage() {
  const r = await checkReadiness()
  const ok = r.ready
  return (
    <div className="mx-auto max-w-6xl px-4 py-12 sm:px-6">
      <h1 className="text-3xl font-bold tracking-tight text-slate-900">System status</h1>
      <div
        role="status"
        className={`mt-6 rounded-lg border p-5 ${ok ? 'border-emerald-200 bg-emerald-50 text-emerald-900' : 'border-amber-200 bg-amber-50 text-amber-900'}`}
      >
        <p className="text-lg font-semibold">{ok ? 'All systems operational' : 'Degraded: some features may be unavailable'}</p>
        <p className="mt-1 text-sm">
          Checked <time dateTime={new Date().toISOString()}>{new Date().toUTCString()}</time>
        </p>
      </div>
      <dl className="mt-6 grid max-w-md grid-cols-2 gap-2 text-sm">
        <dt className="text-slate-600">Application</dt>
        <dd className="font-medium">Operational</dd>
        <dt className="text-slate-600">Database</dt>
        <dd className="font-medium">{r.checks.database === 'ok' ? 'Operational' : 'Unavailable'}</dd>
      </dl>
      <p className="mt-8 text-sm text-slate-600">Incidents and maintenance windows are also announced by email to account owners.</p>
    </div>
  )
}

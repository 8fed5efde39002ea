'use client'
// The scans list: status filter (in the URL, so it is shareable), one row per scan with its progress bar and
// counts, "Load more" appending the next page (keyset on createdAt: `before`).
import Link from 'next/link'
import { useState } from 'react'
import { usePathname, useRouter } from 'next/navigation'
import type { ActionError, ActionFn } from '@/lib/action-result'
import type { ScanSummary } from '@/lib/scans/list-scans'
import { Button } from '@/components/ui/button'
import { EmptyState, ErrorNotice } from '@/components/ui/feedback'
import { Label, Select } from '@/components/ui/field'
import { formatDateTime } from '@/components/leads/lead-format'
import { SandboxBadge, SCAN_STATUS_LABELS, SCAN_STATUSES, ScanProgressBar, ScanStatusBadge, type ScanStatus } from './scan-format'

type ListInput = { orgSlug: string; query?: { status?: ScanStatus; before?: string; limit?: number } }
type ListPage = { items: ScanSummary[]; nextBefore: Date | string | null }

export function ScanList({
  orgSlug,
  status,
  initial,
  listScans,
}: {
  orgSlug: string
  status: ScanStatus | null
  initial: { items: ScanSummary[]; nextBefore: string | null }
  listScans: ActionFn<ListInput, ListPage>
}) {
  const router = useRouter()
  const pathname = usePathname()
  const [items, setItems] = useState(initial.items)
  const [nextBefore, setNextBefore] = useState(initial.nextBefore)
  const [loading, setLoading] = useState(false)
  const [error, setError] = useState<ActionError | null>(null)

  const loadMore = async () => {
    if (!nextBefore) return
    setLoading(true)
    setError(null)
    const r = await listScans({ orgSlug, query: { ...(status ? { status } : {}), before: nextBefore, limit: 20 } })
    setLoading(false)
    if (!r.ok) return setError(r.error)
    // a scan created in the same millisecond as the cursor could come twice: keep the first
    setItems((prev) => {
      const seen = new Set(prev.map((s) => s.id))
      return [...prev, ...r.data.items.filter((s) => !seen.has(s.id))]
    })
    setNextBefore(r.data.nextBefore ? new Date(r.data.nextBefore).toISOString() : null)
  }

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-2">
        <div className="w-48">
          <Label htmlFor="scan-status">Status</Label>
          <Select
            id="scan-status"
            value={status ?? ''}
            onChange={(e) => router.push(e.target.value ? `${pathname}?status=${e.target.value.toLowerCase()}` : pathname)}
          >
            <option value="">All scans</option>
            {SCAN_STATUSES.map((s) => (
              <option key={s} value={s}>
                {SCAN_STATUS_LABELS[s]}
              </option>
            ))}
          </Select>
        </div>
      </div>

      {items.length === 0 ? (
        <EmptyState
          title={`No ${SCAN_STATUS_LABELS[status ?? '']?.toLowerCase() ?? ''} scans`}
          action={
            <Link href={pathname} className="text-sm font-medium text-brand-700 hover:underline">
              Show all scans
            </Link>
          }
        />
      ) : (
        <ul className="space-y-2" aria-label="Scans">
          {items.map((s) => (
            <ScanRow key={s.id} orgSlug={orgSlug} scan={s} />
          ))}
        </ul>
      )}

      {error && <ErrorNotice error={error} />}
      {nextBefore && (
        <div className="flex justify-center">
          <Button variant="secondary" onClick={loadMore} loading={loading}>
            Load more
          </Button>
        </div>
      )}
    </div>
  )
}

function ScanRow({ orgSlug, scan: s }: { orgSlug: string; scan: ScanSummary }) {
  const { percent } = s
  const counts = [
    s.total ? `${(s.done + s.failed + s.needsReview).toLocaleString('en-US')} of ${s.total.toLocaleString('en-US')} processed` : null,
    s.needsReview ? `${s.needsReview} need review` : null,
    s.failed ? `${s.failed} failed` : null,
    s.leadsCreated ? `${s.leadsCreated} new leads` : null,
    s.leadsRescored ? `${s.leadsRescored} re-scored` : null,
    s.hotLeads ? `${s.hotLeads} hot` : null,
  ].filter(Boolean)
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <Link href={`/${orgSlug}/scans/${s.id}`} className="font-medium break-words text-brand-700 hover:underline">
            {s.label}
          </Link>
          <p className="mt-0.5 text-xs text-slate-500">
            Started by {s.createdBy?.name ?? 'a former member'} ·{' '}
            <time dateTime={new Date(s.createdAt).toISOString()}>{formatDateTime(s.createdAt)}</time> · up to{' '}
            {s.propertyCap.toLocaleString('en-US')} properties
          </p>
        </div>
        <div className="flex shrink-0 items-center gap-1.5">
          {s.sandbox && <SandboxBadge />}
          <ScanStatusBadge status={s.status} />
        </div>
      </div>
      <div className="mt-3">
        <ScanProgressBar percent={percent} status={s.status} size="sm" label={`Progress of ${s.label}`} />
      </div>
      <p className="mt-1 text-xs text-slate-600">
        {counts.length
          ? counts.join(' · ')
          : s.status === 'PENDING'
            ? 'Waiting to start'
            : s.status === 'RUNNING'
              ? 'Finding properties'
              : 'No properties processed'}
        {s.status === 'FAILED' && s.error ? ` · ${s.error}` : ''}
      </p>
    </li>
  )
}

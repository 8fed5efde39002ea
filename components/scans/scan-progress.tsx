'use client'
// A scan's live progress, without reloading: polls getScanAction every ~2 s while the scan is pending or
// running, stops when it has finished, pauses while the tab is hidden (and polls at once when it comes back),
// backs off after an error. Cancel asks for confirmation first.
import Link from 'next/link'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { ActionError, ActionFn } from '@/lib/action-result'
import type { ScanDetail } from '@/lib/scans/get-scan'
import { Button, buttonVariants } from '@/components/ui/button'
import { Card } from '@/components/ui/card'
import { Alert, ErrorNotice } from '@/components/ui/feedback'
import { formatDateTime, ScoreBadge } from '@/components/leads/lead-format'
import {
  formatCents,
  formatDuration,
  isScanActive,
  PropertyStatusBadge,
  SandboxBadge,
  SCAN_STATUS_LABELS,
  ScanProgressBar,
  ScanStatusBadge,
  STAGE_LABELS,
  STAGES,
  PROPERTY_STATUS_LABELS,
} from './scan-format'

export const POLL_MS = 2000
const ERROR_BACKOFF_MS = 10_000

type ScanRef = { orgSlug: string; scanId: string }

export function ScanProgressView({
  orgSlug,
  initial,
  canRun,
  getScan,
  cancelScan,
  retryFailed,
}: {
  orgSlug: string
  initial: ScanDetail
  canRun: boolean
  getScan: ActionFn<ScanRef, ScanDetail>
  cancelScan: ActionFn<ScanRef, { id: string; status: string }>
  retryFailed: ActionFn<ScanRef, { requeued: number }>
}) {
  const [scan, setScan] = useState(initial)
  const [pollError, setPollError] = useState<ActionError | null>(null)
  const [gone, setGone] = useState(false)
  const active = isScanActive(scan.status) && !gone
  const ref = useRef({ orgSlug, scanId: initial.id })

  const refresh = useCallback(async (): Promise<boolean> => {
    const r = await getScan(ref.current)
    if (r.ok) {
      setScan(r.data)
      setPollError(null)
      return true
    }
    if (r.error.code === 'NOT_FOUND') setGone(true)
    setPollError(r.error)
    return false
  }, [getScan])

  useEffect(() => {
    if (!active) return
    let timer: ReturnType<typeof setTimeout> | null = null
    let stopped = false
    const schedule = (ms: number) => {
      if (timer) clearTimeout(timer)
      timer = null
      if (!stopped && document.visibilityState === 'visible') timer = setTimeout(tick, ms)
    }
    const tick = async () => {
      timer = null
      const ok = await refresh()
      // the next tick is scheduled by this effect's next run when the status changes; otherwise here
      schedule(ok ? POLL_MS : ERROR_BACKOFF_MS)
    }
    const onVisibility = () => {
      if (document.visibilityState === 'visible') schedule(0)
      else if (timer) {
        clearTimeout(timer)
        timer = null
      }
    }
    document.addEventListener('visibilitychange', onVisibility)
    schedule(POLL_MS)
    return () => {
      stopped = true
      if (timer) clearTimeout(timer)
      document.removeEventListener('visibilitychange', onVisibility)
    }
  }, [active, refresh])

  const processed = scan.done + scan.failed + scan.needsReview
  const duration = formatDuration(scan.startedAt ?? scan.createdAt, scan.finishedAt)
  const leadsHref = `/${orgSlug}/leads?scanId=${scan.id}`

  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight break-words">{scan.label}</h1>
          <p className="mt-1 text-sm text-slate-600">
            Started by {scan.createdBy?.name ?? 'a former member'} ·{' '}
            <time dateTime={new Date(scan.createdAt).toISOString()}>{formatDateTime(scan.createdAt)}</time>
            {duration
              ? ` · ${scan.status === 'PENDING' ? 'queued for' : scan.status === 'RUNNING' ? 'running for' : 'took'} ${duration}`
              : ''}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {scan.sandbox && <SandboxBadge />}
          <ScanStatusBadge status={scan.status} />
        </div>
      </header>

      {/* one polite announcement per status change, not per percent */}
      <p className="sr-only" aria-live="polite">
        Scan {SCAN_STATUS_LABELS[scan.status]?.toLowerCase() ?? scan.status}
      </p>

      <Card className="space-y-4 p-4 sm:p-6">
        <div className="space-y-1">
          <ScanProgressBar percent={scan.percent} status={scan.status} label="Scan progress" />
          <p className="text-sm text-slate-700" data-testid="scan-progress-text">
            {scan.total
              ? `${processed.toLocaleString('en-US')} of ${scan.total.toLocaleString('en-US')} properties processed`
              : scan.status === 'PENDING'
                ? 'Waiting for a worker to start the scan…'
                : scan.status === 'RUNNING'
                  ? 'Finding the properties in the area…'
                  : 'No properties were processed.'}
            {isScanActive(scan.status) && !gone && <span className="text-slate-500"> · updates every few seconds</span>}
          </p>
        </div>
        {scan.status === 'FAILED' && scan.error && (
          <Alert tone="error" title="The scan failed">
            {scan.error}
          </Alert>
        )}
        {scan.status === 'CANCELED' && (
          <Alert tone="info">
            Canceled{scan.canceledAt ? ` ${formatDateTime(scan.canceledAt)}` : ''}. Properties already finished are kept.
          </Alert>
        )}
        {pollError && (
          <Alert tone="warning" title={gone ? 'This scan is no longer available' : 'Live updates paused'}>
            {gone ? 'It may have been removed.' : `${pollError.message}. Retrying shortly.`}
          </Alert>
        )}
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
          <Count label="Done" value={scan.done} />
          <Count label="Needs review" value={scan.needsReview} tone={scan.needsReview ? 'warning' : undefined} />
          <Count label="Failed" value={scan.failed} tone={scan.failed ? 'error' : undefined} />
          <Count label="Leads created" value={scan.leadsCreated} />
          <Count label="Leads re-scored" value={scan.leadsRescored} />
          <Count label="Hot leads" value={scan.hotLeads} />
        </dl>
        <div className="flex flex-wrap gap-2">
          <Link href={leadsHref} className={buttonVariants()}>
            See the leads from this scan
          </Link>
          {scan.needsReview > 0 && (
            <Link href={`/${orgSlug}/scans/review`} className={buttonVariants({ variant: 'secondary' })}>
              Review queue ({scan.needsReview})
            </Link>
          )}
          {canRun && isScanActive(scan.status) && (
            <CancelScan orgSlug={orgSlug} scanId={scan.id} cancelScan={cancelScan} onDone={refresh} />
          )}
          {canRun && (scan.status === 'COMPLETED' || scan.status === 'FAILED') && scan.failed > 0 && (
            <RetryFailed orgSlug={orgSlug} scanId={scan.id} failed={scan.failed} retryFailed={retryFailed} onDone={refresh} />
          )}
        </div>
      </Card>

      <div className="grid items-start gap-6 lg:grid-cols-3">
        <Card className="p-4 sm:p-6">
          <h2 className="font-semibold">By stage</h2>
          <StageCounts stages={scan.stages} />
        </Card>
        <Card className="p-4 sm:p-6 lg:col-span-2">
          <h2 className="font-semibold">Estimate</h2>
          {scan.estimate ? (
            <dl className="mt-2 grid grid-cols-2 gap-x-4 gap-y-2 text-sm sm:grid-cols-4">
              <Fact label="Properties expected" value={scan.estimate.properties.toLocaleString('en-US')} />
              <Fact label="Property cap" value={scan.propertyCap.toLocaleString('en-US')} />
              <Fact label="Time expected" value={`about ${scan.estimate.minutes} min`} />
              <Fact label="Estimated cost" value={formatCents(scan.estimate.totalCents)} />
            </dl>
          ) : (
            <p className="mt-2 text-sm text-slate-500">No estimate was stored for this scan.</p>
          )}
        </Card>
      </div>

      <PropertiesTable orgSlug={orgSlug} scan={scan} />
    </div>
  )
}

function Count({ label, value, tone }: { label: string; value: number; tone?: 'warning' | 'error' }) {
  return (
    <div
      className={
        tone === 'error'
          ? 'rounded-lg border border-red-200 bg-red-50 p-3'
          : tone === 'warning'
            ? 'rounded-lg border border-amber-200 bg-amber-50 p-3'
            : 'rounded-lg border border-slate-200 bg-white p-3'
      }
    >
      <dt className="text-xs font-medium text-slate-600">{label}</dt>
      <dd className="mt-0.5 text-xl font-semibold tabular-nums" data-testid={`scan-count-${label.toLowerCase().replace(/\s+/g, '-')}`}>
        {value.toLocaleString('en-US')}
      </dd>
    </div>
  )
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="font-medium tabular-nums">{value}</dd>
    </div>
  )
}

function StageCounts({ stages }: { stages: ScanDetail['stages'] }) {
  if (!stages.length) return <p className="mt-2 text-sm text-slate-500">No properties yet.</p>
  return (
    <ul className="mt-2 space-y-2 text-sm">
      {STAGES.map((stage) => {
        const rows = stages.filter((s) => s.stage === stage && s.count > 0)
        const total = rows.reduce((n, r) => n + r.count, 0)
        return (
          <li key={stage} className="flex items-baseline justify-between gap-3 border-b border-slate-100 pb-2 last:border-0">
            <span>
              <span className="font-medium">{STAGE_LABELS[stage]}</span>
              {rows.length > 0 && (
                <span className="block text-xs text-slate-500">
                  {rows.map((r) => `${r.count} ${PROPERTY_STATUS_LABELS[r.status]?.toLowerCase() ?? r.status}`).join(', ')}
                </span>
              )}
            </span>
            <span className="tabular-nums font-semibold" aria-label={`${total} properties at stage ${STAGE_LABELS[stage]}`}>
              {total}
            </span>
          </li>
        )
      })}
    </ul>
  )
}

function CancelScan({
  orgSlug,
  scanId,
  cancelScan,
  onDone,
}: ScanRef & { cancelScan: ActionFn<ScanRef, { id: string; status: string }>; onDone: () => Promise<boolean> }) {
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ActionError | null>(null)
  const box = useRef<HTMLDivElement>(null)
  useEffect(() => {
    // the confirmation takes the focus (the button that opened it is gone)
    if (confirming) box.current?.querySelector('button')?.focus()
  }, [confirming])

  if (!confirming) {
    return (
      <Button variant="ghost" className="text-red-700 hover:bg-red-50" onClick={() => setConfirming(true)}>
        Cancel scan
      </Button>
    )
  }
  return (
    <div
      ref={box}
      role="group"
      aria-labelledby="cancel-scan-q"
      className="w-full space-y-2 rounded-md border border-red-200 bg-red-50 p-3 text-sm"
    >
      <p id="cancel-scan-q" className="font-medium text-red-900">
        Cancel this scan? Properties not finished yet are stopped; finished ones and their leads are kept.
      </p>
      <div className="flex flex-wrap gap-2">
        <Button
          variant="danger"
          size="sm"
          loading={busy}
          onClick={async () => {
            setBusy(true)
            setError(null)
            const r = await cancelScan({ orgSlug, scanId })
            setBusy(false)
            // already finished (CONFLICT): the refresh shows its real state
            if (!r.ok && r.error.code !== 'CONFLICT') return setError(r.error)
            setConfirming(false)
            await onDone()
          }}
        >
          Yes, cancel the scan
        </Button>
        <Button variant="secondary" size="sm" disabled={busy} onClick={() => setConfirming(false)}>
          Keep it running
        </Button>
      </div>
      {error && <ErrorNotice error={error} />}
    </div>
  )
}

function PropertiesTable({ orgSlug, scan }: { orgSlug: string; scan: ScanDetail }) {
  const shown = scan.properties.length
  return (
    <section aria-labelledby="scan-properties-title" className="space-y-2">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="scan-properties-title" className="text-lg font-semibold">
          Properties
        </h2>
        {scan.total > shown && (
          <p className="text-xs text-slate-500">
            Showing the first {shown.toLocaleString('en-US')} of {scan.total.toLocaleString('en-US')} properties.
          </p>
        )}
      </div>
      {shown === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-500">
          {isScanActive(scan.status) ? 'Properties appear here as soon as they are found.' : 'This scan found no properties.'}
        </p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-sm" aria-label="Properties of this scan">
            <thead className="bg-slate-50 text-left text-xs font-medium text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2">
                  Address
                </th>
                <th scope="col" className="hidden px-3 py-2 sm:table-cell">
                  Stage
                </th>
                <th scope="col" className="px-3 py-2">
                  Status
                </th>
                <th scope="col" className="px-3 py-2">
                  Score
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {scan.properties.map((p) => {
                const problem = (p.status === 'FAILED' || p.status === 'NEEDS_REVIEW') && p.lastError
                return (
                  <tr key={p.id} className="align-top">
                    <td className="px-3 py-2">
                      <span className="font-medium text-slate-900">{p.addressLine1}</span>
                      <span className="block text-xs text-slate-500">
                        {p.city}, {p.state} {p.zip}
                        <span className="sm:hidden"> · {STAGE_LABELS[p.stage] ?? p.stage}</span>
                      </span>
                      {problem && (
                        <span className={p.status === 'FAILED' ? 'mt-1 block text-xs text-red-700' : 'mt-1 block text-xs text-amber-800'}>
                          {p.status === 'FAILED' ? 'Failed: ' : 'Needs review: '}
                          {problemText(p.lastError).text}
                          {problemText(p.lastError).billing && (
                            <>
                              {' '}
                              <Link href={`/${orgSlug}/settings/billing`} className="font-medium underline">
                                Billing
                              </Link>
                            </>
                          )}
                        </span>
                      )}
                    </td>
                    <td className="hidden px-3 py-2 text-slate-700 sm:table-cell">{STAGE_LABELS[p.stage] ?? p.stage}</td>
                    <td className="px-3 py-2">
                      <PropertyStatusBadge status={p.status} />
                    </td>
                    <td className="px-3 py-2">
                      {p.leadId && p.status === 'DONE' ? (
                        <Link
                          href={`/${orgSlug}/leads/${p.leadId}`}
                          className="inline-flex rounded-full hover:opacity-80"
                          aria-label={`Open the lead at ${p.addressLine1}${p.lead?.score != null ? `, score ${p.lead.score}` : ''}`}
                        >
                          <ScoreBadge score={p.lead?.score ?? null} band={p.lead?.band ?? null} />
                        </Link>
                      ) : (
                        <span className="text-slate-400">—</span>
                      )}
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}

/** "Needs review: low confidence" → "low confidence" (the row adds its own prefix). */
const withoutStatusPrefix = (reason: string | null) => (reason ?? '').replace(/^\s*(needs review|failed)\s*:\s*/i, '')
/** A stored property error ("QUOTA_EXCEEDED: message (SPEND_CAP)") as a person reads it, and whether billing can fix it. */
function problemText(stored: string | null): { text: string; billing: boolean } {
  const m = /^(?:[A-Z_]+: )?([\s\S]*?)(?: \(([A-Za-z_]+)\))?$/.exec(withoutStatusPrefix(stored))
  const reason = m?.[2] ?? ''
  return { text: m?.[1] ?? '', billing: ['SPEND_CAP', 'TRIAL_LIMIT', 'BILLING_READ_ONLY', 'DISPUTE_FROZEN'].includes(reason) }
}

/** Failed properties (an outage, an unusable image) go back into the pipeline; the page polls again. */
function RetryFailed({
  orgSlug,
  scanId,
  failed,
  retryFailed,
  onDone,
}: ScanRef & { failed: number; retryFailed: ActionFn<ScanRef, { requeued: number }>; onDone: () => Promise<boolean> }) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ActionError | null>(null)
  return (
    <>
      <Button
        variant="secondary"
        loading={busy}
        onClick={async () => {
          setBusy(true)
          setError(null)
          const r = await retryFailed({ orgSlug, scanId })
          setBusy(false)
          if (!r.ok) return setError(r.error)
          await onDone()
        }}
      >
        Re-run {failed} failed propert{failed === 1 ? 'y' : 'ies'}
      </Button>
      {error && <ErrorNotice error={error} />}
    </>
  )
}

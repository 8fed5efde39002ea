// Display helpers shared by the scan pages: status and stage labels, the status badge, the progress bar.
// Colour is never the only signal: every badge and bar carries its text.
import { Badge } from '@/components/ui/feedback'
import { cn } from '@/components/ui/cn'

export const SCAN_STATUSES = ['PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELED'] as const
export type ScanStatus = (typeof SCAN_STATUSES)[number]

export const SCAN_STATUS_LABELS: Record<string, string> = {
  PENDING: 'Queued',
  RUNNING: 'Running',
  COMPLETED: 'Completed',
  FAILED: 'Failed',
  CANCELED: 'Canceled',
}
const SCAN_STATUS_CLASS: Record<string, string> = {
  PENDING: 'bg-slate-100 text-slate-800',
  RUNNING: 'bg-sky-100 text-sky-800',
  COMPLETED: 'bg-emerald-100 text-emerald-800',
  FAILED: 'bg-red-100 text-red-800',
  CANCELED: 'bg-zinc-200 text-zinc-700',
}

export const isScanActive = (status: string) => status === 'PENDING' || status === 'RUNNING'

export function ScanStatusBadge({ status }: { status: string }) {
  return <Badge className={SCAN_STATUS_CLASS[status]}>{SCAN_STATUS_LABELS[status] ?? status}</Badge>
}

export function SandboxBadge() {
  return (
    <Badge className="bg-amber-100 text-amber-900 ring-1 ring-amber-300">
      Sandbox<span className="sr-only"> (sample data, never billed)</span>
    </Badge>
  )
}

/** Pipeline stages in order (prisma ScanStage): the stage a property has REACHED. */
export const STAGES = ['DISCOVERED', 'IMAGED', 'ASSESSED', 'SCORED'] as const
export const STAGE_LABELS: Record<string, string> = {
  DISCOVERED: 'Found',
  IMAGED: 'Imaged',
  ASSESSED: 'Analysed',
  SCORED: 'Scored',
}

export const PROPERTY_STATUS_LABELS: Record<string, string> = {
  PENDING: 'Waiting',
  RUNNING: 'Working',
  DONE: 'Done',
  FAILED: 'Failed',
  NEEDS_REVIEW: 'Needs review',
  CANCELED: 'Canceled',
}
const PROPERTY_STATUS_CLASS: Record<string, string> = {
  PENDING: 'bg-slate-100 text-slate-700',
  RUNNING: 'bg-sky-100 text-sky-800',
  DONE: 'bg-emerald-100 text-emerald-800',
  FAILED: 'bg-red-100 text-red-800',
  NEEDS_REVIEW: 'bg-amber-100 text-amber-900',
  CANCELED: 'bg-zinc-200 text-zinc-700',
}
export function PropertyStatusBadge({ status }: { status: string }) {
  return <Badge className={PROPERTY_STATUS_CLASS[status]}>{PROPERTY_STATUS_LABELS[status] ?? status}</Badge>
}

export const AREA_KIND_LABELS: Record<string, string> = { ZIP: 'ZIP', CITY: 'City', RADIUS: 'Radius', CSV: 'CSV' }

/** A labelled progress bar: the percentage is in the text, not only in the bar's width. */
export function ScanProgressBar({
  percent,
  label,
  status,
  size = 'md',
}: {
  percent: number
  label: string
  status: string
  size?: 'sm' | 'md'
}) {
  const p = Math.max(0, Math.min(100, Math.round(percent)))
  const bar =
    status === 'FAILED' ? 'bg-red-500' : status === 'CANCELED' ? 'bg-zinc-400' : status === 'COMPLETED' ? 'bg-emerald-500' : 'bg-brand-600'
  return (
    <div className="flex items-center gap-2">
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={p}
        aria-valuetext={`${p} %`}
        className={cn('w-full overflow-hidden rounded-full bg-slate-200', size === 'sm' ? 'h-1.5' : 'h-3')}
      >
        <div className={cn('h-full rounded-full transition-[width] duration-500', bar)} style={{ width: `${p}%` }} />
      </div>
      <span
        className={cn(
          'shrink-0 tabular-nums text-slate-700',
          size === 'sm' ? 'w-10 text-right text-xs' : 'w-12 text-right text-sm font-medium',
        )}
      >
        {p} %
      </span>
    </div>
  )
}

export const formatCents = (cents: number) =>
  (cents / 100).toLocaleString('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2 })

export function formatDuration(from: Date | string | null, to: Date | string | null): string | null {
  if (!from) return null
  const ms = (to ? new Date(to) : new Date()).getTime() - new Date(from).getTime()
  if (!Number.isFinite(ms) || ms < 0) return null
  const s = Math.round(ms / 1000)
  if (s < 60) return `${s} s`
  const m = Math.floor(s / 60)
  if (m < 60) return `${m} min ${s % 60} s`
  return `${Math.floor(m / 60)} h ${m % 60} min`
}

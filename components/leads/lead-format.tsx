// Display helpers shared by the lead pages: labels, the band-coloured score badge, money/date formatting.
import { Badge } from '@/components/ui/feedback'
import { cn } from '@/components/ui/cn'

export const STATUS_LABELS: Record<string, string> = {
  NEW: 'New',
  CONTACTED: 'Contacted',
  QUALIFIED: 'Qualified',
  APPOINTMENT_SCHEDULED: 'Appointment scheduled',
  PROPOSAL_SENT: 'Proposal sent',
  WON: 'Won',
  LOST: 'Lost',
}
export const SOURCE_LABELS: Record<string, string> = { SCAN: 'Scan', IMPORT: 'Import', API: 'API', MANUAL: 'Manual' }
export const BAND_LABELS: Record<string, string> = { HOT: 'Hot', WARM: 'Warm', COLD: 'Cold' }
export const ROOF_LABELS: Record<string, string> = {
  ASPHALT_SHINGLE: 'Asphalt shingle',
  METAL: 'Metal',
  TILE: 'Tile',
  SLATE: 'Slate',
  WOOD_SHAKE: 'Wood shake',
  FLAT_MEMBRANE: 'Flat membrane',
  OTHER: 'Other',
  UNKNOWN: 'Unknown',
}

/** Band colours: also used by the map markers (hex), so list and map agree. */
export const BAND_HEX: Record<string, string> = { HOT: '#dc2626', WARM: '#d97706', COLD: '#2563eb', NONE: '#64748b' }
const BAND_CLASS: Record<string, string> = {
  HOT: 'bg-red-100 text-red-800 ring-red-600/20',
  WARM: 'bg-amber-100 text-amber-900 ring-amber-600/20',
  COLD: 'bg-blue-100 text-blue-800 ring-blue-600/20',
}

export function ScoreBadge({ score, band, showBand = false }: { score: number | null; band: string | null; showBand?: boolean }) {
  if (score === null || !band) return <Badge className="ring-1 ring-slate-300">Not scored</Badge>
  return (
    <span
      className={cn('inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-semibold ring-1 tabular-nums', BAND_CLASS[band])}
    >
      <span aria-hidden className="h-2 w-2 rounded-full" style={{ background: BAND_HEX[band] }} />
      {score}
      <span className={showBand ? '' : 'sr-only'}>{showBand ? ` · ${BAND_LABELS[band]}` : ` (${BAND_LABELS[band]})`}</span>
    </span>
  )
}

const STATUS_CLASS: Record<string, string> = {
  NEW: 'bg-slate-100 text-slate-800',
  CONTACTED: 'bg-sky-100 text-sky-800',
  QUALIFIED: 'bg-indigo-100 text-indigo-800',
  APPOINTMENT_SCHEDULED: 'bg-violet-100 text-violet-800',
  PROPOSAL_SENT: 'bg-fuchsia-100 text-fuchsia-800',
  WON: 'bg-emerald-100 text-emerald-800',
  LOST: 'bg-zinc-200 text-zinc-700',
}
export function StatusBadge({ status }: { status: string }) {
  return <Badge className={STATUS_CLASS[status]}>{STATUS_LABELS[status] ?? status}</Badge>
}

export const formatMoney = (cents: number | null | undefined) =>
  cents == null ? '—' : (cents / 100).toLocaleString('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 })
export const formatDate = (d: Date | string | null | undefined) =>
  d == null ? '—' : new Date(d).toLocaleDateString('en-US', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' })
export const formatDateTime = (d: Date | string | null | undefined) =>
  d == null
    ? '—'
    : new Date(d).toLocaleString('en-US', {
        year: 'numeric',
        month: 'short',
        day: 'numeric',
        hour: 'numeric',
        minute: '2-digit',
        timeZone: 'UTC',
        timeZoneName: 'short',
      })
export const formatNumber = (n: number | null | undefined, unit = '') => (n == null ? '—' : `${n.toLocaleString('en-US')}${unit}`)

/** Bulk results: "18 updated, 2 failed: 2 not found". */
export function summarizeBulk(r: { succeeded: string[]; failed: Array<{ id: string; reason: string }> }, verb = 'updated'): string {
  const reasons = new Map<string, number>()
  for (const f of r.failed) reasons.set(f.reason, (reasons.get(f.reason) ?? 0) + 1)
  const why = [...reasons].map(([reason, n]) => `${n} ${REASON_TEXT[reason] ?? reason.toLowerCase().replace(/_/g, ' ')}`).join(', ')
  return `${r.succeeded.length} ${verb}${r.failed.length ? `, ${r.failed.length} failed: ${why}` : ''}`
}
const REASON_TEXT: Record<string, string> = {
  NOT_FOUND: 'not found or not yours',
  TOO_MANY_TAGS: 'would exceed 10 tags',
  EXPIRED: 'past the 30-day window',
  ADDRESS_TAKEN: 'address now used by another lead',
}

/** Whole days from now until `iso` (0 when past). Kept out of components: render must stay pure. */
export const daysUntil = (iso: string) => Math.max(0, Math.ceil((Date.parse(iso) - Date.now()) / 86_400_000))
export const isPast = (iso: string) => Date.parse(iso) < Date.now()

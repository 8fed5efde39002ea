// The spend cap bar: committed, reserved (in flight) and what is left of this period's cap. Props in, nothing out.
import { formatCents } from '@/lib/billing/plans'
import { cn } from '@/components/ui/cn'

export function SpendCapBar({
  capCents,
  usedCents,
  reservedCents,
  percent,
}: {
  capCents: number
  usedCents: number
  reservedCents: number
  percent: number
}) {
  const committed = usedCents - reservedCents
  const pct = (c: number) => (capCents > 0 ? Math.min(100, (c * 100) / capCents) : c > 0 ? 100 : 0)
  const tone = percent >= 100 ? 'bg-red-600' : percent >= 80 ? 'bg-amber-500' : 'bg-brand-600'
  const label = `${formatCents({ cents: usedCents, alwaysCents: true })} of ${formatCents({ cents: capCents })} cap used (${percent}%)`
  return (
    <div>
      <div
        role="meter"
        aria-label="Spend cap used"
        aria-valuemin={0}
        aria-valuemax={Math.max(capCents, 1)}
        aria-valuenow={Math.min(usedCents, Math.max(capCents, 1))}
        aria-valuetext={label}
        className="flex h-3 w-full overflow-hidden rounded-full bg-slate-200"
      >
        <div className={cn('h-full', tone)} style={{ width: `${pct(committed)}%` }} />
        <div className={cn('h-full opacity-50', tone)} style={{ width: `${Math.max(0, pct(usedCents) - pct(committed))}%` }} />
      </div>
      <dl className="mt-2 grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-4">
        <div>
          <dt className="text-xs text-slate-500">Charged</dt>
          <dd className="font-medium">{formatCents({ cents: committed, alwaysCents: true })}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">In progress</dt>
          <dd className="font-medium">{formatCents({ cents: reservedCents, alwaysCents: true })}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Left</dt>
          <dd className="font-medium">{formatCents({ cents: Math.max(0, capCents - usedCents), alwaysCents: true })}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Cap</dt>
          <dd className="font-medium">{formatCents({ cents: capCents })}</dd>
        </div>
      </dl>
    </div>
  )
}

// Score and its reasons. The breakdown is whatever the scorer stored ({factor: points} or a list of
// {label, points}); an unscored lead says so plainly instead of showing a made-up number.
import { BAND_LABELS } from './lead-format'

type Reason = { label: string; points: number | null; detail?: string }

function reasonsOf(b: unknown): Reason[] {
  if (!b || typeof b !== 'object') return []
  const arr = Array.isArray(b) ? b : Array.isArray((b as { reasons?: unknown }).reasons) ? (b as { reasons: unknown[] }).reasons : null
  if (arr) {
    return arr.map((r) => {
      const o = (r ?? {}) as Record<string, unknown>
      return {
        label: String(o.label ?? o.reason ?? o.factor ?? o.name ?? JSON.stringify(r)),
        points: typeof o.points === 'number' ? o.points : typeof o.weight === 'number' ? o.weight : null,
        detail: typeof o.detail === 'string' ? o.detail : undefined,
      }
    })
  }
  return Object.entries(b as Record<string, unknown>)
    .filter(([, v]) => typeof v === 'number' || typeof v === 'string')
    .map(([k, v]) => ({
      label: k.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/_/g, ' '),
      points: typeof v === 'number' ? v : null,
      detail: typeof v === 'string' ? v : undefined,
    }))
}

export function ScoreBreakdown({
  score,
  band,
  version,
  breakdown,
}: {
  score: number | null
  band: string | null
  version: string | null
  breakdown: unknown
}) {
  if (score === null) {
    return (
      <p className="text-sm text-slate-600">
        <span className="font-medium text-slate-900">Not scored yet.</span> A score (0–100) and its reasons appear once a scan analyses this
        roof.
      </p>
    )
  }
  const reasons = reasonsOf(breakdown)
  return (
    <div className="space-y-3">
      <div className="flex items-baseline gap-2">
        <span className="text-3xl font-semibold tabular-nums">{score}</span>
        <span className="text-slate-600">/ 100 · {band ? BAND_LABELS[band] : ''}</span>
        {version && (
          <span className="ml-auto text-xs text-slate-500">
            source: {version === 'manual' ? 'set by hand' : version === 'import' ? 'imported' : `model ${version}`}
          </span>
        )}
      </div>
      <div className="h-2 w-full overflow-hidden rounded-full bg-slate-100" aria-hidden>
        <div className="h-full bg-brand-600" style={{ width: `${score}%` }} />
      </div>
      {reasons.length ? (
        <ul className="divide-y divide-slate-100 text-sm" aria-label="Score reasons">
          {reasons.map((r, i) => (
            <li key={i} className="flex justify-between gap-3 py-1.5">
              <span className="capitalize text-slate-800">
                {r.label}
                {r.detail && <span className="normal-case text-slate-500"> — {r.detail}</span>}
              </span>
              {r.points !== null && (
                <span className="tabular-nums text-slate-600">
                  {r.points > 0 ? '+' : ''}
                  {r.points}
                </span>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-500">
          No breakdown was recorded for this score{version === 'import' ? ' (it came from an imported file)' : ''}.
        </p>
      )}
    </div>
  )
}

// Score and its reasons. A score v1 breakdown (lib/scoring) shows each component with its points, weight and
// plain-language reason, the confidence, what was missing, the version and whether the roof assessment was a
// sandbox one. Older rows still render: the pre-v1 `{factor: points}` objects as a plain list, and a score with
// no breakdown (imports, set by hand) says so. An unscored lead says so instead of showing a made-up number.
import { readScoreBreakdown, type LegacyReason, type ScoreBreakdown as Breakdown } from '@/lib/scoring/breakdown'
import { MISSING_INPUT_LABELS } from '@/lib/scoring/constants'
import { BAND_LABELS } from './lead-format'

const sourceLabel = (version: string) => (version === 'manual' ? 'set by hand' : version === 'import' ? 'imported' : `score ${version}`)
const confidenceWord = (c: number) => (c >= 0.8 ? 'high' : c >= 0.6 ? 'medium' : 'low')
const missingLabel = (key: string) => (MISSING_INPUT_LABELS as Record<string, string>)[key] ?? key.replace(/_/g, ' ')
const fmtPoints = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1))

function ScoreBar({ score }: { score: number }) {
  return (
    <div className="h-2 w-full overflow-hidden rounded-full bg-slate-100" aria-hidden>
      <div className="h-full bg-brand-600" style={{ width: `${Math.max(0, Math.min(100, score))}%` }} />
    </div>
  )
}

function SandboxBadge() {
  return (
    <span className="inline-flex items-center rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-900 ring-1 ring-amber-600/30">
      Sandbox analysis<span className="sr-only">: the roof assessment is simulated, no AI looked at a real image</span>
    </span>
  )
}

function Components({ breakdown }: { breakdown: Breakdown }) {
  return (
    <ul className="divide-y divide-slate-100 text-sm" aria-label="Score components">
      {breakdown.components.map((c) => {
        const missing = c.value === null
        return (
          <li key={c.key} className="space-y-1 py-2">
            <div className="flex flex-wrap items-baseline justify-between gap-x-3">
              <span className="font-medium text-slate-900">
                {c.label} <span className="font-normal text-slate-500">· weight {Math.round(c.weight * 100)} %</span>
              </span>
              <span className="tabular-nums text-slate-700">
                {missing ? 'not available' : `${fmtPoints(c.points)} of ${fmtPoints(c.maxPoints)} pts`}
              </span>
            </div>
            {!missing && (
              <div className="h-1.5 w-full overflow-hidden rounded-full bg-slate-100" aria-hidden>
                <div className="h-full bg-brand-500" style={{ width: `${Math.round((c.value ?? 0) * 100)}%` }} />
              </div>
            )}
            <p className={`break-words ${missing ? 'text-slate-500 italic' : 'text-slate-600'}`}>{c.reason}</p>
          </li>
        )
      })}
    </ul>
  )
}

function ScoredDetails({ breakdown, score }: { breakdown: Breakdown; score: number | null }) {
  return (
    <>
      <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-600">
        <span>
          Confidence{' '}
          <span className="font-medium text-slate-900">
            {Math.round(breakdown.confidence * 100)} % ({confidenceWord(breakdown.confidence)})
          </span>
        </span>
        {breakdown.sandbox && <SandboxBadge />}
      </p>
      {score !== null && breakdown.score !== null && breakdown.score !== score && (
        <p className="text-sm text-slate-500">These reasons are from an earlier score ({breakdown.score}); the score was changed since.</p>
      )}
      <Components breakdown={breakdown} />
      {breakdown.missing.length > 0 && (
        <div className="rounded-md bg-slate-50 p-3 text-sm text-slate-700" role="note" aria-label="Missing inputs">
          <p>
            <span className="font-medium text-slate-900">Missing inputs:</span> {breakdown.missing.map(missingLabel).join(', ')}.
          </p>
          <p className="mt-1 text-slate-500">
            Missing parts are left out, never guessed; the others count for more and the confidence is lower.
          </p>
        </div>
      )}
      {breakdown.notes.length > 0 && (
        <ul className="list-disc space-y-0.5 pl-5 text-sm text-slate-600">
          {breakdown.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
    </>
  )
}

function LegacyList({ reasons }: { reasons: LegacyReason[] }) {
  return (
    <>
      <ul className="divide-y divide-slate-100 text-sm" aria-label="Score reasons">
        {reasons.map((r, i) => (
          <li key={i} className="flex justify-between gap-3 py-1.5">
            <span className="min-w-0 break-words capitalize text-slate-800">
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
      <p className="text-xs text-slate-500">Recorded before score v1: points per factor only, without reasons.</p>
    </>
  )
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
  const read = readScoreBreakdown(breakdown)
  if (score === null) {
    return (
      <div className="space-y-3">
        <p className="text-sm text-slate-600">
          <span className="font-medium text-slate-900">Not scored yet.</span> A score (0–100) and its reasons appear once a scan analyses
          this roof.
        </p>
        {read.kind === 'scored' && <ScoredDetails breakdown={read.breakdown} score={null} />}
      </div>
    )
  }
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
        <span className="text-3xl font-semibold tabular-nums">{score}</span>
        <span className="text-slate-600">/ 100{band && BAND_LABELS[band] ? ` · ${BAND_LABELS[band]}` : ''}</span>
        {version && <span className="ml-auto text-xs text-slate-500">source: {sourceLabel(version)}</span>}
      </div>
      <ScoreBar score={score} />
      {read.kind === 'scored' ? (
        <ScoredDetails breakdown={read.breakdown} score={score} />
      ) : read.kind === 'legacy' ? (
        <LegacyList reasons={read.reasons} />
      ) : (
        <p className="text-sm text-slate-500">
          No breakdown was recorded for this score{version === 'import' ? ' (it came from an imported file)' : ''}.
        </p>
      )}
    </div>
  )
}

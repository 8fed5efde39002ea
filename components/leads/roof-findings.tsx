// What the AI found on a roof, in words: condition (score and band), material and shape, confidence, each
// indicator with its severity (as text, the colour only repeats it) and evidence, and the model's short reasoning.
// Rendered on the lead page (roof-panel.tsx) and in the review queue. A server component (roof-view.ts reads the
// vocabulary from lib/vision): client components receive it rendered, as a prop.
import type { RoofAssessment, Severity } from '@/lib/vision/roof-assessment'
import { cn } from '@/components/ui/cn'
import {
  CONDITION_BAND_LABELS,
  SEVERITY_LABELS,
  SHAPE_LABELS,
  formatConfidence,
  indicatorLabel,
  materialLabel,
  sortIndicators,
  unableLabel,
} from './roof-view'

const SEVERITY_CLASS: Record<Severity, string> = {
  high: 'bg-red-50 text-red-800 ring-red-600/30',
  med: 'bg-amber-50 text-amber-900 ring-amber-600/30',
  low: 'bg-slate-100 text-slate-700 ring-slate-400/40',
}

export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <span className={cn('inline-flex shrink-0 items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1', SEVERITY_CLASS[severity])}>
      {SEVERITY_LABELS[severity]}
      <span className="sr-only"> severity</span>
    </span>
  )
}

function ConditionMeter({ score }: { score: number }) {
  // 100 = like new: the bar is the roof's remaining condition, so a short red bar reads as "worn out"
  const tone = score >= 70 ? 'bg-emerald-500' : score >= 50 ? 'bg-amber-500' : 'bg-red-500'
  return (
    <div className="mt-1 h-1.5 w-full overflow-hidden rounded-full bg-slate-100" aria-hidden>
      <div className={cn('h-full', tone)} style={{ width: `${Math.max(2, Math.min(100, score))}%` }} />
    </div>
  )
}

export function RoofFindings({
  assessment,
  headingLevel = 3,
  idPrefix,
}: {
  assessment: RoofAssessment
  headingLevel?: 3 | 4
  /** unique per page, for the list's accessible name */
  idPrefix: string
}) {
  const H = headingLevel === 3 ? 'h3' : 'h4'
  const a = assessment
  const indicators = sortIndicators(a.indicators)
  return (
    <div className="space-y-4 text-sm">
      {a.roofVisible ? (
        <div>
          <p className="text-slate-500">Roof condition</p>
          <p className="text-slate-900">
            <span className="text-2xl font-semibold tabular-nums">{a.conditionScore ?? '—'}</span>
            <span className="text-slate-600"> / 100</span>
            {a.conditionBand && <span className="ml-2 font-medium">{CONDITION_BAND_LABELS[a.conditionBand]}</span>}
          </p>
          {a.conditionScore !== null && <ConditionMeter score={a.conditionScore} />}
          <p className="mt-1 text-xs text-slate-500">100 = like new, 0 = failed.</p>
        </div>
      ) : (
        <div className="rounded-md bg-slate-50 p-3" role="note">
          <p className="font-medium text-slate-900">The roof could not be assessed from this image</p>
          <p className="text-slate-600">{unableLabel(a.unableToAssessReason)}.</p>
        </div>
      )}

      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
        <dt className="text-slate-500">Material</dt>
        <dd className="text-slate-900">{materialLabel(a.material)}</dd>
        <dt className="text-slate-500">Shape</dt>
        <dd className="text-slate-900">{SHAPE_LABELS[a.shape] ?? a.shape}</dd>
        <dt className="text-slate-500">Confidence</dt>
        <dd className="text-slate-900">{formatConfidence(a.confidence)}</dd>
      </dl>

      {a.roofVisible && (
        <div>
          <H id={`${idPrefix}-findings`} className="mb-1 font-medium text-slate-900">
            Visible damage
          </H>
          {indicators.length === 0 ? (
            <p className="text-slate-600">None visible in this image.</p>
          ) : (
            <ul aria-labelledby={`${idPrefix}-findings`} className="divide-y divide-slate-100">
              {indicators.map((i, n) => (
                <li key={`${i.type}-${n}`} className="py-2">
                  <div className="flex flex-wrap items-center justify-between gap-2">
                    <span className="font-medium text-slate-900">{indicatorLabel(i.type)}</span>
                    <SeverityBadge severity={i.severity} />
                  </div>
                  <p className="mt-0.5 break-words text-slate-600">{i.evidence}</p>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}

      {a.reasoning && (
        <div>
          <H className="mb-1 font-medium text-slate-900">Reasoning</H>
          <p className="break-words text-slate-600">{a.reasoning}</p>
        </div>
      )}
    </div>
  )
}

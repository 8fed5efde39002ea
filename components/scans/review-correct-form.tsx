'use client'
// "Correct": the manager's own answer for a roof the AI could not settle — condition 0–100, material, shape and the
// damage they see (each with a severity and where it is). Prefilled with the AI's answer when there is one.
// The server parses it again (roofCorrectionSchema); the checks here only save a round trip.
import { useId, useState } from 'react'
import type { IndicatorType, RoofMaterial, RoofShape, Severity } from '@/lib/vision/roof-assessment'
import { Button } from '@/components/ui/button'
import { Field, Input, Label, Select } from '@/components/ui/field'

export interface Option<T extends string> {
  value: T
  label: string
}
export interface CorrectionOptions {
  materials: Option<RoofMaterial>[]
  shapes: Option<RoofShape>[]
  indicators: Option<IndicatorType>[]
  severities: Option<Severity>[]
}
export interface IndicatorDraft {
  type: IndicatorType
  severity: Severity
  evidence: string
}
export interface Correction {
  conditionScore: number
  material: RoofMaterial
  shape: RoofShape
  indicators: IndicatorDraft[]
}
export interface CorrectionDefaults {
  conditionScore: number | null
  material: RoofMaterial
  shape: RoofShape
  indicators: IndicatorDraft[]
}

const EVIDENCE_MAX = 300

export function ReviewCorrectForm({
  options,
  defaults,
  pending,
  onSubmit,
  onCancel,
}: {
  options: CorrectionOptions
  defaults: CorrectionDefaults
  pending: boolean
  onSubmit: (c: Correction) => void
  onCancel: () => void
}) {
  const id = useId()
  const [score, setScore] = useState(defaults.conditionScore === null ? '' : String(defaults.conditionScore))
  const [material, setMaterial] = useState<RoofMaterial>(defaults.material)
  const [shape, setShape] = useState<RoofShape>(defaults.shape)
  const [indicators, setIndicators] = useState<IndicatorDraft[]>(defaults.indicators)
  const [errors, setErrors] = useState<{ score?: string; evidence: Record<number, string> }>({ evidence: {} })

  const setIndicator = (i: number, patch: Partial<IndicatorDraft>) =>
    setIndicators((list) => list.map((x, n) => (n === i ? { ...x, ...patch } : x)))
  const unusedType = () =>
    options.indicators.find((o) => !indicators.some((i) => i.type === o.value))?.value ?? options.indicators[0]!.value

  const submit = (e: React.FormEvent) => {
    e.preventDefault()
    const n = Number(score)
    const next: typeof errors = { evidence: {} }
    if (score.trim() === '' || !Number.isInteger(n) || n < 0 || n > 100) next.score = 'Enter a whole number from 0 to 100'
    indicators.forEach((i, k) => {
      if (!i.evidence.trim()) next.evidence[k] = 'Say what you see and where'
    })
    setErrors(next)
    if (next.score || Object.keys(next.evidence).length) return
    onSubmit({ conditionScore: n, material, shape, indicators: indicators.map((i) => ({ ...i, evidence: i.evidence.trim() })) })
  }

  return (
    <form
      onSubmit={submit}
      noValidate
      className="space-y-4 rounded-md border border-slate-200 bg-slate-50 p-4"
      aria-label="Correct the assessment"
    >
      <div className="grid gap-4 sm:grid-cols-3">
        <Field id={`${id}-score`} label="Condition (0–100)" hint="100 = like new, 0 = failed" error={errors.score}>
          <Input
            id={`${id}-score`}
            type="number"
            inputMode="numeric"
            min={0}
            max={100}
            step={1}
            required
            value={score}
            onChange={(e) => setScore(e.target.value)}
            aria-invalid={!!errors.score}
            aria-describedby={errors.score ? `${id}-score-error` : `${id}-score-hint`}
          />
        </Field>
        <Field id={`${id}-material`} label="Material">
          <Select id={`${id}-material`} value={material} onChange={(e) => setMaterial(e.target.value as RoofMaterial)}>
            {options.materials.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </Select>
        </Field>
        <Field id={`${id}-shape`} label="Shape">
          <Select id={`${id}-shape`} value={shape} onChange={(e) => setShape(e.target.value as RoofShape)}>
            {options.shapes.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </Select>
        </Field>
      </div>

      <fieldset className="space-y-3">
        <legend className="text-sm font-medium text-slate-800">Visible damage</legend>
        {indicators.length === 0 && <p className="text-sm text-slate-600">None. Add what you see on the roof, if anything.</p>}
        {indicators.map((ind, i) => (
          <div key={i} className="grid gap-2 rounded-md border border-slate-200 bg-white p-3 sm:grid-cols-[1fr_8rem_auto]">
            <div className="space-y-1">
              <Label htmlFor={`${id}-type-${i}`}>Finding {i + 1}</Label>
              <Select id={`${id}-type-${i}`} value={ind.type} onChange={(e) => setIndicator(i, { type: e.target.value as IndicatorType })}>
                {options.indicators.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </Select>
            </div>
            <div className="space-y-1">
              <Label htmlFor={`${id}-sev-${i}`}>Severity</Label>
              <Select
                id={`${id}-sev-${i}`}
                value={ind.severity}
                onChange={(e) => setIndicator(i, { severity: e.target.value as Severity })}
              >
                {options.severities.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </Select>
            </div>
            <div className="flex items-end">
              <Button
                type="button"
                variant="ghost"
                size="sm"
                onClick={() => setIndicators((list) => list.filter((_, n) => n !== i))}
                aria-label={`Remove finding ${i + 1}`}
              >
                Remove
              </Button>
            </div>
            <div className="sm:col-span-3">
              <Field id={`${id}-ev-${i}`} label="Evidence" error={errors.evidence[i]}>
                <Input
                  id={`${id}-ev-${i}`}
                  value={ind.evidence}
                  maxLength={EVIDENCE_MAX}
                  placeholder="e.g. Dark streaks across the north slope"
                  onChange={(e) => setIndicator(i, { evidence: e.target.value })}
                  aria-invalid={!!errors.evidence[i]}
                  aria-describedby={errors.evidence[i] ? `${id}-ev-${i}-error` : undefined}
                />
              </Field>
            </div>
          </div>
        ))}
        {indicators.length < options.indicators.length && (
          <Button
            type="button"
            variant="secondary"
            size="sm"
            onClick={() => setIndicators((list) => [...list, { type: unusedType(), severity: 'med', evidence: '' }])}
          >
            Add a finding
          </Button>
        )}
      </fieldset>

      <div className="flex flex-wrap gap-2">
        <Button type="submit" loading={pending}>
          Save correction
        </Button>
        <Button type="button" variant="ghost" onClick={onCancel} disabled={pending}>
          Cancel
        </Button>
      </div>
    </form>
  )
}

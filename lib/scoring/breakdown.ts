// The stored score breakdown (`leads.score_breakdown`): one zod schema the API and UI read it with, and a reader
// that also understands what was stored before score v1 (the old seed's `{factor: points}` objects, lists of
// `{label, points}`) and nothing at all (imports, manual scores), so no old row ever crashes a page.
// The schema is deliberately general (version and keys are strings) so a later version with the same shape still
// renders; scoreV1 produces the narrower ScoreV1Result, which satisfies it.
import 'server-only'
import { z } from 'zod'

const unit = z.number().min(0).max(1)

export const scoreComponentSchema = z.object({
  key: z.string().min(1),
  label: z.string(),
  /** the nominal weight from SCORE_WEIGHTS (0–1) */
  weight: unit,
  /** 0–1, null = missing input (left out) */
  value: unit.nullable(),
  /** this component's share of the score, after missing components' weights were spread over the others */
  points: z.number().min(0).max(100),
  /** the most this component could have given (0 when missing) */
  maxPoints: z.number().min(0).max(100),
  confidence: unit,
  reason: z.string(),
})

export const scoreBreakdownSchema = z.object({
  version: z.string().min(1),
  score: z.number().int().min(0).max(100).nullable(),
  band: z.enum(['HOT', 'WARM', 'COLD']).nullable(),
  confidence: unit,
  components: z.array(scoreComponentSchema),
  /** MissingInput keys (constants.ts MISSING_INPUT_LABELS) */
  missing: z.array(z.string()),
  notes: z.array(z.string()).default([]),
  scoredAt: z.string().optional(),
  /** true when the roof assessment came from the sandbox vision adapter (no real AI looked at a real image) */
  sandbox: z.boolean().optional(),
})

export type ScoreComponent = z.infer<typeof scoreComponentSchema>
export type ScoreBreakdown = z.infer<typeof scoreBreakdownSchema>

export type LegacyReason = { label: string; points: number | null; detail?: string }

export type ReadBreakdown = { kind: 'scored'; breakdown: ScoreBreakdown } | { kind: 'legacy'; reasons: LegacyReason[] } | { kind: 'none' }

function legacyReasons(b: unknown): LegacyReason[] {
  if (!b || typeof b !== 'object') return []
  const list = Array.isArray(b) ? b : Array.isArray((b as { reasons?: unknown }).reasons) ? (b as { reasons: unknown[] }).reasons : null
  if (list) {
    return list.map((r) => {
      const o = (r && typeof r === 'object' ? r : {}) as Record<string, unknown>
      const label = o.label ?? o.reason ?? o.factor ?? o.name
      return {
        label: typeof label === 'string' ? label : JSON.stringify(r),
        points: typeof o.points === 'number' && Number.isFinite(o.points) ? o.points : typeof o.weight === 'number' ? o.weight : null,
        detail: typeof o.detail === 'string' ? o.detail : undefined,
      }
    })
  }
  return Object.entries(b as Record<string, unknown>)
    .filter(([, v]) => (typeof v === 'number' && Number.isFinite(v)) || typeof v === 'string')
    .map(([k, v]) => ({
      label: k.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/_/g, ' '),
      points: typeof v === 'number' ? v : null,
      detail: typeof v === 'string' ? v : undefined,
    }))
}

/** Read whatever is in `lead.scoreBreakdown`; never throws. */
export function readScoreBreakdown(json: unknown): ReadBreakdown {
  const parsed = scoreBreakdownSchema.safeParse(json)
  if (parsed.success) return { kind: 'scored', breakdown: parsed.data }
  const reasons = legacyReasons(json)
  return reasons.length ? { kind: 'legacy', reasons } : { kind: 'none' }
}

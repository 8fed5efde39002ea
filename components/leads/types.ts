// View shapes the lead pages pass to client components (plain JSON: ISO dates, no server types).
import type { ActionFn } from '@/lib/action-result'

export interface LeadRowView {
  id: string
  address: string
  cityLine: string
  ownerName: string | null
  score: number | null
  band: string | null
  status: string
  source: string
  assigneeName: string | null
  tags: string[]
  yearBuilt: number | null
  roofAgeYears: number | null
  propertyValueCents: number | null
  createdAt: string
  updatedAt: string
}

export interface BulkResultView {
  succeeded: string[]
  failed: Array<{ id: string; reason: string }>
}

/** Explicit ids or "everything matching the filter" (the domain caps that at 10,000). */
export type BulkTargetView = { ids: string[] } | { filter: Record<string, unknown> }

export type BulkFn<Extra = object> = ActionFn<{ orgSlug: string; target: BulkTargetView } & Extra, BulkResultView>

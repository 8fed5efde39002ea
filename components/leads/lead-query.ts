// The lead list's URL <-> filter mapping. The URL is the state (shareable links, back/forward), so the server
// page, the filter bar, saved views, bulk "all matching" and export all read the same parsed query.
import {
  LEAD_BANDS,
  LEAD_SORTS,
  LEAD_SOURCES,
  LEAD_STATUSES,
  listLeadsSchema,
  type LeadFilter,
  type ListLeadsInput,
} from '@/lib/leads/schemas'

export type SearchParams = Record<string, string | string[] | undefined>
export type LeadSort = (typeof LEAD_SORTS)[number]

export interface LeadQuery {
  q?: string
  band: string[]
  status: string[]
  scoreMin?: string
  scoreMax?: string
  tags: string[]
  assignee?: string
  source: string[]
  /** leads found (or re-scored) by this scan */
  scanId?: string
  /** yyyy-mm-dd, inclusive */
  createdFrom?: string
  /** yyyy-mm-dd, inclusive (the domain's createdTo is exclusive: we send the next day) */
  createdTo?: string
  sort: LeadSort
  dir: 'asc' | 'desc'
  cursor?: string
  /** cursors of the pages before this one, for "Previous" (keyset pages have no page numbers) */
  trail: string[]
}

export const DEFAULT_DIR: Record<LeadSort, 'asc' | 'desc'> = { score: 'desc', created: 'desc', updated: 'desc', address: 'asc' }
const MAX_TRAIL = 25
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() || undefined
const many = (v: string | string[] | undefined, allowed?: readonly string[]) => {
  const raw = (Array.isArray(v) ? v.join(',') : (v ?? ''))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  const list = allowed ? raw.map((s) => s.toUpperCase()).filter((s) => allowed.includes(s)) : raw.map((s) => s.toLowerCase())
  return [...new Set(list)]
}
const int0to100 = (v: string | undefined) => (v && /^\d{1,3}$/.test(v) && Number(v) <= 100 ? String(Number(v)) : undefined)

export function parseLeadQuery(sp: SearchParams | URLSearchParams): LeadQuery {
  const get = (k: string) => (sp instanceof URLSearchParams ? (sp.getAll(k).length ? sp.getAll(k) : undefined) : sp[k])
  const sortRaw = one(get('sort'))
  const sort = (LEAD_SORTS as readonly string[]).includes(sortRaw ?? '') ? (sortRaw as LeadSort) : 'score'
  const dirRaw = one(get('dir'))
  const from = one(get('createdFrom'))
  const to = one(get('createdTo'))
  const scanId = one(get('scanId'))?.toLowerCase()
  return {
    q: one(get('q'))?.slice(0, 200),
    band: many(get('band'), LEAD_BANDS),
    status: many(get('status'), LEAD_STATUSES),
    scoreMin: int0to100(one(get('scoreMin'))),
    scoreMax: int0to100(one(get('scoreMax'))),
    tags: many(get('tags'))
      .slice(0, 10)
      .map((t) => t.slice(0, 50)),
    assignee: one(get('assignee')),
    source: many(get('source'), LEAD_SOURCES),
    scanId: scanId && UUID_RE.test(scanId) ? scanId : undefined,
    createdFrom: from && DATE_RE.test(from) ? from : undefined,
    createdTo: to && DATE_RE.test(to) ? to : undefined,
    sort,
    dir: dirRaw === 'asc' || dirRaw === 'desc' ? dirRaw : DEFAULT_DIR[sort],
    cursor: one(get('cursor')),
    trail: (one(get('trail')) ?? '').split('.').filter(Boolean).slice(-MAX_TRAIL),
  }
}

/** Filters only (what bulk "all matching", export, the map and saved views use). */
export function toFilter(q: LeadQuery): LeadFilter {
  const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000)
  const f: LeadFilter = {}
  if (q.q) f.q = q.q
  if (q.band.length) f.band = q.band as LeadFilter['band']
  if (q.status.length) f.status = q.status as LeadFilter['status']
  if (q.scoreMin) f.scoreMin = Number(q.scoreMin)
  if (q.scoreMax) f.scoreMax = Number(q.scoreMax)
  if (q.tags.length) f.tags = q.tags
  if (q.assignee) f.assignee = q.assignee as LeadFilter['assignee']
  if (q.source.length) f.source = q.source as LeadFilter['source']
  if (q.scanId) f.scanId = q.scanId
  if (q.createdFrom) f.createdFrom = new Date(`${q.createdFrom}T00:00:00Z`)
  if (q.createdTo) f.createdTo = nextDay(q.createdTo)
  return f
}

/** The listLeads input; fields the domain schema rejects (a bad assignee id, …) are dropped, not fatal. */
export function toListInput(q: LeadQuery, limit = 50): ListLeadsInput {
  let input: Record<string, unknown> = {
    ...toFilter(q),
    sort: q.sort,
    dir: q.dir,
    limit,
    withTotal: true,
    ...(q.cursor ? { cursor: q.cursor } : {}),
  }
  for (let i = 0; i < 3; i++) {
    const r = listLeadsSchema.safeParse(input)
    if (r.success) break
    const bad = new Set(r.error.issues.map((x) => String(x.path[0])))
    input = Object.fromEntries(Object.entries(input).filter(([k]) => !bad.has(k)))
  }
  return input as ListLeadsInput
}

export function hasFilters(q: LeadQuery): boolean {
  return !!(
    q.q ||
    q.band.length ||
    q.status.length ||
    q.scoreMin ||
    q.scoreMax ||
    q.tags.length ||
    q.assignee ||
    q.source.length ||
    q.scanId ||
    q.createdFrom ||
    q.createdTo
  )
}

/** Query string for a query (page position included only when given). */
export function toQueryString(q: Partial<LeadQuery>, opts: { keepPage?: boolean } = {}): string {
  const p = new URLSearchParams()
  if (q.q) p.set('q', q.q)
  if (q.band?.length) p.set('band', q.band.join(','))
  if (q.status?.length) p.set('status', q.status.join(','))
  if (q.scoreMin) p.set('scoreMin', q.scoreMin)
  if (q.scoreMax) p.set('scoreMax', q.scoreMax)
  if (q.tags?.length) p.set('tags', q.tags.join(','))
  if (q.assignee) p.set('assignee', q.assignee)
  if (q.source?.length) p.set('source', q.source.join(','))
  if (q.scanId) p.set('scanId', q.scanId)
  if (q.createdFrom) p.set('createdFrom', q.createdFrom)
  if (q.createdTo) p.set('createdTo', q.createdTo)
  if (q.sort && q.sort !== 'score') p.set('sort', q.sort)
  if (q.sort && q.dir && q.dir !== DEFAULT_DIR[q.sort]) p.set('dir', q.dir)
  else if (!q.sort && q.dir && q.dir !== 'desc') p.set('dir', q.dir)
  if (opts.keepPage && q.cursor) p.set('cursor', q.cursor)
  if (opts.keepPage && q.trail?.length) p.set('trail', q.trail.join('.'))
  const s = p.toString()
  return s ? `?${s}` : ''
}

export function nextPageQuery(q: LeadQuery, nextCursor: string): string {
  return toQueryString({ ...q, cursor: nextCursor, trail: q.cursor ? [...q.trail, q.cursor] : [...q.trail, '0'] }, { keepPage: true })
}

/** "0" in the trail stands for the first page (no cursor). */
export function prevPageQuery(q: LeadQuery): string | null {
  if (!q.cursor) return null
  const trail = [...q.trail]
  const prev = trail.pop()
  return toQueryString({ ...q, cursor: prev && prev !== '0' ? prev : undefined, trail }, { keepPage: true })
}

/** Saved views store the filter part of the query (plus sort), JSON-safe. */
export function queryToViewFilters(q: LeadQuery) {
  const f = toFilter(q)
  return {
    ...f,
    ...(q.createdFrom ? { createdFrom: q.createdFrom } : {}),
    ...(q.createdTo ? { createdTo: q.createdTo } : {}),
    sort: q.sort,
    dir: q.dir,
  }
}

export function viewFiltersToQueryString(filters: unknown): string {
  const f = (filters ?? {}) as Record<string, unknown>
  const sp: SearchParams = {}
  for (const [k, v] of Object.entries(f)) {
    if (v === undefined || v === null) continue
    sp[k] = Array.isArray(v) ? v.map(String).join(',') : String(v).slice(0, k.startsWith('created') ? 10 : 200)
  }
  return toQueryString(parseLeadQuery(sp))
}

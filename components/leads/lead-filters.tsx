'use client'
// Filter bar of the lead list and map. State lives in the URL: every change navigates (shareable links,
// back/forward); the first page is rendered on the server from the same search params.
import { useState } from 'react'
import { usePathname, useRouter } from 'next/navigation'
import { Button } from '@/components/ui/button'
import { Input, Label, Select } from '@/components/ui/field'
import { cn } from '@/components/ui/cn'
import { BAND_HEX, BAND_LABELS, SOURCE_LABELS, STATUS_LABELS } from './lead-format'
import { toQueryString, DEFAULT_DIR, type LeadQuery, type LeadSort } from './lead-query'

export interface MemberOption {
  membershipId: string
  name: string
  role: string
}

const BANDS = ['HOT', 'WARM', 'COLD'] as const
const STATUSES = Object.keys(STATUS_LABELS)
const SOURCES = Object.keys(SOURCE_LABELS)
const SORTS: Array<{ value: LeadSort; label: string }> = [
  { value: 'score', label: 'Score' },
  { value: 'created', label: 'Created' },
  { value: 'updated', label: 'Updated' },
  { value: 'address', label: 'Address' },
]

export function LeadFilters({
  query,
  members,
  showAssignee,
  showSort = true,
  scanLabel,
}: {
  query: LeadQuery
  members: MemberOption[]
  showAssignee: boolean
  showSort?: boolean
  /** the label of the scan in `query.scanId` (null when it cannot be shown: another org's id, or no scan.read) */
  scanLabel?: string | null
}) {
  const router = useRouter()
  const pathname = usePathname()
  const [draft, setDraft] = useState({
    q: query.q ?? '',
    scoreMin: query.scoreMin ?? '',
    scoreMax: query.scoreMax ?? '',
    tags: query.tags.join(', '),
    createdFrom: query.createdFrom ?? '',
    createdTo: query.createdTo ?? '',
  })
  const [more, setMore] = useState(
    !!(
      query.status.length ||
      query.scoreMin ||
      query.scoreMax ||
      query.tags.length ||
      query.source.length ||
      query.createdFrom ||
      query.createdTo
    ),
  )
  const scoreError = draft.scoreMin && draft.scoreMax && Number(draft.scoreMin) > Number(draft.scoreMax) ? 'Minimum is above maximum' : null

  const go = (patch: Partial<LeadQuery>) => {
    const next = { ...query, ...patch, cursor: undefined, trail: [] }
    router.push(`${pathname}${toQueryString(next)}`)
  }
  const applyDraft = (e?: React.FormEvent) => {
    e?.preventDefault()
    if (scoreError) return
    go({
      q: draft.q.trim() || undefined,
      scoreMin: draft.scoreMin || undefined,
      scoreMax: draft.scoreMax || undefined,
      tags: draft.tags
        .split(',')
        .map((t) => t.trim().toLowerCase())
        .filter(Boolean),
      createdFrom: draft.createdFrom || undefined,
      createdTo: draft.createdTo || undefined,
    })
  }
  const toggle = (list: string[], v: string) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v])
  const set = (k: keyof typeof draft) => (e: React.ChangeEvent<HTMLInputElement>) => setDraft((d) => ({ ...d, [k]: e.target.value }))

  return (
    <form
      onSubmit={applyDraft}
      role="search"
      aria-label="Filter leads"
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-3"
    >
      <div className="flex flex-wrap items-end gap-2">
        <div className="flex min-w-64 flex-1 gap-2">
          <Label htmlFor="lead-q" className="sr-only">
            Search leads
          </Label>
          <Input
            id="lead-q"
            type="search"
            value={draft.q}
            onChange={set('q')}
            placeholder="Search address, owner or phone"
            maxLength={200}
          />
          <Button type="submit">Search</Button>
        </div>
        <div role="group" aria-label="Band" className="flex gap-1">
          {BANDS.map((b) => {
            const on = query.band.includes(b)
            return (
              <button
                key={b}
                type="button"
                aria-pressed={on}
                onClick={() => go({ band: toggle(query.band, b) })}
                className={cn(
                  'inline-flex h-10 items-center gap-1.5 rounded-full border px-3 text-sm font-medium',
                  on ? 'border-slate-900 bg-slate-900 text-white' : 'border-slate-300 bg-white text-slate-700 hover:bg-slate-50',
                )}
              >
                <span aria-hidden className="h-2.5 w-2.5 rounded-full" style={{ background: BAND_HEX[b] }} />
                {BAND_LABELS[b]}
              </button>
            )
          })}
        </div>
        {showAssignee && (
          <div className="w-44">
            <Label htmlFor="lead-assignee" className="sr-only">
              Filter by assignee
            </Label>
            <Select id="lead-assignee" value={query.assignee ?? ''} onChange={(e) => go({ assignee: e.target.value || undefined })}>
              <option value="">Any assignee</option>
              <option value="me">Assigned to me</option>
              <option value="unassigned">Unassigned</option>
              {members.map((m) => (
                <option key={m.membershipId} value={m.membershipId}>
                  {m.name}
                </option>
              ))}
            </Select>
          </div>
        )}
        {showSort && (
          <div className="flex gap-1">
            <Label htmlFor="lead-sort" className="sr-only">
              Sort by
            </Label>
            <Select
              id="lead-sort"
              className="w-36"
              value={query.sort}
              onChange={(e) => {
                const s = e.target.value as LeadSort
                go({ sort: s, dir: DEFAULT_DIR[s] })
              }}
            >
              {SORTS.map((s) => (
                <option key={s.value} value={s.value}>
                  Sort: {s.label}
                </option>
              ))}
            </Select>
            <Button
              type="button"
              variant="secondary"
              onClick={() => go({ dir: query.dir === 'asc' ? 'desc' : 'asc' })}
              aria-label={query.dir === 'asc' ? 'Ascending; switch to descending' : 'Descending; switch to ascending'}
            >
              {query.dir === 'asc' ? '↑' : '↓'}
            </Button>
          </div>
        )}
        {query.scanId && (
          <span className="inline-flex h-10 max-w-full items-center gap-1 rounded-full border border-brand-100 bg-brand-50 pl-3 pr-1 text-sm font-medium text-brand-700">
            <span className="truncate" data-testid="scan-filter-chip">
              {scanLabel ? `From scan ${scanLabel}` : 'From a scan'}
            </span>
            <button
              type="button"
              onClick={() => go({ scanId: undefined })}
              className="rounded-full px-2 py-1 hover:bg-brand-100"
              aria-label={scanLabel ? `Remove filter: from scan ${scanLabel}` : 'Remove filter: from a scan'}
            >
              <span aria-hidden>×</span>
            </button>
          </span>
        )}
        <Button type="button" variant="ghost" aria-expanded={more} aria-controls="lead-more-filters" onClick={() => setMore((v) => !v)}>
          {more ? 'Fewer filters' : 'More filters'}
        </Button>
      </div>
      <div id="lead-more-filters" hidden={!more} className="space-y-3 border-t border-slate-100 pt-3">
        <fieldset>
          <legend className="mb-1 text-sm font-medium text-slate-800">Status</legend>
          <div className="flex flex-wrap gap-x-4 gap-y-1">
            {STATUSES.map((s) => (
              <label key={s} className="flex items-center gap-1.5 text-sm">
                <input type="checkbox" checked={query.status.includes(s)} onChange={() => go({ status: toggle(query.status, s) })} />
                {STATUS_LABELS[s]}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend className="mb-1 text-sm font-medium text-slate-800">Source</legend>
          <div className="flex flex-wrap gap-x-4 gap-y-1">
            {SOURCES.map((s) => (
              <label key={s} className="flex items-center gap-1.5 text-sm">
                <input type="checkbox" checked={query.source.includes(s)} onChange={() => go({ source: toggle(query.source, s) })} />
                {SOURCE_LABELS[s]}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
          <div className="space-y-1">
            <Label htmlFor="lead-smin">Score from</Label>
            <Input
              id="lead-smin"
              type="number"
              min={0}
              max={100}
              inputMode="numeric"
              value={draft.scoreMin}
              onChange={set('scoreMin')}
              aria-invalid={!!scoreError}
              aria-describedby={scoreError ? 'lead-score-error' : undefined}
            />
          </div>
          <div className="space-y-1">
            <Label htmlFor="lead-smax">Score to</Label>
            <Input
              id="lead-smax"
              type="number"
              min={0}
              max={100}
              inputMode="numeric"
              value={draft.scoreMax}
              onChange={set('scoreMax')}
              aria-invalid={!!scoreError}
            />
          </div>
          <div className="space-y-1">
            <Label htmlFor="lead-tags">Tags (all of)</Label>
            <Input id="lead-tags" value={draft.tags} onChange={set('tags')} placeholder="storm, priority" />
          </div>
          <div className="space-y-1">
            <Label htmlFor="lead-from">Created from</Label>
            <Input id="lead-from" type="date" value={draft.createdFrom} onChange={set('createdFrom')} />
          </div>
          <div className="space-y-1">
            <Label htmlFor="lead-to">Created to</Label>
            <Input id="lead-to" type="date" value={draft.createdTo} onChange={set('createdTo')} />
          </div>
        </div>
        {scoreError && (
          <p id="lead-score-error" role="alert" className="text-xs text-red-600">
            {scoreError}
          </p>
        )}
        <div className="flex gap-2">
          <Button type="submit" size="sm">
            Apply filters
          </Button>
          <Button type="button" size="sm" variant="secondary" onClick={() => router.push(pathname)}>
            Clear all
          </Button>
        </div>
      </div>
    </form>
  )
}

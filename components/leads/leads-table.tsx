'use client'
// The lead table: chosen columns (persisted in localStorage), row selection + "select all matching",
// the bulk actions bar, and keyset paging links rendered by the server page.
import Link from 'next/link'
import { useMemo, useState, useSyncExternalStore } from 'react'
import { cn } from '@/components/ui/cn'
import { formatDate, formatMoney, formatNumber, ScoreBadge, SOURCE_LABELS, StatusBadge } from './lead-format'
import { BulkActions, type BulkActionsProps } from './bulk-actions'
import type { LeadRowView } from './types'

export const COLUMNS_STORAGE_KEY = 'fm.leads.columns'
export const ALL_COLUMNS = [
  { id: 'owner', label: 'Owner' },
  { id: 'status', label: 'Status' },
  { id: 'assignee', label: 'Assignee' },
  { id: 'tags', label: 'Tags' },
  { id: 'updated', label: 'Updated' },
  { id: 'created', label: 'Created' },
  { id: 'source', label: 'Source' },
  { id: 'roofAge', label: 'Roof age' },
  { id: 'value', label: 'Value' },
  { id: 'yearBuilt', label: 'Year built' },
] as const
type ColumnId = (typeof ALL_COLUMNS)[number]['id']
export const DEFAULT_COLUMNS: ColumnId[] = ['owner', 'status', 'assignee', 'tags', 'updated']

// visible columns live in localStorage (per browser); saved views write them too (writeColumns)
const COLUMNS_EVENT = 'fm:lead-columns'
function subscribeColumns(onChange: () => void) {
  window.addEventListener('storage', onChange)
  window.addEventListener(COLUMNS_EVENT, onChange)
  return () => {
    window.removeEventListener('storage', onChange)
    window.removeEventListener(COLUMNS_EVENT, onChange)
  }
}
const readColumns = () => localStorage.getItem(COLUMNS_STORAGE_KEY)
function parseColumns(raw: string | null): ColumnId[] {
  try {
    const v = JSON.parse(raw ?? 'null') as unknown
    if (Array.isArray(v)) return v.filter((c): c is ColumnId => ALL_COLUMNS.some((x) => x.id === c))
  } catch {
    /* a corrupt value falls back to the defaults */
  }
  return DEFAULT_COLUMNS
}
export function writeColumns(next: string[]) {
  localStorage.setItem(COLUMNS_STORAGE_KEY, JSON.stringify(next))
  window.dispatchEvent(new Event(COLUMNS_EVENT))
}

function cell(id: ColumnId, r: LeadRowView): React.ReactNode {
  switch (id) {
    case 'owner':
      return r.ownerName ?? <span className="text-slate-400">—</span>
    case 'status':
      return <StatusBadge status={r.status} />
    case 'assignee':
      return r.assigneeName ?? <span className="text-slate-400">Unassigned</span>
    case 'tags':
      return r.tags.length ? (
        <span className="flex flex-wrap gap-1">
          {r.tags.map((t) => (
            <span key={t} className="rounded bg-slate-100 px-1.5 text-xs">
              {t}
            </span>
          ))}
        </span>
      ) : null
    case 'updated':
      return formatDate(r.updatedAt)
    case 'created':
      return formatDate(r.createdAt)
    case 'source':
      return SOURCE_LABELS[r.source] ?? r.source
    case 'roofAge':
      return formatNumber(r.roofAgeYears, ' yr')
    case 'value':
      return formatMoney(r.propertyValueCents)
    case 'yearBuilt':
      return r.yearBuilt ?? '—'
  }
}

export function LeadsTable({
  orgSlug,
  rows,
  filter,
  total,
  totalIsEstimate,
  bulk,
  paging,
}: {
  orgSlug: string
  rows: LeadRowView[]
  filter: Record<string, unknown>
  total: number | null
  totalIsEstimate: boolean
  bulk: BulkActionsProps
  paging: { prevHref: string | null; nextHref: string | null; firstHref: string | null; page: number }
}) {
  // the planner's estimate can be far off (e.g. right after a bulk load, before ANALYZE): never show fewer than we know exist
  const known = rows.length + (paging.nextHref ? 1 : 0)
  const reliable = total !== null && (!totalIsEstimate || total >= known)
  const totalText = !reliable
    ? `${rows.length}+ leads`
    : `${totalIsEstimate ? 'About ' : ''}${total!.toLocaleString('en-US')} lead${total === 1 ? '' : 's'}`
  const matchingText = reliable ? `${totalIsEstimate ? 'about ' : ''}${Math.min(total!, 10_000).toLocaleString('en-US')} ` : ''
  const stored = useSyncExternalStore(subscribeColumns, readColumns, () => null)
  const columns = useMemo(() => parseColumns(stored), [stored])
  const [selected, setSelected] = useState<Set<string>>(new Set())
  const [allMatching, setAllMatching] = useState(false)

  const toggleColumn = (id: ColumnId) => {
    const next = columns.includes(id)
      ? columns.filter((c) => c !== id)
      : ALL_COLUMNS.map((c) => c.id).filter((c) => c === id || columns.includes(c))
    writeColumns(next)
  }
  const allOnPage = rows.length > 0 && rows.every((r) => selected.has(r.id))
  const byId = useMemo(() => new Map(rows.map((r) => [r.id, r])), [rows])
  const target = allMatching ? { filter } : selected.size ? { ids: [...selected] } : null
  const count = allMatching ? (reliable ? matchingText.trim() : 'All matching') : String(selected.size)

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-slate-600" aria-live="polite" data-testid="lead-total">
          {totalText}
          {paging.page > 1 && ` · page ${paging.page}`}
        </p>
        <details className="relative">
          <summary className="cursor-pointer list-none rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50 [&::-webkit-details-marker]:hidden">
            Columns
          </summary>
          <fieldset className="absolute right-0 z-20 mt-1 w-48 space-y-1 rounded-md border border-slate-200 bg-white p-3 shadow-lg">
            <legend className="sr-only">Visible columns</legend>
            {ALL_COLUMNS.map((c) => (
              <label key={c.id} className="flex items-center gap-2 text-sm">
                <input type="checkbox" checked={columns.includes(c.id)} onChange={() => toggleColumn(c.id)} />
                {c.label}
              </label>
            ))}
          </fieldset>
        </details>
      </div>

      <BulkActions
        {...bulk}
        target={target}
        count={count}
        labelFor={(id) => byId.get(id)?.address ?? id}
        onDone={() => {
          setSelected(new Set())
          setAllMatching(false)
        }}
      />
      {allOnPage && !allMatching && (paging.nextHref || paging.page > 1) && (
        <p className="text-sm">
          All {rows.length} on this page are selected.{' '}
          <button type="button" className="font-medium text-brand-700 underline" onClick={() => setAllMatching(true)}>
            Select all {matchingText}leads matching this filter
          </button>{' '}
          (bulk actions stop at 10,000 leads)
        </p>
      )}
      {allMatching && (
        <p className="text-sm">
          All leads matching this filter are selected.{' '}
          <button
            type="button"
            className="font-medium text-brand-700 underline"
            onClick={() => {
              setAllMatching(false)
              setSelected(new Set())
            }}
          >
            Clear selection
          </button>
        </p>
      )}

      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full text-sm">
          <caption className="sr-only">Leads</caption>
          <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="w-10 px-3 py-2">
                <input
                  type="checkbox"
                  aria-label="Select all leads on this page"
                  checked={allOnPage || allMatching}
                  onChange={() => {
                    setAllMatching(false)
                    setSelected(allOnPage ? new Set() : new Set(rows.map((r) => r.id)))
                  }}
                />
              </th>
              <th scope="col" className="px-3 py-2">
                Score
              </th>
              <th scope="col" className="min-w-48 px-3 py-2">
                Address
              </th>
              {columns.map((c) => (
                <th key={c} scope="col" className="whitespace-nowrap px-3 py-2">
                  {ALL_COLUMNS.find((x) => x.id === c)!.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((r) => {
              const on = allMatching || selected.has(r.id)
              return (
                <tr key={r.id} className={cn('hover:bg-slate-50', on && 'bg-brand-50/60')}>
                  <td className="px-3 py-2">
                    <input
                      type="checkbox"
                      aria-label={`Select ${r.address}`}
                      checked={on}
                      disabled={allMatching}
                      onChange={() =>
                        setSelected((s) => {
                          const n = new Set(s)
                          if (n.has(r.id)) n.delete(r.id)
                          else n.add(r.id)
                          return n
                        })
                      }
                    />
                  </td>
                  <td className="px-3 py-2">
                    <ScoreBadge score={r.score} band={r.band} />
                  </td>
                  <td className="px-3 py-2">
                    <Link href={`/${orgSlug}/leads/${r.id}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
                      {r.address}
                    </Link>
                    <div className="text-xs text-slate-500">{r.cityLine}</div>
                  </td>
                  {columns.map((c) => (
                    <td key={c} className="whitespace-nowrap px-3 py-2 text-slate-700">
                      {cell(c, r)}
                    </td>
                  ))}
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>

      <nav aria-label="Pagination" className="flex items-center justify-between gap-2">
        <div className="flex gap-2">
          {paging.firstHref && (
            <Link href={paging.firstHref} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50">
              First
            </Link>
          )}
          {paging.prevHref ? (
            <Link
              href={paging.prevHref}
              rel="prev"
              className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50"
            >
              ← Previous
            </Link>
          ) : (
            <span aria-disabled className="rounded-md border border-slate-200 px-3 py-1.5 text-sm text-slate-400">
              ← Previous
            </span>
          )}
        </div>
        {paging.nextHref ? (
          <Link
            href={paging.nextHref}
            rel="next"
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50"
          >
            Next →
          </Link>
        ) : (
          <span aria-disabled className="rounded-md border border-slate-200 px-3 py-1.5 text-sm text-slate-400">
            Next →
          </span>
        )}
      </nav>
    </div>
  )
}

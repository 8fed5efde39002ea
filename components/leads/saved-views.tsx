'use client'
// Saved views: the current filters + sort + visible columns under a name (private to the member).
import Link from 'next/link'
import { useState } from 'react'
import { useRouter } from 'next/navigation'
import { Button } from '@/components/ui/button'
import { Input, Label } from '@/components/ui/field'
import { ErrorNotice } from '@/components/ui/feedback'
import type { ActionError, ActionFn } from '@/lib/action-result'
import type { z } from 'zod'
import { savedViewSchema } from '@/lib/leads/schemas'
import { COLUMNS_STORAGE_KEY, writeColumns } from './leads-table'
import { viewFiltersToQueryString } from './lead-query'

export interface SavedViewView {
  id: string
  name: string
  filters: unknown
  columns: string[]
}

export function SavedViews({
  orgSlug,
  views,
  currentFilters,
  create,
  remove,
}: {
  orgSlug: string
  views: SavedViewView[]
  currentFilters: z.input<typeof savedViewSchema>['filters']
  create: ActionFn<{ orgSlug: string; view: z.input<typeof savedViewSchema> }, { id: string }>
  remove: ActionFn<{ orgSlug: string; viewId: string }, unknown>
}) {
  const router = useRouter()
  const [name, setName] = useState('')
  const [nameError, setNameError] = useState<string | null>(null)
  const [error, setError] = useState<ActionError | null>(null)
  const [busy, setBusy] = useState(false)

  const columnsNow = (): string[] => {
    try {
      const c = JSON.parse(localStorage.getItem(COLUMNS_STORAGE_KEY) ?? '[]')
      return Array.isArray(c) ? c.map(String) : []
    } catch {
      return []
    }
  }
  const save = async (e: React.FormEvent) => {
    e.preventDefault()
    setError(null)
    const input = { name, filters: currentFilters, columns: columnsNow() }
    const parsed = savedViewSchema.safeParse(input)
    if (!parsed.success) {
      setNameError(parsed.error.issues.find((i) => i.path[0] === 'name')?.message ?? parsed.error.issues[0]?.message ?? 'Invalid view')
      return
    }
    setNameError(null)
    setBusy(true)
    const r = await create({ orgSlug, view: input })
    setBusy(false)
    if (!r.ok) {
      if ((r.error.details as { field?: string } | undefined)?.field === 'name') setNameError(r.error.message)
      else setError(r.error)
      return
    }
    setName('')
    router.refresh()
  }
  const apply = (v: SavedViewView) => {
    if (v.columns.length) writeColumns(v.columns)
  }
  const del = async (v: SavedViewView) => {
    if (!window.confirm(`Delete the view "${v.name}"?`)) return
    const r = await remove({ orgSlug, viewId: v.id })
    if (!r.ok) setError(r.error)
    else router.refresh()
  }

  return (
    <section aria-labelledby="views-heading" className="space-y-2">
      <h2 id="views-heading" className="text-sm font-semibold text-slate-800">
        Saved views
      </h2>
      {views.length === 0 ? (
        <p className="text-xs text-slate-500">No saved views yet. Filter the list, then save it here.</p>
      ) : (
        <ul className="flex flex-wrap gap-2">
          {views.map((v) => (
            <li key={v.id} className="flex items-center rounded-full border border-slate-300 bg-white text-sm">
              <Link
                href={`/${orgSlug}/leads${viewFiltersToQueryString(v.filters)}`}
                onClick={() => apply(v)}
                className="py-1 pl-3 pr-2 hover:text-brand-700"
              >
                {v.name}
              </Link>
              <button
                type="button"
                onClick={() => del(v)}
                className="rounded-r-full px-2 py-1 text-slate-500 hover:bg-red-50 hover:text-red-700"
                aria-label={`Delete view ${v.name}`}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={save} className="flex flex-wrap items-start gap-2" noValidate>
        <div>
          <Label htmlFor="view-name" className="sr-only">
            View name
          </Label>
          <Input
            id="view-name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="Name this view"
            maxLength={80}
            className="h-8 w-48"
            aria-invalid={!!nameError}
            aria-describedby={nameError ? 'view-name-error' : undefined}
          />
          {nameError && (
            <p id="view-name-error" role="alert" className="mt-1 text-xs text-red-600">
              {nameError}
            </p>
          )}
        </div>
        <Button type="submit" size="sm" variant="secondary" loading={busy}>
          Save current view
        </Button>
      </form>
      {error && <ErrorNotice error={error} />}
    </section>
  )
}

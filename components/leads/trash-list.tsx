'use client'
// Trash: soft-deleted leads with the days left in the 30-day window; restore one or the selected ones.
import { useState } from 'react'
import { useRouter } from 'next/navigation'
import { Button } from '@/components/ui/button'
import { Alert, ErrorNotice } from '@/components/ui/feedback'
import type { ActionError, ActionFn } from '@/lib/action-result'
import { daysUntil, formatDate, ScoreBadge, summarizeBulk } from './lead-format'
import type { BulkResultView } from './types'

export interface TrashRow {
  id: string
  address: string
  cityLine: string
  score: number | null
  band: string | null
  deletedAt: string
  restorableUntil: string
}

export function TrashList({
  orgSlug,
  rows,
  restore,
}: {
  orgSlug: string
  rows: TrashRow[]
  restore: ActionFn<{ orgSlug: string; ids: string[] }, BulkResultView>
}) {
  const router = useRouter()
  const [selected, setSelected] = useState<Set<string>>(new Set())
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<BulkResultView | null>(null)
  const [error, setError] = useState<ActionError | null>(null)
  const byId = new Map(rows.map((r) => [r.id, r]))

  const run = async (ids: string[]) => {
    setBusy(true)
    setError(null)
    setResult(null)
    const r = await restore({ orgSlug, ids })
    setBusy(false)
    if (!r.ok) {
      setError(r.error)
      return
    }
    setResult(r.data)
    setSelected(new Set())
    router.refresh()
  }
  const all = rows.length > 0 && rows.every((r) => selected.has(r.id))
  return (
    <div className="space-y-3">
      {result && (
        <Alert tone={result.failed.length ? 'warning' : 'success'} title={summarizeBulk(result, 'restored')}>
          {result.failed.length > 0 && (
            <ul className="list-disc pl-5">
              {result.failed.map((f) => (
                <li key={f.id}>
                  {byId.get(f.id)?.address ?? f.id}: {f.reason.toLowerCase().replace(/_/g, ' ')}
                </li>
              ))}
            </ul>
          )}
        </Alert>
      )}
      {error && <ErrorNotice error={error} />}
      <div className="flex items-center gap-2">
        <Button size="sm" disabled={!selected.size} loading={busy} onClick={() => run([...selected])}>
          Restore selected ({selected.size})
        </Button>
      </div>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full text-sm">
          <caption className="sr-only">Deleted leads</caption>
          <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="w-10 px-3 py-2">
                <input
                  type="checkbox"
                  aria-label="Select all"
                  checked={all}
                  onChange={() => setSelected(all ? new Set() : new Set(rows.map((r) => r.id)))}
                />
              </th>
              <th scope="col" className="px-3 py-2">
                Score
              </th>
              <th scope="col" className="px-3 py-2">
                Address
              </th>
              <th scope="col" className="px-3 py-2">
                Deleted
              </th>
              <th scope="col" className="px-3 py-2">
                Days left
              </th>
              <th scope="col" className="px-3 py-2">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((r) => {
              const days = daysUntil(r.restorableUntil)
              return (
                <tr key={r.id}>
                  <td className="px-3 py-2">
                    <input
                      type="checkbox"
                      aria-label={`Select ${r.address}`}
                      checked={selected.has(r.id)}
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
                    <span className="font-medium">{r.address}</span>
                    <div className="text-xs text-slate-500">{r.cityLine}</div>
                  </td>
                  <td className="whitespace-nowrap px-3 py-2">{formatDate(r.deletedAt)}</td>
                  <td className={days <= 3 ? 'px-3 py-2 font-medium text-red-700' : 'px-3 py-2'}>
                    {days} day{days === 1 ? '' : 's'}
                  </td>
                  <td className="px-3 py-2 text-right">
                    <Button size="sm" variant="secondary" disabled={busy} onClick={() => run([r.id])} aria-label={`Restore ${r.address}`}>
                      Restore
                    </Button>
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
    </div>
  )
}

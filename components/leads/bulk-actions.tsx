'use client'
// Bulk actions over the selection (ids) or everything matching the filter. Each action reports per-lead
// partial success ("18 updated, 2 failed: …"); the list refreshes afterwards.
import { useState } from 'react'
import { useRouter } from 'next/navigation'
import { Button } from '@/components/ui/button'
import { Input, Label, Select } from '@/components/ui/field'
import { Alert, ErrorNotice } from '@/components/ui/feedback'
import type { ActionError } from '@/lib/action-result'
import { tagSchema, lostReasonSchema, type LEAD_STATUSES } from '@/lib/leads/schemas'
import { STATUS_LABELS, summarizeBulk } from './lead-format'
import type { MemberOption } from './lead-filters'
import type { BulkFn, BulkResultView, BulkTargetView } from './types'

export interface BulkActionsProps {
  orgSlug: string
  members: MemberOption[]
  can: { assign: boolean; write: boolean; delete: boolean; export: boolean }
  actions: {
    assign: BulkFn<{ assigneeId: string | null }>
    tag: BulkFn<{ tags: string[] }>
    untag: BulkFn<{ tags: string[] }>
    status: BulkFn<{ status: (typeof LEAD_STATUSES)[number]; lostReason?: string | null }>
    remove: BulkFn
  }
  exportHref: string
}

type Mode = null | 'assign' | 'tag' | 'untag' | 'status' | 'delete'

export function BulkActions({
  orgSlug,
  members,
  can,
  actions,
  exportHref,
  target,
  count,
  labelFor,
  onDone,
}: BulkActionsProps & {
  target: BulkTargetView | null
  count: string
  labelFor: (id: string) => string
  onDone: () => void
}) {
  const router = useRouter()
  const [mode, setMode] = useState<Mode>(null)
  const [busy, setBusy] = useState(false)
  const [assignee, setAssignee] = useState('')
  const [tags, setTags] = useState('')
  const [status, setStatus] = useState<(typeof LEAD_STATUSES)[number]>('CONTACTED')
  const [lostReason, setLostReason] = useState('')
  const [inputError, setInputError] = useState<string | null>(null)
  const [result, setResult] = useState<{ text: string; failed: BulkResultView['failed'] } | null>(null)
  const [error, setError] = useState<ActionError | null>(null)

  const run = async (verb: string, call: () => ReturnType<BulkFn>) => {
    setBusy(true)
    setError(null)
    setResult(null)
    const r = await call()
    setBusy(false)
    if (!r.ok) {
      setError(r.error)
      return
    }
    setResult({ text: summarizeBulk(r.data, verb), failed: r.data.failed })
    setMode(null)
    onDone()
    router.refresh()
  }

  const parseTags = () => {
    const list = [
      ...new Set(
        tags
          .split(',')
          .map((t) => t.trim().toLowerCase())
          .filter(Boolean),
      ),
    ]
    if (!list.length) return (setInputError('Enter at least one tag'), null)
    for (const t of list) {
      const r = tagSchema.safeParse(t)
      if (!r.success) return (setInputError(r.error.issues[0]?.message ?? 'Invalid tag'), null)
    }
    return list
  }

  const submit = async (e: React.FormEvent) => {
    e.preventDefault()
    setInputError(null)
    if (!target) return
    if (mode === 'assign')
      await run('assigned', () => actions.assign({ orgSlug, target, assigneeId: assignee === 'none' ? null : assignee }))
    if (mode === 'tag' || mode === 'untag') {
      const list = parseTags()
      if (list)
        await run(mode === 'tag' ? 'tagged' : 'untagged', () =>
          (mode === 'tag' ? actions.tag : actions.untag)({ orgSlug, target, tags: list }),
        )
    }
    if (mode === 'status') {
      if (status === 'LOST') {
        const r = lostReasonSchema.safeParse(lostReason)
        if (!r.success) return setInputError(r.error.issues[0]?.message ?? 'Say why the lead was lost')
      }
      await run('updated', () => actions.status({ orgSlug, target, status, lostReason: status === 'LOST' ? lostReason : null }))
    }
    if (mode === 'delete') await run('moved to trash', () => actions.remove({ orgSlug, target }))
  }

  const btn = (m: Exclude<Mode, null>, label: string, show: boolean) =>
    show && (
      <Button
        type="button"
        size="sm"
        variant={mode === m ? 'primary' : 'secondary'}
        aria-pressed={mode === m}
        onClick={() => {
          setMode(mode === m ? null : m)
          setInputError(null)
        }}
      >
        {label}
      </Button>
    )

  return (
    <div className="space-y-2">
      {target && (
        <div
          role="toolbar"
          aria-label="Bulk actions"
          className="flex flex-wrap items-center gap-2 rounded-md border border-brand-200 bg-brand-50 px-3 py-2"
        >
          <span className="mr-2 text-sm font-medium">{count} selected</span>
          {btn('assign', 'Assign', can.assign)}
          {btn('tag', 'Add tags', can.write)}
          {btn('untag', 'Remove tags', can.write)}
          {btn('status', 'Change status', can.write)}
          {btn('delete', 'Delete', can.delete)}
          {can.export && target && 'filter' in target && (
            <a href={exportHref} className="text-sm font-medium text-brand-700 underline" download>
              Export matching (CSV)
            </a>
          )}
        </div>
      )}
      {target && mode && (
        <form
          onSubmit={submit}
          className="flex flex-wrap items-end gap-2 rounded-md border border-slate-200 bg-white p-3"
          aria-label="Bulk action details"
          noValidate
        >
          {mode === 'assign' && (
            <div className="w-56 space-y-1">
              <Label htmlFor="bulk-assignee">Assign to</Label>
              <Select id="bulk-assignee" value={assignee} onChange={(e) => setAssignee(e.target.value)} required>
                <option value="" disabled>
                  Choose a member
                </option>
                <option value="none">Nobody (unassign)</option>
                {members.map((m) => (
                  <option key={m.membershipId} value={m.membershipId}>
                    {m.name} ({m.role.toLowerCase()})
                  </option>
                ))}
              </Select>
            </div>
          )}
          {(mode === 'tag' || mode === 'untag') && (
            <div className="w-64 space-y-1">
              <Label htmlFor="bulk-tags">Tags (comma-separated)</Label>
              <Input
                id="bulk-tags"
                value={tags}
                onChange={(e) => setTags(e.target.value)}
                aria-invalid={!!inputError}
                aria-describedby={inputError ? 'bulk-error' : undefined}
              />
            </div>
          )}
          {mode === 'status' && (
            <>
              <div className="w-56 space-y-1">
                <Label htmlFor="bulk-status">New status</Label>
                <Select id="bulk-status" value={status} onChange={(e) => setStatus(e.target.value as (typeof LEAD_STATUSES)[number])}>
                  {Object.entries(STATUS_LABELS).map(([v, l]) => (
                    <option key={v} value={v}>
                      {l}
                    </option>
                  ))}
                </Select>
              </div>
              {status === 'LOST' && (
                <div className="w-64 space-y-1">
                  <Label htmlFor="bulk-lost">Lost reason</Label>
                  <Input
                    id="bulk-lost"
                    value={lostReason}
                    onChange={(e) => setLostReason(e.target.value)}
                    maxLength={200}
                    aria-invalid={!!inputError}
                    aria-describedby={inputError ? 'bulk-error' : undefined}
                  />
                </div>
              )}
            </>
          )}
          {mode === 'delete' && (
            <p className="text-sm text-slate-700">Move {count} lead(s) to the trash? They can be restored for 30 days.</p>
          )}
          <Button
            type="submit"
            size="sm"
            variant={mode === 'delete' ? 'danger' : 'primary'}
            loading={busy}
            disabled={mode === 'assign' && !assignee}
          >
            {mode === 'delete' ? 'Delete' : 'Apply'}
          </Button>
          <Button type="button" size="sm" variant="ghost" onClick={() => setMode(null)}>
            Cancel
          </Button>
          {inputError && (
            <p id="bulk-error" role="alert" className="w-full text-xs text-red-600">
              {inputError}
            </p>
          )}
        </form>
      )}
      {error && <ErrorNotice error={error} />}
      {result && (
        <Alert tone={result.failed.length ? 'warning' : 'success'} title={result.text}>
          {result.failed.length > 0 && (
            <ul className="list-disc pl-5">
              {result.failed.slice(0, 10).map((f) => (
                <li key={f.id}>
                  {labelFor(f.id)}: {f.reason.toLowerCase().replace(/_/g, ' ')}
                </li>
              ))}
              {result.failed.length > 10 && <li>…and {result.failed.length - 10} more</li>}
            </ul>
          )}
        </Alert>
      )}
    </div>
  )
}

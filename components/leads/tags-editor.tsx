'use client'
// Tags on one lead: ≤ 10, ≤ 50 chars, no duplicates, validated inline with the domain's own tagsSchema.
import { useState } from 'react'
import { useRouter } from 'next/navigation'
import { Button } from '@/components/ui/button'
import { Input, Label } from '@/components/ui/field'
import { ErrorNotice } from '@/components/ui/feedback'
import type { ActionError, ActionFn } from '@/lib/action-result'
import { MAX_TAGS, tagsSchema } from '@/lib/leads/schemas'

export function TagsEditor({
  orgSlug,
  leadId,
  tags,
  editable,
  update,
}: {
  orgSlug: string
  leadId: string
  tags: string[]
  editable: boolean
  update: ActionFn<{ orgSlug: string; leadId: string; patch: { tags: string[] } }, unknown>
}) {
  const router = useRouter()
  const [draft, setDraft] = useState('')
  const [fieldError, setFieldError] = useState<string | null>(null)
  const [error, setError] = useState<ActionError | null>(null)
  const [busy, setBusy] = useState(false)

  const save = async (next: string[]) => {
    const parsed = tagsSchema.safeParse(next)
    if (!parsed.success) {
      setFieldError(parsed.error.issues[0]?.message ?? 'Invalid tags')
      return false
    }
    setFieldError(null)
    setError(null)
    setBusy(true)
    const r = await update({ orgSlug, leadId, patch: { tags: parsed.data } })
    setBusy(false)
    if (!r.ok) {
      setError(r.error)
      return false
    }
    router.refresh()
    return true
  }
  const add = async (e: React.FormEvent) => {
    e.preventDefault()
    const incoming = draft
      .split(',')
      .map((t) => t.trim().toLowerCase())
      .filter(Boolean)
    if (!incoming.length) {
      setFieldError('Type a tag first')
      return
    }
    if (incoming.some((t) => tags.includes(t))) {
      setFieldError('Tags must be unique')
      return
    }
    if (await save([...tags, ...incoming])) setDraft('')
  }

  return (
    <div className="space-y-2">
      {tags.length === 0 ? (
        <p className="text-sm text-slate-500">No tags.</p>
      ) : (
        <ul className="flex flex-wrap gap-1.5" aria-label="Tags">
          {tags.map((t) => (
            <li key={t} className="inline-flex items-center rounded-full bg-slate-100 text-sm text-slate-800">
              <span className="py-0.5 pl-2.5 pr-1">{t}</span>
              {editable && (
                <button
                  type="button"
                  disabled={busy}
                  onClick={() => save(tags.filter((x) => x !== t))}
                  className="rounded-r-full px-2 py-0.5 text-slate-500 hover:bg-red-50 hover:text-red-700"
                  aria-label={`Remove tag ${t}`}
                >
                  ×
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {editable && (
        <form onSubmit={add} className="flex items-start gap-2" noValidate>
          <div className="flex-1">
            <Label htmlFor="tag-input" className="sr-only">
              Add tag
            </Label>
            <Input
              id="tag-input"
              value={draft}
              onChange={(e) => {
                setDraft(e.target.value)
                setFieldError(null)
              }}
              placeholder={tags.length >= MAX_TAGS ? `At most ${MAX_TAGS} tags` : 'Add a tag'}
              disabled={tags.length >= MAX_TAGS}
              maxLength={200}
              aria-invalid={!!fieldError}
              aria-describedby={fieldError ? 'tag-input-error' : 'tag-input-hint'}
            />
            {fieldError ? (
              <p id="tag-input-error" role="alert" className="mt-1 text-xs text-red-600">
                {fieldError}
              </p>
            ) : (
              <p id="tag-input-hint" className="mt-1 text-xs text-slate-500">
                {tags.length}/{MAX_TAGS} tags, up to 50 characters each.
              </p>
            )}
          </div>
          <Button type="submit" variant="secondary" loading={busy} disabled={tags.length >= MAX_TAGS}>
            Add
          </Button>
        </form>
      )}
      {error && <ErrorNotice error={error} />}
    </div>
  )
}

'use client'
// Notes: add (the action's own noteBodySchema validates the form) and the list, newest first.
import { useState } from 'react'
import { useRouter } from 'next/navigation'
import { useForm } from 'react-hook-form'
import { zodResolver } from '@hookform/resolvers/zod'
import { z } from 'zod'
import { Button } from '@/components/ui/button'
import { Field } from '@/components/ui/field'
import { ErrorNotice } from '@/components/ui/feedback'
import type { ActionError, ActionFn } from '@/lib/action-result'
import { noteBodySchema } from '@/lib/leads/schemas'
import { formatDateTime } from './lead-format'

const noteFormSchema = z.object({ body: noteBodySchema })

export interface NoteView {
  id: string
  body: string
  createdAt: string
  authorName: string | null
}

export function NotesPanel({
  orgSlug,
  leadId,
  notes,
  editable,
  addNote,
}: {
  orgSlug: string
  leadId: string
  notes: NoteView[]
  editable: boolean
  addNote: ActionFn<{ orgSlug: string; leadId: string; body: string }, unknown>
}) {
  const router = useRouter()
  const [error, setError] = useState<ActionError | null>(null)
  const { register, handleSubmit, reset, formState } = useForm<z.input<typeof noteFormSchema>, unknown, z.output<typeof noteFormSchema>>({
    resolver: zodResolver(noteFormSchema),
    defaultValues: { body: '' },
  })
  const onSubmit = handleSubmit(async ({ body }) => {
    setError(null)
    const r = await addNote({ orgSlug, leadId, body })
    if (!r.ok) {
      setError(r.error)
      return
    }
    reset({ body: '' })
    router.refresh()
  })
  const err = formState.errors.body?.message
  return (
    <div className="space-y-3">
      {editable && (
        <form onSubmit={onSubmit} className="space-y-2" noValidate aria-label="Add a note">
          <Field id="note-body" label="New note" error={err}>
            <textarea
              id="note-body"
              rows={3}
              maxLength={5000}
              className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-100 aria-[invalid=true]:border-red-500"
              aria-invalid={!!err}
              aria-describedby={err ? 'note-body-error' : undefined}
              {...register('body')}
            />
          </Field>
          <Button type="submit" size="sm" loading={formState.isSubmitting}>
            Add note
          </Button>
          {error && <ErrorNotice error={error} />}
        </form>
      )}
      {notes.length === 0 ? (
        <p className="text-sm text-slate-500">No notes yet.</p>
      ) : (
        <ul className="space-y-2" aria-label="Notes">
          {notes.map((n) => (
            <li key={n.id} className="rounded-md border border-slate-200 bg-slate-50 p-3">
              <p className="whitespace-pre-wrap text-sm text-slate-900">{n.body}</p>
              <p className="mt-1 text-xs text-slate-500">
                {n.authorName ?? 'Someone'} · {formatDateTime(n.createdAt)}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

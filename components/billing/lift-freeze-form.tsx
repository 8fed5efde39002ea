'use client'
// Staff: lift the billable-work freeze a card dispute put on an org, with the reason (audited).
import { useId, useState } from 'react'
import { Button } from '@/components/ui/button'
import { Field, Input } from '@/components/ui/field'
import { ErrorNotice } from '@/components/ui/feedback'
import type { ActionError, ActionFn } from '@/lib/action-result'

export function LiftFreezeForm({
  orgId,
  orgName,
  lift,
}: {
  orgId: string
  orgName: string
  lift: ActionFn<{ orgId: string; note: string }, { lifted: boolean }>
}) {
  const id = useId()
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const [fieldError, setFieldError] = useState<string | null>(null)
  const [error, setError] = useState<ActionError | null>(null)
  const [done, setDone] = useState<string | null>(null)
  if (done)
    return (
      <p role="status" className="text-xs font-medium text-emerald-800">
        {done}
      </p>
    )
  const submit = async (e: React.FormEvent) => {
    e.preventDefault()
    setError(null)
    if (!note.trim()) return setFieldError('Say why the freeze is lifted')
    setFieldError(null)
    setBusy(true)
    const r = await lift({ orgId, note: note.trim() })
    setBusy(false)
    if (!r.ok) return setError(r.error)
    setDone(r.data.lifted ? 'Freeze lifted.' : 'It was not frozen any more.')
  }
  return (
    <form onSubmit={submit} noValidate aria-label={`Lift the freeze on ${orgName}`} className="flex flex-wrap items-end gap-2">
      <div className="min-w-48 flex-1">
        <Field id={`${id}-note`} label="Reason" error={fieldError ?? undefined}>
          <Input id={`${id}-note`} value={note} maxLength={1000} aria-invalid={!!fieldError} onChange={(e) => setNote(e.target.value)} />
        </Field>
      </div>
      <Button type="submit" size="sm" variant="secondary" loading={busy}>
        Lift freeze
      </Button>
      {error && <ErrorNotice error={error} />}
    </form>
  )
}

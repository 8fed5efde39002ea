'use client'
// Follow-up tasks: add with an optional due date (taskInputSchema), complete / re-open.
import { useState } from 'react'
import { useRouter } from 'next/navigation'
import { useForm } from 'react-hook-form'
import { zodResolver } from '@hookform/resolvers/zod'
import { z } from 'zod'
import { Button } from '@/components/ui/button'
import { Field, Input } from '@/components/ui/field'
import { ErrorNotice } from '@/components/ui/feedback'
import { cn } from '@/components/ui/cn'
import type { ActionError, ActionFn } from '@/lib/action-result'
import { taskInputSchema } from '@/lib/leads/schemas'
import { formatDate, isPast } from './lead-format'

// the form's date input gives "yyyy-mm-dd" or ""; the action gets the same taskInputSchema shape
const taskFormSchema = taskInputSchema.pick({ title: true }).extend({
  due: z
    .string()
    .regex(/^(\d{4}-\d{2}-\d{2})?$/, 'Pick a date')
    .optional(),
})

export interface TaskView {
  id: string
  title: string
  dueAt: string | null
  doneAt: string | null
}

export function TasksPanel({
  orgSlug,
  leadId,
  tasks,
  editable,
  addTask,
  completeTask,
}: {
  orgSlug: string
  leadId: string
  tasks: TaskView[]
  editable: boolean
  addTask: ActionFn<{ orgSlug: string; leadId: string; task: z.input<typeof taskInputSchema> }, unknown>
  completeTask: ActionFn<{ orgSlug: string; taskId: string; done?: boolean }, unknown>
}) {
  const router = useRouter()
  const [error, setError] = useState<ActionError | null>(null)
  const [pending, setPending] = useState<string | null>(null)
  const { register, handleSubmit, reset, formState } = useForm<z.input<typeof taskFormSchema>, unknown, z.output<typeof taskFormSchema>>({
    resolver: zodResolver(taskFormSchema),
    defaultValues: { title: '', due: '' },
  })
  const onSubmit = handleSubmit(async ({ title, due }) => {
    setError(null)
    // a due date means the end of that day in the user's own time zone
    const dueAt = due ? new Date(`${due}T17:00:00`).toISOString() : null
    const r = await addTask({ orgSlug, leadId, task: { title, dueAt } })
    if (!r.ok) {
      setError(r.error)
      return
    }
    reset({ title: '', due: '' })
    router.refresh()
  })
  const toggle = async (t: TaskView) => {
    setError(null)
    setPending(t.id)
    const r = await completeTask({ orgSlug, taskId: t.id, done: !t.doneAt })
    setPending(null)
    if (!r.ok) {
      setError(r.error)
      return
    }
    router.refresh()
  }
  const titleErr = formState.errors.title?.message
  const dueErr = formState.errors.due?.message
  return (
    <div className="space-y-3">
      {tasks.length === 0 ? (
        <p className="text-sm text-slate-500">No tasks yet.</p>
      ) : (
        <ul className="space-y-1" aria-label="Tasks">
          {tasks.map((t) => {
            const overdue = !t.doneAt && t.dueAt && isPast(t.dueAt)
            return (
              <li key={t.id} className="flex items-center gap-2 text-sm">
                <input
                  id={`task-${t.id}`}
                  type="checkbox"
                  checked={!!t.doneAt}
                  disabled={!editable || pending === t.id}
                  onChange={() => toggle(t)}
                />
                <label htmlFor={`task-${t.id}`} className={cn('flex-1', t.doneAt && 'text-slate-400 line-through')}>
                  {t.title}
                </label>
                {t.dueAt && (
                  <span className={cn('text-xs', overdue ? 'font-medium text-red-700' : 'text-slate-500')}>
                    {overdue ? 'Overdue · ' : 'Due '}
                    {formatDate(t.dueAt)}
                  </span>
                )}
              </li>
            )
          })}
        </ul>
      )}
      {editable && (
        <form onSubmit={onSubmit} className="grid grid-cols-[1fr_auto] items-end gap-2" noValidate aria-label="Add a task">
          <div className="col-span-2">
            <Field id="task-title" label="New task" error={titleErr}>
              <Input
                id="task-title"
                maxLength={200}
                aria-invalid={!!titleErr}
                aria-describedby={titleErr ? 'task-title-error' : undefined}
                {...register('title')}
              />
            </Field>
          </div>
          <Field id="task-due" label="Due date" error={dueErr}>
            <Input id="task-due" type="date" aria-invalid={!!dueErr} {...register('due')} />
          </Field>
          <Button type="submit" size="md" loading={formState.isSubmitting}>
            Add task
          </Button>
        </form>
      )}
      {error && <ErrorNotice error={error} />}
    </div>
  )
}

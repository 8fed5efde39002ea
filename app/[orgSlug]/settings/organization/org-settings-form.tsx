'use client'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { zodResolver } from '@hookform/resolvers/zod'
import type { z } from 'zod'
import { updateOrgSettingsSchema } from '@/lib/orgs/schemas'
import { Button } from '@/components/ui/button'
import { Field, Input, Select } from '@/components/ui/field'
import { Alert, ErrorNotice } from '@/components/ui/feedback'
import { fieldErrors } from '@/components/members/action-types'
import type { ActionError, ActionFn } from '@/lib/action-result'

type In = z.input<typeof updateOrgSettingsSchema>
type Out = z.output<typeof updateOrgSettingsSchema>

export function OrgSettingsForm({
  orgSlug,
  initial,
  timeZones,
  update,
}: {
  orgSlug: string
  initial: Out
  timeZones: string[]
  update: ActionFn<In & { orgSlug: string }, { slug: string }>
}) {
  const [error, setError] = useState<ActionError | null>(null)
  const [saved, setSaved] = useState(false)
  const form = useForm<In, unknown, Out>({ resolver: zodResolver(updateOrgSettingsSchema), defaultValues: initial })
  const { register, handleSubmit, formState } = form
  const e = formState.errors

  const onSubmit = handleSubmit(async (values) => {
    setError(null)
    setSaved(false)
    const r = await update({ ...values, orgSlug })
    if (r.ok) {
      // a new slug moves every URL of the org
      if (r.data.slug !== orgSlug) return window.location.assign(`/${r.data.slug}/settings/organization`)
      setSaved(true)
      form.reset(values)
      return
    }
    const fields = fieldErrors(r.error).filter((f): f is { field: keyof In; message: string } =>
      ['name', 'slug', 'timeZone'].includes(f.field),
    )
    for (const f of fields) form.setError(f.field, { message: f.message })
    if (!fields.length) setError(r.error)
  })

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <Field id="org-name" label="Company name" error={e.name?.message}>
        <Input id="org-name" aria-invalid={!!e.name} aria-describedby={e.name ? 'org-name-error' : undefined} {...register('name')} />
      </Field>
      <Field
        id="org-slug"
        label="URL name"
        hint="Lowercase letters, digits and hyphens. Changing it changes every link to your workspace."
        error={e.slug?.message}
      >
        <Input id="org-slug" aria-invalid={!!e.slug} aria-describedby={e.slug ? 'org-slug-error' : 'org-slug-hint'} {...register('slug')} />
      </Field>
      <Field id="org-tz" label="Time zone" hint="Used for quiet hours and schedules." error={e.timeZone?.message}>
        <Select id="org-tz" aria-invalid={!!e.timeZone} {...register('timeZone')}>
          {timeZones.map((tz) => (
            <option key={tz} value={tz}>
              {tz}
            </option>
          ))}
        </Select>
      </Field>
      {saved && <Alert tone="success">Settings saved.</Alert>}
      {error && <ErrorNotice error={error} />}
      <Button type="submit" loading={formState.isSubmitting} disabled={!formState.isDirty}>
        Save changes
      </Button>
    </form>
  )
}

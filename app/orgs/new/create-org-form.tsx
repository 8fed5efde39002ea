'use client'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { zodResolver } from '@hookform/resolvers/zod'
import type { z } from 'zod'
import { createOrgSchema } from '@/lib/orgs/schemas'
import { suggestSlug } from '@/lib/orgs/slug'
import { isTimeZone } from '@/lib/orgs/time-zones'
import { Button } from '@/components/ui/button'
import { Field, Input } from '@/components/ui/field'
import { ErrorNotice } from '@/components/ui/feedback'
import { fieldErrors } from '@/components/members/action-types'
import type { ActionError, ActionFn } from '@/lib/action-result'

type In = z.input<typeof createOrgSchema>
type Out = z.output<typeof createOrgSchema>

export function CreateOrgForm({ create }: { create: ActionFn<In, { slug: string }> }) {
  const [error, setError] = useState<ActionError | null>(null)
  const [slugEdited, setSlugEdited] = useState(false)
  const form = useForm<In, unknown, Out>({ resolver: zodResolver(createOrgSchema), defaultValues: { name: '', slug: '' } })
  const { register, handleSubmit, formState, setValue } = form
  const e = formState.errors
  // the browser's time zone is the best default for a new company
  const browserTz = Intl.DateTimeFormat().resolvedOptions().timeZone
  const timeZone = browserTz && isTimeZone(browserTz) ? browserTz : undefined

  const onSubmit = handleSubmit(async (values) => {
    setError(null)
    const r = await create({ ...values, ...(timeZone ? { timeZone } : {}) })
    if (r.ok) return window.location.assign(`/${r.data.slug}`)
    const fields = fieldErrors(r.error).filter(
      (f): f is { field: 'name' | 'slug'; message: string } => f.field === 'name' || f.field === 'slug',
    )
    for (const f of fields) form.setError(f.field, { message: f.message })
    if (!fields.length) setError(r.error)
  })

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <Field id="new-org-name" label="Company name" error={e.name?.message}>
        <Input
          id="new-org-name"
          autoFocus
          aria-invalid={!!e.name}
          aria-describedby={e.name ? 'new-org-name-error' : undefined}
          {...register('name', {
            onChange: (ev) => {
              if (!slugEdited) setValue('slug', suggestSlug(ev.target.value))
            },
          })}
        />
      </Field>
      <Field id="new-org-slug" label="URL name" hint="Your workspace address: fishmouth.app/<url name>" error={e.slug?.message}>
        <Input
          id="new-org-slug"
          aria-invalid={!!e.slug}
          aria-describedby={e.slug ? 'new-org-slug-error' : 'new-org-slug-hint'}
          {...register('slug', { onChange: () => setSlugEdited(true) })}
        />
      </Field>
      {error && <ErrorNotice error={error} />}
      <Button type="submit" loading={formState.isSubmitting}>
        Create organization
      </Button>
    </form>
  )
}

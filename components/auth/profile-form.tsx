'use client'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { zodResolver } from '@hookform/resolvers/zod'
import type { z } from 'zod'
import { updateProfileSchema } from '@/lib/auth/schemas'
import { Button } from '@/components/ui/button'
import { Field, Input } from '@/components/ui/field'
import { Alert, ErrorNotice } from '@/components/ui/feedback'
import { applyActionError } from '@/components/auth/form-helpers'
import type { ActionError, ActionResult } from '@/lib/action-result'

type In = z.input<typeof updateProfileSchema>
type Out = z.output<typeof updateProfileSchema>

export function ProfileForm({
  name,
  email,
  action,
}: {
  name: string
  email: string
  action: (input: In) => Promise<ActionResult<{ name: string }>>
}) {
  const [error, setErrorNotice] = useState<ActionError | null>(null)
  const [saved, setSaved] = useState(false)
  const { register, handleSubmit, setError, reset, formState } = useForm<In, unknown, Out>({
    resolver: zodResolver(updateProfileSchema),
    defaultValues: { name },
  })
  const { errors, isSubmitting, isDirty } = formState

  const onSubmit = handleSubmit(async (values) => {
    setErrorNotice(null)
    setSaved(false)
    const r = await action(values)
    if (r.ok) {
      reset({ name: r.data.name })
      setSaved(true)
    } else setErrorNotice(applyActionError(r.error, setError, ['name']))
  })

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-md space-y-4" aria-busy={isSubmitting}>
      {saved && <Alert tone="success">Profile saved.</Alert>}
      {error && <ErrorNotice error={error} />}
      <Field id="name" label="Name" error={errors.name?.message}>
        <Input
          id="name"
          autoComplete="name"
          aria-invalid={!!errors.name}
          aria-describedby={errors.name ? 'name-error' : undefined}
          {...register('name')}
        />
      </Field>
      <Field id="email" label="Email" hint="Your sign-in email. Contact support to change it.">
        <Input id="email" value={email} readOnly disabled aria-describedby="email-hint" />
      </Field>
      <Button type="submit" loading={isSubmitting} disabled={!isDirty}>
        {isSubmitting ? 'Saving…' : 'Save'}
      </Button>
    </form>
  )
}

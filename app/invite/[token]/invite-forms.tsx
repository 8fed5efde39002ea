'use client'
import { useState, useTransition } from 'react'
import { useForm } from 'react-hook-form'
import { zodResolver } from '@hookform/resolvers/zod'
import type { z } from 'zod'
import { signUpFromInvitationSchema } from '@/lib/members/schemas'
import { Button } from '@/components/ui/button'
import { Field, Input } from '@/components/ui/field'
import { ErrorNotice } from '@/components/ui/feedback'
import { fieldErrors } from '@/components/members/action-types'
import type { ActionError, ActionFn } from '@/lib/action-result'

type Done = { orgSlug: string }

export function AcceptInvitationButton({
  token,
  orgName,
  accept,
}: {
  token: string
  orgName: string
  accept: ActionFn<{ token: string }, Done>
}) {
  const [pending, start] = useTransition()
  const [error, setError] = useState<ActionError | null>(null)
  const onAccept = () =>
    start(async () => {
      setError(null)
      const r = await accept({ token })
      if (r.ok) window.location.assign(`/${r.data.orgSlug}`)
      else setError(r.error)
    })
  return (
    <div className="space-y-3">
      <Button onClick={onAccept} loading={pending}>
        Accept and join {orgName}
      </Button>
      {error && <ErrorNotice error={error} />}
    </div>
  )
}

type In = z.input<typeof signUpFromInvitationSchema>
type Out = z.output<typeof signUpFromInvitationSchema>

export function SignUpFromInvitationForm({ token, email, signUp }: { token: string; email: string; signUp: ActionFn<In, Done> }) {
  const [error, setError] = useState<ActionError | null>(null)
  const form = useForm<In, unknown, Out>({
    resolver: zodResolver(signUpFromInvitationSchema),
    defaultValues: { token, name: '', password: '' },
  })
  const { register, handleSubmit, formState } = form
  const e = formState.errors
  const onSubmit = handleSubmit(async (values) => {
    setError(null)
    const r = await signUp(values)
    if (r.ok) return window.location.assign(`/${r.data.orgSlug}`)
    const fields = fieldErrors(r.error).filter(
      (f): f is { field: 'name' | 'password'; message: string } => f.field === 'name' || f.field === 'password',
    )
    for (const f of fields) form.setError(f.field, { message: f.message })
    if (!fields.length) setError(r.error)
  })
  return (
    <form onSubmit={onSubmit} noValidate className="mt-3 space-y-3">
      <input type="hidden" {...register('token')} />
      <Field id="invite-signup-email" label="Email">
        <Input id="invite-signup-email" value={email} readOnly autoComplete="username" />
      </Field>
      <Field id="invite-signup-name" label="Your name" error={e.name?.message}>
        <Input
          id="invite-signup-name"
          autoComplete="name"
          aria-invalid={!!e.name}
          aria-describedby={e.name ? 'invite-signup-name-error' : undefined}
          {...register('name')}
        />
      </Field>
      <Field
        id="invite-signup-password"
        label="Password"
        hint="At least 12 characters; not a common password; not containing your email."
        error={e.password?.message}
      >
        <Input
          id="invite-signup-password"
          type="password"
          autoComplete="new-password"
          aria-invalid={!!e.password}
          aria-describedby={e.password ? 'invite-signup-password-error' : 'invite-signup-password-hint'}
          {...register('password')}
        />
      </Field>
      {error && <ErrorNotice error={error} />}
      <Button type="submit" loading={formState.isSubmitting}>
        Create account and join
      </Button>
    </form>
  )
}

'use client'
import { useState } from 'react'
import { useForm, useWatch } from 'react-hook-form'
import { zodResolver } from '@hookform/resolvers/zod'
import type { z } from 'zod'
import { changePasswordSchema } from '@/lib/auth/schemas'
import { Button } from '@/components/ui/button'
import { Field, Input } from '@/components/ui/field'
import { Alert, ErrorNotice } from '@/components/ui/feedback'
import { PasswordHints } from '@/components/auth/password-hints'
import { applyActionError } from '@/components/auth/form-helpers'
import type { ActionError, ActionResult } from '@/lib/action-result'

type In = z.input<typeof changePasswordSchema>
type Out = z.output<typeof changePasswordSchema>

export function ChangePasswordForm({
  email,
  action,
}: {
  email: string
  action: (input: In) => Promise<ActionResult<{ otherSessionsRevoked: number }>>
}) {
  const [error, setErrorNotice] = useState<ActionError | null>(null)
  const [done, setDone] = useState<string | null>(null)
  const { register, handleSubmit, setError, reset, control, formState } = useForm<In, unknown, Out>({
    resolver: zodResolver(changePasswordSchema),
    defaultValues: { currentPassword: '', newPassword: '', confirm: '' },
  })
  const { errors, isSubmitting } = formState
  const newPassword = useWatch({ control, name: 'newPassword' })

  const onSubmit = handleSubmit(async (values) => {
    setErrorNotice(null)
    setDone(null)
    const r = await action(values)
    if (r.ok) {
      reset()
      const n = r.data.otherSessionsRevoked
      setDone(`Password changed.${n ? ` ${n} other session${n === 1 ? ' was' : 's were'} signed out.` : ''}`)
    } else setErrorNotice(applyActionError(r.error, setError, ['currentPassword', 'newPassword', 'confirm']))
  })

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-md space-y-4" aria-busy={isSubmitting}>
      {done && <Alert tone="success">{done}</Alert>}
      {error && <ErrorNotice error={error} />}
      <input type="email" autoComplete="username" value={email} readOnly hidden />
      <Field id="currentPassword" label="Current password" error={errors.currentPassword?.message}>
        <Input
          id="currentPassword"
          type="password"
          autoComplete="current-password"
          aria-invalid={!!errors.currentPassword}
          aria-describedby={errors.currentPassword ? 'currentPassword-error' : undefined}
          {...register('currentPassword')}
        />
      </Field>
      <Field id="newPassword" label="New password" error={errors.newPassword?.message}>
        <Input
          id="newPassword"
          type="password"
          autoComplete="new-password"
          aria-invalid={!!errors.newPassword}
          aria-describedby={errors.newPassword ? 'newPassword-error new-password-rules' : 'new-password-rules'}
          {...register('newPassword')}
        />
        <PasswordHints id="new-password-rules" password={newPassword} email={email} />
      </Field>
      <Field id="confirm" label="Confirm password" error={errors.confirm?.message}>
        <Input
          id="confirm"
          type="password"
          autoComplete="new-password"
          aria-invalid={!!errors.confirm}
          aria-describedby={errors.confirm ? 'confirm-error' : undefined}
          {...register('confirm')}
        />
      </Field>
      <Button type="submit" loading={isSubmitting}>
        {isSubmitting ? 'Changing…' : 'Change password'}
      </Button>
    </form>
  )
}

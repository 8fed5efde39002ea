'use client'
import { useState } from 'react'
import Link from 'next/link'
import { useForm, useWatch } from 'react-hook-form'
import { zodResolver } from '@hookform/resolvers/zod'
import type { z } from 'zod'
import { resetPasswordSchema } from '@/lib/auth/schemas'
import { Button } from '@/components/ui/button'
import { Field, Input } from '@/components/ui/field'
import { ErrorNotice } from '@/components/ui/feedback'
import { PasswordHints } from '@/components/auth/password-hints'
import { applyActionError } from '@/components/auth/form-helpers'
import type { ActionError, ActionResult } from '@/lib/action-result'
import { reasonOf } from '@/lib/errors'

type In = z.input<typeof resetPasswordSchema>
type Out = z.output<typeof resetPasswordSchema>

export function ResetPasswordForm({
  token,
  action,
}: {
  token: string
  action: (input: In) => Promise<ActionResult<{ redirectTo: string }>>
}) {
  const [error, setErrorNotice] = useState<ActionError | null>(null)
  const { register, handleSubmit, setError, control, formState } = useForm<In, unknown, Out>({
    resolver: zodResolver(resetPasswordSchema),
    defaultValues: { token, password: '', confirm: '' },
  })
  const { errors, isSubmitting } = formState
  const newPassword = useWatch({ control, name: 'password' })

  const onSubmit = handleSubmit(async (values) => {
    setErrorNotice(null)
    const r = await action(values)
    if (r.ok) window.location.assign(r.data.redirectTo)
    else setErrorNotice(applyActionError(r.error, setError, ['password', 'confirm']))
  })

  const reason = reasonOf(error)
  const linkProblem = reason === 'INVALID' || reason === 'USED' || reason === 'EXPIRED'
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-busy={isSubmitting}>
      {error && (
        <ErrorNotice
          error={error}
          action={
            linkProblem ? (
              <Link href="/forgot-password" className="underline">
                Request a new link
              </Link>
            ) : undefined
          }
        />
      )}
      <input type="hidden" {...register('token')} />
      <Field id="password" label="New password" error={errors.password?.message}>
        <Input
          id="password"
          type="password"
          autoComplete="new-password"
          aria-invalid={!!errors.password}
          aria-describedby={errors.password ? 'password-error password-rules' : 'password-rules'}
          {...register('password')}
        />
        <PasswordHints id="password-rules" password={newPassword} />
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
      <Button type="submit" className="w-full" loading={isSubmitting}>
        {isSubmitting ? 'Saving…' : 'Set new password'}
      </Button>
    </form>
  )
}

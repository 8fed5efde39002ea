'use client'
import { useState } from 'react'
import Link from 'next/link'
import { useForm } from 'react-hook-form'
import { zodResolver } from '@hookform/resolvers/zod'
import type { z } from 'zod'
import { forgotPasswordSchema } from '@/lib/auth/schemas'
import { Button } from '@/components/ui/button'
import { Field, Input } from '@/components/ui/field'
import { Alert, ErrorNotice } from '@/components/ui/feedback'
import { applyActionError } from '@/components/auth/form-helpers'
import type { ActionError, ActionResult } from '@/lib/action-result'

type In = z.input<typeof forgotPasswordSchema>
type Out = z.output<typeof forgotPasswordSchema>

export function ForgotPasswordForm({ action }: { action: (input: In) => Promise<ActionResult<{ message: string }>> }) {
  const [error, setErrorNotice] = useState<ActionError | null>(null)
  const [done, setDone] = useState<string | null>(null)
  const { register, handleSubmit, setError, formState } = useForm<In, unknown, Out>({
    resolver: zodResolver(forgotPasswordSchema),
    defaultValues: { email: '' },
  })
  const { errors, isSubmitting } = formState

  const onSubmit = handleSubmit(async (values) => {
    setErrorNotice(null)
    const r = await action(values)
    if (r.ok) setDone(r.data.message)
    else setErrorNotice(applyActionError(r.error, setError, ['email']))
  })

  if (done) {
    return (
      <div className="space-y-4">
        <Alert tone="success" title="Check your inbox">
          {done} The link expires in 1 hour.
        </Alert>
        <Link href="/sign-in" className="inline-block text-sm font-medium text-brand-600 hover:underline">
          Back to sign in
        </Link>
      </div>
    )
  }
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-busy={isSubmitting}>
      {error && <ErrorNotice error={error} />}
      <Field id="email" label="Email" error={errors.email?.message}>
        <Input
          id="email"
          type="email"
          autoComplete="email"
          aria-invalid={!!errors.email}
          aria-describedby={errors.email ? 'email-error' : undefined}
          {...register('email')}
        />
      </Field>
      <Button type="submit" className="w-full" loading={isSubmitting}>
        {isSubmitting ? 'Sending…' : 'Send reset link'}
      </Button>
      <p className="text-center text-sm text-slate-600">
        Remembered it?{' '}
        <Link href="/sign-in" className="font-medium text-brand-600 hover:underline">
          Sign in
        </Link>
      </p>
    </form>
  )
}

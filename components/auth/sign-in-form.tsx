'use client'
import { useState } from 'react'
import Link from 'next/link'
import { useForm } from 'react-hook-form'
import { zodResolver } from '@hookform/resolvers/zod'
import type { z } from 'zod'
import { signInSchema } from '@/lib/auth/schemas'
import { Button } from '@/components/ui/button'
import { Field, Input } from '@/components/ui/field'
import { Alert, ErrorNotice } from '@/components/ui/feedback'
import { applyActionError, retryAfterOf, retryAtText } from '@/components/auth/form-helpers'
import type { ActionError, ActionResult } from '@/lib/action-result'
import { reasonOf } from '@/lib/errors'

type In = z.input<typeof signInSchema>
type Out = z.output<typeof signInSchema>
type Result = { status: 'SIGNED_IN' | 'TWO_FACTOR_REQUIRED'; redirectTo: string | null }

export function SignInForm({ action, next }: { action: (input: In) => Promise<ActionResult<Result>>; next?: string }) {
  const [error, setErrorNotice] = useState<ActionError | null>(null)
  const [lockedUntil, setLockedUntil] = useState<string | null>(null)
  const [needsCode, setNeedsCode] = useState(false)
  const { register, handleSubmit, setError, setFocus, formState } = useForm<In, unknown, Out>({
    resolver: zodResolver(signInSchema),
    defaultValues: { email: '', password: '', totp: '', rememberMe: false, next },
  })
  const { errors, isSubmitting } = formState

  const onSubmit = handleSubmit(async (values) => {
    setErrorNotice(null)
    setLockedUntil(null)
    const r = await action({ ...values, next })
    if (r.ok) {
      if (r.data.status === 'TWO_FACTOR_REQUIRED') {
        setNeedsCode(true)
        setTimeout(() => setFocus('totp'), 0)
        return
      }
      window.location.assign(r.data.redirectTo ?? '/')
      return
    }
    const retry = r.error.code === 'RATE_LIMITED' ? retryAfterOf(r.error) : null
    if (retry) setLockedUntil(retryAtText(retry))
    if (needsCode && reasonOf(r.error) === 'BAD_TWO_FACTOR_CODE') {
      setError('totp', { type: 'server', message: r.error.message })
      return
    }
    setErrorNotice(applyActionError(r.error, setError, ['email', 'password', 'totp']))
  })

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-busy={isSubmitting}>
      {lockedUntil && error ? (
        <Alert tone="error" title="Sign-in is paused">
          {error.message} You can try again at {lockedUntil}, or{' '}
          <Link href="/forgot-password" className="underline">
            reset your password
          </Link>
          .
          <p className="mt-1 text-xs opacity-80">
            Support reference: <code>{error.requestId}</code>
          </p>
        </Alert>
      ) : (
        error && <ErrorNotice error={error} />
      )}
      <div className={needsCode ? 'hidden' : 'space-y-4'}>
        <Field id="email" label="Email" error={errors.email?.message}>
          <Input
            id="email"
            type="email"
            autoComplete="username"
            aria-invalid={!!errors.email}
            aria-describedby={errors.email ? 'email-error' : undefined}
            {...register('email')}
          />
        </Field>
        <Field id="password" label="Password" error={errors.password?.message}>
          <Input
            id="password"
            type="password"
            autoComplete="current-password"
            aria-invalid={!!errors.password}
            aria-describedby={errors.password ? 'password-error' : undefined}
            {...register('password')}
          />
        </Field>
        <div className="flex items-center justify-between">
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" className="h-4 w-4 rounded border-slate-300" {...register('rememberMe')} />
            Remember me for 30 days
          </label>
          <Link href="/forgot-password" className="text-sm font-medium text-brand-600 hover:underline">
            Forgot password?
          </Link>
        </div>
      </div>
      {needsCode && (
        <Field
          id="totp"
          label="Authentication code"
          hint="The 6-digit code from your authenticator app, or one of your recovery codes."
          error={errors.totp?.message}
        >
          <Input
            id="totp"
            inputMode="text"
            autoComplete="one-time-code"
            aria-invalid={!!errors.totp}
            aria-describedby={errors.totp ? 'totp-error' : 'totp-hint'}
            {...register('totp')}
          />
        </Field>
      )}
      <Button type="submit" className="w-full" loading={isSubmitting}>
        {isSubmitting ? 'Signing in…' : needsCode ? 'Verify and sign in' : 'Sign in'}
      </Button>
      {needsCode ? (
        <button type="button" className="w-full text-center text-sm text-slate-600 hover:underline" onClick={() => setNeedsCode(false)}>
          Use a different account
        </button>
      ) : (
        <p className="text-center text-sm text-slate-600">
          New to Fish Mouth?{' '}
          <Link href="/sign-up" className="font-medium text-brand-600 hover:underline">
            Create an account
          </Link>
        </p>
      )}
    </form>
  )
}

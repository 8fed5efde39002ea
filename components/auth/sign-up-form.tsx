'use client'
import { useState } from 'react'
import Link from 'next/link'
import { useForm, useWatch } from 'react-hook-form'
import { zodResolver } from '@hookform/resolvers/zod'
import type { z } from 'zod'
import { signUpSchema } from '@/lib/auth/schemas'
import { suggestSlug } from '@/lib/orgs/slug'
import { Button } from '@/components/ui/button'
import { Field, Input } from '@/components/ui/field'
import { ErrorNotice } from '@/components/ui/feedback'
import { PasswordHints } from '@/components/auth/password-hints'
import { applyActionError } from '@/components/auth/form-helpers'
import type { ActionError, ActionResult } from '@/lib/action-result'

type In = z.input<typeof signUpSchema>
type Out = z.output<typeof signUpSchema>
const FIELDS = ['name', 'email', 'password', 'companyName', 'slug'] as const

export function SignUpForm({
  action,
  addressPrefix,
}: {
  action: (input: In) => Promise<ActionResult<{ redirectTo: string }>>
  addressPrefix: string
}) {
  const [error, setErrorNotice] = useState<ActionError | null>(null)
  const [slugEdited, setSlugEdited] = useState(false)
  const form = useForm<In, unknown, Out>({
    resolver: zodResolver(signUpSchema),
    defaultValues: { name: '', email: '', password: '', companyName: '', slug: '' },
    mode: 'onTouched',
  })
  const { register, handleSubmit, control, setValue, setError, formState } = form
  const { errors, isSubmitting } = formState
  const [password, email] = useWatch({ control, name: ['password', 'email'] })

  const onSubmit = handleSubmit(async (values) => {
    setErrorNotice(null)
    const r = await action(values)
    if (r.ok) {
      window.location.assign(r.data.redirectTo)
      return
    }
    setErrorNotice(applyActionError(r.error, setError, FIELDS))
  })

  const company = register('companyName', {
    onChange: (e) => {
      if (!slugEdited) setValue('slug', suggestSlug(e.target.value), { shouldValidate: formState.touchedFields.slug })
    },
  })

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-busy={isSubmitting}>
      {error && <ErrorNotice error={error} />}
      <Field id="name" label="Your name" error={errors.name?.message}>
        <Input
          id="name"
          autoComplete="name"
          aria-invalid={!!errors.name}
          aria-describedby={errors.name ? 'name-error' : undefined}
          {...register('name')}
        />
      </Field>
      <Field id="email" label="Work email" error={errors.email?.message}>
        <Input
          id="email"
          type="email"
          autoComplete="email"
          aria-invalid={!!errors.email}
          aria-describedby={errors.email ? 'email-error' : undefined}
          {...register('email')}
        />
      </Field>
      <Field id="password" label="Password" error={errors.password?.message}>
        <Input
          id="password"
          type="password"
          autoComplete="new-password"
          aria-invalid={!!errors.password}
          aria-describedby={errors.password ? 'password-error password-rules' : 'password-rules'}
          {...register('password')}
        />
        <PasswordHints id="password-rules" password={password} email={email} />
      </Field>
      <Field id="companyName" label="Company name" error={errors.companyName?.message}>
        <Input
          id="companyName"
          autoComplete="organization"
          aria-invalid={!!errors.companyName}
          aria-describedby={errors.companyName ? 'companyName-error' : undefined}
          {...company}
        />
      </Field>
      <Field
        id="slug"
        label="Your Fish Mouth address"
        hint="Lowercase letters, digits and hyphens. You can change it later."
        error={errors.slug?.message}
      >
        <div className="flex items-center rounded-md">
          <span className="mr-1 whitespace-nowrap text-sm text-slate-500" aria-hidden>
            {addressPrefix}
          </span>
          <Input
            id="slug"
            autoCapitalize="none"
            spellCheck={false}
            aria-invalid={!!errors.slug}
            aria-describedby={errors.slug ? 'slug-error' : 'slug-hint'}
            {...register('slug', { onChange: () => setSlugEdited(true) })}
          />
        </div>
      </Field>
      <Button type="submit" className="w-full" loading={isSubmitting}>
        {isSubmitting ? 'Creating your account…' : 'Create account'}
      </Button>
      <p className="text-center text-sm text-slate-600">
        Already have an account?{' '}
        <Link href="/sign-in" className="font-medium text-brand-600 hover:underline">
          Sign in
        </Link>
      </p>
    </form>
  )
}

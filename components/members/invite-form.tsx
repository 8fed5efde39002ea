'use client'
import { useState } from 'react'
import { useRouter } from 'next/navigation'
import { useForm } from 'react-hook-form'
import { zodResolver } from '@hookform/resolvers/zod'
import type { z } from 'zod'
import { inviteMemberSchema, ROLE_LABELS } from '@/lib/members/schemas'
import { Button } from '@/components/ui/button'
import { Field, Input, Select } from '@/components/ui/field'
import { Alert, ErrorNotice } from '@/components/ui/feedback'
import { fieldErrors } from './action-types'
import type { ActionError, ActionFn } from '@/lib/action-result'

type Role = keyof typeof ROLE_LABELS

export function InviteForm({
  orgSlug,
  grantableRoles,
  invite,
}: {
  orgSlug: string
  grantableRoles: Role[]
  invite: ActionFn<z.input<typeof inviteMemberSchema> & { orgSlug: string }, { email: string }>
}) {
  const router = useRouter()
  const [error, setError] = useState<ActionError | null>(null)
  const [sent, setSent] = useState<string | null>(null)
  const form = useForm<z.input<typeof inviteMemberSchema>, unknown, z.output<typeof inviteMemberSchema>>({
    resolver: zodResolver(inviteMemberSchema),
    defaultValues: { email: '', role: grantableRoles.includes('REP') ? 'REP' : grantableRoles[grantableRoles.length - 1] },
  })
  const { register, handleSubmit, formState, reset } = form

  const onSubmit = handleSubmit(async (values) => {
    setError(null)
    setSent(null)
    const r = await invite({ ...values, orgSlug })
    if (r.ok) {
      setSent(r.data.email)
      reset({ email: '', role: values.role })
      router.refresh()
      return
    }
    const fields = fieldErrors(r.error)
    for (const f of fields) if (f.field === 'email' || f.field === 'role') form.setError(f.field, { message: f.message })
    if (!fields.length) setError(r.error)
  })

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label="Invite a member">
      <div className="grid gap-3 sm:grid-cols-[1fr_12rem_auto] sm:items-end">
        <Field id="invite-email" label="Email address" error={formState.errors.email?.message}>
          <Input
            id="invite-email"
            type="email"
            autoComplete="off"
            placeholder="teammate@company.com"
            aria-invalid={!!formState.errors.email}
            aria-describedby={formState.errors.email ? 'invite-email-error' : undefined}
            {...register('email')}
          />
        </Field>
        <Field id="invite-role" label="Role" error={formState.errors.role?.message}>
          <Select id="invite-role" aria-invalid={!!formState.errors.role} {...register('role')}>
            {grantableRoles.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </Select>
        </Field>
        <Button type="submit" loading={formState.isSubmitting}>
          Send invitation
        </Button>
      </div>
      {sent && <Alert tone="success">Invitation sent to {sent}. The link is valid for 7 days.</Alert>}
      {error && <ErrorNotice error={error} />}
    </form>
  )
}

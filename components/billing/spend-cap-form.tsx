'use client'
// The OWNER's spend-cap form: whole dollars, 0–1,000,000 (the same zod schema as the server action).
import { useState } from 'react'
import { useRouter } from 'next/navigation'
import { useForm, useWatch } from 'react-hook-form'
import { zodResolver } from '@hookform/resolvers/zod'
import { Button } from '@/components/ui/button'
import { Field, Input } from '@/components/ui/field'
import { Alert, ErrorNotice } from '@/components/ui/feedback'
import { fieldErrors } from '@/components/members/action-types'
import type { ActionError, ActionFn } from '@/lib/action-result'
import { formatCents } from '@/lib/billing/plans'
import { spendCapSchema, type SpendCapInput } from '@/lib/billing/spend-cap-schema'

type FormValues = { capDollars: string }

export function SpendCapForm({
  orgSlug,
  capCents,
  usedCents,
  save,
}: {
  orgSlug: string
  capCents: number
  usedCents: number
  save: ActionFn<{ orgSlug: string; capDollars: unknown }, { capCents: number; previousCapCents: number; changed: boolean }>
}) {
  const router = useRouter()
  const [error, setError] = useState<ActionError | null>(null)
  const [saved, setSaved] = useState<string | null>(null)
  const form = useForm<FormValues, unknown, SpendCapInput>({
    resolver: zodResolver(spendCapSchema) as never,
    defaultValues: { capDollars: String(capCents / 100) },
  })
  const { register, handleSubmit, formState, control } = form
  const err = formState.errors.capDollars?.message
  const typed = Number(
    String(useWatch({ control, name: 'capDollars' }) ?? '')
      .replace(/^\$/, '')
      .replaceAll(',', ''),
  )
  const belowUsed = Number.isInteger(typed) && typed >= 0 && typed * 100 < usedCents

  const onSubmit = handleSubmit(async (values) => {
    setError(null)
    setSaved(null)
    const r = await save({ orgSlug, capDollars: values.capDollars })
    if (!r.ok) {
      const f = fieldErrors(r.error).find((x) => x.field.endsWith('capDollars') || x.field.endsWith('capCents'))
      if (f) form.setError('capDollars', { message: f.message })
      else setError(r.error)
      return
    }
    setSaved(r.data.changed ? `Spend cap set to ${formatCents({ cents: r.data.capCents })}.` : 'The spend cap is unchanged.')
    form.reset({ capDollars: String(r.data.capCents / 100) })
    router.refresh()
  })

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Monthly spend cap" className="space-y-3">
      <div className="grid gap-3 sm:grid-cols-[minmax(0,16rem)_auto] sm:items-end">
        <Field id="spend-cap" label="Monthly spend cap (US dollars)" error={err}>
          <div className="relative">
            <span className="pointer-events-none absolute inset-y-0 left-3 flex items-center text-sm text-slate-500" aria-hidden>
              $
            </span>
            <Input
              id="spend-cap"
              inputMode="numeric"
              autoComplete="off"
              className="pl-7"
              aria-invalid={!!err}
              aria-describedby={err ? 'spend-cap-error' : 'spend-cap-hint'}
              {...register('capDollars')}
            />
          </div>
        </Field>
        <Button type="submit" loading={formState.isSubmitting}>
          Save cap
        </Button>
      </div>
      {!err && (
        <p id="spend-cap-hint" className="text-xs text-slate-500">
          Whole dollars, $0 to $1,000,000. Usage fees are never charged above it; at 100&nbsp;% billable work pauses until you raise it or
          the period ends.
        </p>
      )}
      {belowUsed && !err && (
        <Alert tone="warning">This is below what this period has already used: billable work will pause until the period ends.</Alert>
      )}
      {saved && <Alert tone="success">{saved}</Alert>}
      {error && <ErrorNotice error={error} />}
    </form>
  )
}

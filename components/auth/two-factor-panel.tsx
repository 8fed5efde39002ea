'use client'
import { useState } from 'react'
import { useRouter } from 'next/navigation'
import { useForm } from 'react-hook-form'
import { zodResolver } from '@hookform/resolvers/zod'
import type { z } from 'zod'
import { confirmTwoFactorSchema, disableTwoFactorSchema, regenerateRecoveryCodesSchema } from '@/lib/auth/schemas'
import { Button } from '@/components/ui/button'
import { Field, Input } from '@/components/ui/field'
import { Alert, Badge, ErrorNotice } from '@/components/ui/feedback'
import { RecoveryCodes } from '@/components/auth/recovery-codes'
import { applyActionError } from '@/components/auth/form-helpers'
import type { ActionError, ActionResult } from '@/lib/action-result'

type Setup = { otpauthUri: string; qrDataUrl: string; secret: string }
type Codes = { recoveryCodes: string[] }
type Empty = Record<string, never>

export interface TwoFactorActions {
  start: (input: Empty) => Promise<ActionResult<Setup>>
  confirm: (input: z.input<typeof confirmTwoFactorSchema>) => Promise<ActionResult<Codes>>
  disable: (input: z.input<typeof disableTwoFactorSchema>) => Promise<ActionResult<{ disabled: boolean }>>
  regenerate: (input: z.input<typeof regenerateRecoveryCodesSchema>) => Promise<ActionResult<Codes>>
}

export function TwoFactorPanel({
  enabledAt,
  unusedRecoveryCodes,
  actions,
}: {
  enabledAt: string | null
  unusedRecoveryCodes: number
  actions: TwoFactorActions
}) {
  const router = useRouter()
  const [setup, setSetup] = useState<Setup | null>(null)
  const [codes, setCodes] = useState<string[] | null>(null)
  const [mode, setMode] = useState<'idle' | 'disable' | 'regenerate'>('idle')
  const [error, setError] = useState<ActionError | null>(null)
  const [starting, setStarting] = useState(false)

  if (codes) {
    return (
      <RecoveryCodes
        codes={codes}
        onDone={() => {
          setCodes(null)
          setSetup(null)
          setMode('idle')
          router.refresh()
        }}
      />
    )
  }

  if (!enabledAt) {
    return (
      <div className="space-y-4">
        {error && <ErrorNotice error={error} />}
        {!setup ? (
          <>
            <p className="text-sm text-slate-600">
              Protect your account with a code from an authenticator app (Google Authenticator, 1Password, Authy…) at every sign-in.
            </p>
            <Button
              type="button"
              loading={starting}
              onClick={async () => {
                setStarting(true)
                setError(null)
                const r = await actions.start({})
                setStarting(false)
                if (r.ok) setSetup(r.data)
                else setError(r.error)
              }}
            >
              Set up two-factor authentication
            </Button>
          </>
        ) : (
          <div className="space-y-4">
            <ol className="list-decimal space-y-1 pl-5 text-sm text-slate-700">
              <li>Scan this QR code with your authenticator app.</li>
              <li>Enter the 6-digit code it shows.</li>
            </ol>
            {/* eslint-disable-next-line @next/next/no-img-element -- a data URL, nothing to optimise */}
            <img
              src={setup.qrDataUrl}
              alt="QR code for your authenticator app"
              width={180}
              height={180}
              className="rounded border border-slate-200"
            />
            <p className="text-xs text-slate-500">
              Cannot scan? Enter this key: <code className="select-all break-all rounded bg-slate-100 px-1">{setup.secret}</code>
            </p>
            <CodeForm
              schema={confirmTwoFactorSchema}
              label="Code from the app"
              submit="Turn on two-factor"
              onSubmit={actions.confirm}
              onSuccess={(d) => setCodes(d.recoveryCodes)}
            />
          </div>
        )}
      </div>
    )
  }

  return (
    <div className="space-y-4">
      {error && <ErrorNotice error={error} />}
      <p className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
        <Badge className="bg-emerald-100 text-emerald-800">On</Badge>
        <span>since</span> {new Date(enabledAt).toLocaleDateString([], { dateStyle: 'medium' })} · {unusedRecoveryCodes} unused recovery
        code{unusedRecoveryCodes === 1 ? '' : 's'}
      </p>
      {unusedRecoveryCodes <= 3 && <Alert tone="warning">You are running out of recovery codes. Generate new ones.</Alert>}
      {mode === 'idle' && (
        <div className="flex flex-wrap gap-2">
          <Button type="button" variant="secondary" onClick={() => setMode('regenerate')}>
            New recovery codes
          </Button>
          <Button type="button" variant="danger" onClick={() => setMode('disable')}>
            Turn off two-factor
          </Button>
        </div>
      )}
      {mode === 'regenerate' && (
        <div className="space-y-2">
          <p className="text-sm text-slate-600">Your old recovery codes stop working.</p>
          <CodeForm
            schema={regenerateRecoveryCodesSchema}
            label="Code from the app"
            submit="Generate new codes"
            onSubmit={actions.regenerate}
            onSuccess={(d) => setCodes(d.recoveryCodes)}
            onCancel={() => setMode('idle')}
          />
        </div>
      )}
      {mode === 'disable' && (
        <DisableForm
          onSubmit={actions.disable}
          onCancel={() => setMode('idle')}
          onSuccess={() => {
            setMode('idle')
            router.refresh()
          }}
        />
      )}
    </div>
  )
}

function CodeForm<T>({
  schema,
  label,
  submit,
  onSubmit,
  onSuccess,
  onCancel,
}: {
  schema: typeof confirmTwoFactorSchema
  label: string
  submit: string
  onSubmit: (input: { code: string }) => Promise<ActionResult<T>>
  onSuccess: (data: T) => void
  onCancel?: () => void
}) {
  const [error, setErrorNotice] = useState<ActionError | null>(null)
  const { register, handleSubmit, setError, formState } = useForm<z.input<typeof schema>, unknown, z.output<typeof schema>>({
    resolver: zodResolver(schema),
    defaultValues: { code: '' },
  })
  const { errors, isSubmitting } = formState
  return (
    <form
      noValidate
      className="max-w-xs space-y-3"
      aria-busy={isSubmitting}
      onSubmit={handleSubmit(async (values) => {
        setErrorNotice(null)
        const r = await onSubmit(values)
        if (r.ok) onSuccess(r.data)
        else setErrorNotice(applyActionError(r.error, setError, ['code']))
      })}
    >
      {error && <ErrorNotice error={error} />}
      <Field id="tf-code" label={label} error={errors.code?.message}>
        <Input
          id="tf-code"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          aria-invalid={!!errors.code}
          aria-describedby={errors.code ? 'tf-code-error' : undefined}
          {...register('code')}
        />
      </Field>
      <div className="flex gap-2">
        <Button type="submit" loading={isSubmitting}>
          {submit}
        </Button>
        {onCancel && (
          <Button type="button" variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
        )}
      </div>
    </form>
  )
}

function DisableForm({
  onSubmit,
  onSuccess,
  onCancel,
}: {
  onSubmit: TwoFactorActions['disable']
  onSuccess: () => void
  onCancel: () => void
}) {
  const [error, setErrorNotice] = useState<ActionError | null>(null)
  const { register, handleSubmit, setError, formState } = useForm<
    z.input<typeof disableTwoFactorSchema>,
    unknown,
    z.output<typeof disableTwoFactorSchema>
  >({
    resolver: zodResolver(disableTwoFactorSchema),
    defaultValues: { password: '', code: '' },
  })
  const { errors, isSubmitting } = formState
  return (
    <form
      noValidate
      className="max-w-sm space-y-3 rounded-md border border-red-200 p-4"
      aria-busy={isSubmitting}
      onSubmit={handleSubmit(async (values) => {
        setErrorNotice(null)
        const r = await onSubmit(values)
        if (r.ok) onSuccess()
        else setErrorNotice(applyActionError(r.error, setError, ['password', 'code']))
      })}
    >
      <p className="text-sm font-medium text-red-900">Turning off two-factor makes your account easier to break into.</p>
      {error && <ErrorNotice error={error} />}
      <Field id="tf-password" label="Password" error={errors.password?.message}>
        <Input
          id="tf-password"
          type="password"
          autoComplete="current-password"
          aria-invalid={!!errors.password}
          aria-describedby={errors.password ? 'tf-password-error' : undefined}
          {...register('password')}
        />
      </Field>
      <Field id="tf-disable-code" label="Code from the app (or a recovery code)" error={errors.code?.message}>
        <Input
          id="tf-disable-code"
          autoComplete="one-time-code"
          aria-invalid={!!errors.code}
          aria-describedby={errors.code ? 'tf-disable-code-error' : undefined}
          {...register('code')}
        />
      </Field>
      <div className="flex gap-2">
        <Button type="submit" variant="danger" loading={isSubmitting}>
          Turn off
        </Button>
        <Button type="button" variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  )
}

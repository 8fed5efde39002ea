'use client'
// Create (the secret is shown ONCE, with copy + warning), list and revoke REST API keys.
import { useState } from 'react'
import { useRouter } from 'next/navigation'
import { useForm } from 'react-hook-form'
import { zodResolver } from '@hookform/resolvers/zod'
import type { z } from 'zod'
import { Button } from '@/components/ui/button'
import { Field, Input, Select } from '@/components/ui/field'
import { Alert, Badge, ErrorNotice } from '@/components/ui/feedback'
import { fieldErrors } from '@/components/members/action-types'
import type { ActionError, ActionFn } from '@/lib/action-result'
import { createApiKeySchema } from '@/lib/api-keys/schemas'

export interface ApiKeyRow {
  id: string
  name: string
  prefix: string
  scope: 'READ' | 'WRITE'
  createdAt: string
  lastUsedAt: string | null
  revokedAt: string | null
  createdBy: string | null
}
type In = z.input<typeof createApiKeySchema>
type Out = z.output<typeof createApiKeySchema>

const fmt = (d: string | null) =>
  d ? new Date(d).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }) + ' UTC' : '—'

export function ApiKeysManager({
  orgSlug,
  keys,
  create,
  revoke,
}: {
  orgSlug: string
  keys: ApiKeyRow[]
  create: ActionFn<{ orgSlug: string; key: In }, { id: string; name: string; secret: string }>
  revoke: ActionFn<{ orgSlug: string; keyId: string }, unknown>
}) {
  const router = useRouter()
  const [error, setError] = useState<ActionError | null>(null)
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null)
  const [copied, setCopied] = useState(false)
  const [confirming, setConfirming] = useState<string | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  const {
    register,
    handleSubmit,
    reset,
    setError: setFieldError,
    formState,
  } = useForm<In, unknown, Out>({
    resolver: zodResolver(createApiKeySchema),
    defaultValues: { name: '', scope: 'READ' },
  })

  const onCreate = handleSubmit(async (values) => {
    setError(null)
    setCreated(null)
    setCopied(false)
    const r = await create({ orgSlug, key: values })
    if (!r.ok) {
      const fields = fieldErrors(r.error).filter((f) => f.field.endsWith('name'))
      if (fields.length) setFieldError('name', { message: fields[0]!.message })
      else setError(r.error)
      return
    }
    setCreated({ name: r.data.name, secret: r.data.secret })
    reset({ name: '', scope: 'READ' })
    router.refresh()
  })
  const copy = async () => {
    if (!created) return
    try {
      await navigator.clipboard.writeText(created.secret)
      setCopied(true)
    } catch {
      setCopied(false)
    }
  }
  const doRevoke = async (id: string) => {
    setBusy(id)
    setError(null)
    const r = await revoke({ orgSlug, keyId: id })
    setBusy(null)
    setConfirming(null)
    if (!r.ok) {
      setError(r.error)
      return
    }
    router.refresh()
  }
  const nameErr = formState.errors.name?.message

  return (
    <div className="space-y-6">
      <form
        onSubmit={onCreate}
        noValidate
        aria-label="Create an API key"
        className="grid gap-3 rounded-lg border border-slate-200 bg-white p-6 sm:grid-cols-[1fr_10rem_auto] sm:items-end"
      >
        <Field id="key-name" label="Key name" error={nameErr}>
          <Input
            id="key-name"
            placeholder="e.g. Zapier"
            maxLength={100}
            aria-invalid={!!nameErr}
            aria-describedby={nameErr ? 'key-name-error' : undefined}
            {...register('name')}
          />
        </Field>
        <Field id="key-scope" label="Access">
          <Select id="key-scope" {...register('scope')}>
            <option value="READ">Read only</option>
            <option value="WRITE">Read and write</option>
          </Select>
        </Field>
        <Button type="submit" loading={formState.isSubmitting}>
          Create key
        </Button>
      </form>

      {created && (
        <Alert tone="warning" title={`Copy the key "${created.name}" now — it will not be shown again`}>
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <code className="break-all rounded bg-white px-2 py-1 text-sm text-slate-900 ring-1 ring-amber-300" data-testid="new-api-key">
              {created.secret}
            </code>
            <Button type="button" size="sm" variant="secondary" onClick={copy}>
              {copied ? 'Copied' : 'Copy'}
            </Button>
          </div>
          <p className="mt-2">
            We store only a hash of it. If it is lost, revoke it and create a new one. Send it as <code>Authorization: Bearer …</code>.
          </p>
        </Alert>
      )}
      {error && <ErrorNotice error={error} />}

      {keys.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600">
          No API keys yet. Create one to connect another system.
        </p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm">
            <caption className="sr-only">API keys</caption>
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
              <tr>
                {['Name', 'Key', 'Access', 'Created', 'Last used', 'Status'].map((h) => (
                  <th key={h} scope="col" className="px-3 py-2">
                    {h}
                  </th>
                ))}
                <th scope="col" className="px-3 py-2">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {keys.map((k) => (
                <tr key={k.id} className={k.revokedAt ? 'text-slate-400' : ''}>
                  <td className="px-3 py-2 font-medium">
                    {k.name}
                    {k.createdBy && <div className="text-xs font-normal text-slate-500">by {k.createdBy}</div>}
                  </td>
                  <td className="px-3 py-2">
                    <code>{k.prefix}…</code>
                  </td>
                  <td className="px-3 py-2">{k.scope === 'WRITE' ? 'Read & write' : 'Read only'}</td>
                  <td className="whitespace-nowrap px-3 py-2">{fmt(k.createdAt)}</td>
                  <td className="whitespace-nowrap px-3 py-2">{k.lastUsedAt ? fmt(k.lastUsedAt) : 'Never'}</td>
                  <td className="px-3 py-2">
                    {k.revokedAt ? (
                      <Badge className="bg-red-50 text-red-700">Revoked {fmt(k.revokedAt)}</Badge>
                    ) : (
                      <Badge className="bg-emerald-50 text-emerald-700">Active</Badge>
                    )}
                  </td>
                  <td className="whitespace-nowrap px-3 py-2 text-right">
                    {!k.revokedAt &&
                      (confirming === k.id ? (
                        <span className="inline-flex items-center gap-2">
                          <span className="text-xs text-slate-700">Apps using it stop working at once.</span>
                          <Button size="sm" variant="danger" loading={busy === k.id} onClick={() => doRevoke(k.id)}>
                            Revoke
                          </Button>
                          <Button size="sm" variant="ghost" onClick={() => setConfirming(null)}>
                            Cancel
                          </Button>
                        </span>
                      ) : (
                        <Button size="sm" variant="secondary" onClick={() => setConfirming(k.id)} aria-label={`Revoke ${k.name}`}>
                          Revoke…
                        </Button>
                      ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  )
}

'use client'
import { useState, useTransition } from 'react'
import { Button } from '@/components/ui/button'
import { Alert, ErrorNotice } from '@/components/ui/feedback'
import type { ActionError, ActionFn } from '@/lib/action-result'

type Done = { email: string; companyName: string | null }

/**
 * The confirmation button. With JavaScript it calls the server action and shows the result in place; without
 * it, the form posts to the one-click URL (/u/<token>), which sends the browser back here to the confirmation.
 */
export function UnsubscribeForm({
  token,
  email,
  companyName,
  unsubscribe,
}: {
  token: string
  email: string
  companyName: string
  unsubscribe: ActionFn<{ token: string }, Done>
}) {
  const [pending, start] = useTransition()
  const [error, setError] = useState<ActionError | null>(null)
  const [done, setDone] = useState(false)
  if (done)
    return (
      <Alert tone="success" title="You are unsubscribed">
        <strong className="break-all">{email}</strong> will not get marketing e-mail from {companyName} again.
      </Alert>
    )
  return (
    <form
      method="post"
      action={`/u/${encodeURIComponent(token)}`}
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault()
        start(async () => {
          setError(null)
          const r = await unsubscribe({ token })
          if (r.ok) setDone(true)
          else setError(r.error)
        })
      }}
    >
      <input type="hidden" name="return" value="page" />
      <Button type="submit" loading={pending} className="w-full sm:w-auto">
        Unsubscribe
      </Button>
      {error && <ErrorNotice error={error} />}
    </form>
  )
}

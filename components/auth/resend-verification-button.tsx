'use client'
import { useEffect, useState } from 'react'
import { Button } from '@/components/ui/button'
import { Alert, ErrorNotice } from '@/components/ui/feedback'
import { retryAfterOf } from '@/components/auth/form-helpers'
import type { ActionError, ActionResult } from '@/lib/action-result'

type Result = { alreadyVerified: boolean; cooldownSeconds: number }

/** Resend with a visible cooldown (the server enforces 60 s and 5 per hour). */
export function ResendVerificationButton({
  action,
  initialCooldown = 0,
}: {
  action: (input: Record<string, never>) => Promise<ActionResult<Result>>
  initialCooldown?: number
}) {
  const [pending, setPending] = useState(false)
  const [cooldown, setCooldown] = useState(initialCooldown)
  const [message, setMessage] = useState<string | null>(null)
  const [error, setError] = useState<ActionError | null>(null)

  useEffect(() => {
    if (cooldown <= 0) return
    const t = setTimeout(() => setCooldown((c) => c - 1), 1000)
    return () => clearTimeout(t)
  }, [cooldown])

  async function onClick() {
    setPending(true)
    setError(null)
    setMessage(null)
    const r = await action({})
    setPending(false)
    if (r.ok) {
      if (r.data.alreadyVerified) {
        window.location.assign('/orgs')
        return
      }
      setMessage('We sent a new link. Check your inbox (and the spam folder).')
      setCooldown(r.data.cooldownSeconds)
      return
    }
    const retry = retryAfterOf(r.error)
    if (r.error.code === 'RATE_LIMITED' && retry) setCooldown(Math.min(retry, 3600))
    setError(r.error)
  }

  return (
    <div className="space-y-3">
      {message && <Alert tone="success">{message}</Alert>}
      {error && <ErrorNotice error={error} />}
      <Button type="button" variant="secondary" onClick={onClick} loading={pending} disabled={cooldown > 0}>
        {cooldown > 0 ? `Resend available in ${cooldown}s` : 'Resend the verification email'}
      </Button>
    </div>
  )
}

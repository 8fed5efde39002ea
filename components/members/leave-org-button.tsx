'use client'
import { useState, useTransition } from 'react'
import { Button } from '@/components/ui/button'
import { ErrorNotice } from '@/components/ui/feedback'
import type { ActionError, ActionFn } from '@/lib/action-result'

/** an action whose only input is the org slug (its zod input is an empty object) */
type NoInput = Record<string, never> & { orgSlug: string }

export function LeaveOrgButton({ orgSlug, orgName, leave }: { orgSlug: string; orgName: string; leave: ActionFn<NoInput, unknown> }) {
  const [confirming, setConfirming] = useState(false)
  const [pending, start] = useTransition()
  const [error, setError] = useState<ActionError | null>(null)
  const onLeave = () =>
    start(async () => {
      setError(null)
      const r = await leave({ orgSlug } as NoInput)
      // full navigation: this org's pages are no longer ours
      if (r.ok) window.location.assign('/orgs')
      else setError(r.error)
    })
  return (
    <div className="space-y-2">
      {confirming ? (
        <div className="flex flex-wrap items-center gap-2">
          <span className="text-sm text-slate-700">Leave {orgName}? You will lose access until someone invites you again.</span>
          <Button variant="danger" size="sm" loading={pending} onClick={onLeave}>
            Leave organization
          </Button>
          <Button variant="ghost" size="sm" onClick={() => setConfirming(false)}>
            Cancel
          </Button>
        </div>
      ) : (
        <Button variant="secondary" size="sm" onClick={() => setConfirming(true)}>
          Leave organization…
        </Button>
      )}
      {error && <ErrorNotice error={error} />}
    </div>
  )
}

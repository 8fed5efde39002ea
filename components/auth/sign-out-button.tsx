'use client'
import { useState } from 'react'
import { Button } from '@/components/ui/button'
import type { ActionResult } from '@/lib/action-result'

export function SignOutButton({
  action,
  className,
}: {
  action: (input: Record<string, never>) => Promise<ActionResult<{ redirectTo: string }>>
  className?: string
}) {
  const [pending, setPending] = useState(false)
  return (
    <Button
      type="button"
      variant="ghost"
      size="sm"
      className={className}
      loading={pending}
      onClick={async () => {
        setPending(true)
        const r = await action({})
        // even if the registry call failed, leave: the cookie may already be gone
        window.location.assign(r.ok ? r.data.redirectTo : '/sign-in')
      }}
    >
      Sign out
    </Button>
  )
}

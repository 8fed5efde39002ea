'use client'
// A button that runs one staff server action and shows its outcome (error with the support reference).
import { useState, useTransition } from 'react'
import { Button } from '@/components/ui/button'
import type { ActionResult } from '@/lib/action-result'

type Result = ActionResult<unknown>

export function StaffActionButton<I>({
  label,
  doneLabel,
  action,
  input,
}: {
  label: string
  doneLabel: string
  action: (input: I) => Promise<Result>
  input: I
}) {
  const [pending, start] = useTransition()
  const [state, setState] = useState<Result | null>(null)
  return (
    <div className="flex flex-col items-start gap-1">
      <Button
        size="sm"
        variant="secondary"
        loading={pending}
        disabled={state?.ok === true}
        onClick={() => start(async () => setState(await action(input)))}
      >
        {state?.ok ? doneLabel : label}
      </Button>
      {state && !state.ok && (
        <p role="alert" className="text-xs text-red-700">
          {state.error.message}{' '}
          <span className="opacity-70">
            (support reference: <code>{state.error.requestId}</code>)
          </span>
        </p>
      )}
    </div>
  )
}

// Maps an action's error envelope onto a react-hook-form: field issues go inline, the rest to an ErrorNotice.
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form'
import type { ActionError } from '@/lib/action-result'

/** Puts field-level issues on the form; returns the error to show as a notice (null when all were fields). */
export function applyActionError<F extends FieldValues>(
  error: ActionError,
  setError: UseFormSetError<F>,
  fields: ReadonlyArray<Path<F>>,
): ActionError | null {
  const details = error.details as { issues?: Array<{ path?: string; message?: string }>; field?: string } | undefined
  let placed = 0
  for (const issue of details?.issues ?? []) {
    const path = issue.path as Path<F> | undefined
    if (path && fields.includes(path)) {
      setError(path, { type: 'server', message: issue.message ?? error.message })
      placed++
    }
  }
  const total = details?.issues?.length ?? 0
  return placed > 0 && placed === total ? null : error
}

/** "in 3 minutes" / "at 14:05" for rate-limit messages. */
export function retryAtText(retryAfterSeconds: number, now = Date.now()): string {
  const at = new Date(now + retryAfterSeconds * 1000)
  return at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
}

export const retryAfterOf = (error: ActionError): number | null => {
  const d = error.details as { retryAfter?: unknown } | undefined
  return typeof d?.retryAfter === 'number' ? d.retryAfter : null
}

// Reading a failed action's envelope in a form. The result types themselves live in lib/action-result.ts.
import type { ActionError } from '@/lib/action-result'

/** Field-level issues from a VALIDATION_FAILED or CONFLICT envelope ({issues:[{path,message}]} or {field}). */
export function fieldErrors(error: ActionError): Array<{ field: string; message: string }> {
  const d = error.details as { issues?: Array<{ path: string; message: string }>; field?: string } | undefined
  if (d?.issues?.length) return d.issues.map((i) => ({ field: i.path, message: i.message }))
  if (d?.field) return [{ field: d.field, message: error.message }]
  return []
}

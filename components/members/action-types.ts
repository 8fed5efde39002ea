// The shape server actions return (lib/actions/define-action.ts), restated so UI code imports no server module.
export interface ActionError {
  code: string
  message: string
  details?: unknown
  requestId: string
}
export type Result<T> = { ok: true; data: T } | { ok: false; error: ActionError }
export type ActionFn<I, T> = (input: I) => Promise<Result<T>>

/** Field-level issues from a VALIDATION_FAILED or CONFLICT envelope ({issues:[{path,message}]} or {field}). */
export function fieldErrors(error: ActionError): Array<{ field: string; message: string }> {
  const d = error.details as { issues?: Array<{ path: string; message: string }>; field?: string } | undefined
  if (d?.issues?.length) return d.issues.map((i) => ({ field: i.path, message: i.message }))
  if (d?.field) return [{ field: d.field, message: error.message }]
  return []
}

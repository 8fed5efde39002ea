// What every server action returns (lib/actions/define-action.ts builds it). Types only and isomorphic: client
// components import it with `import type` and branch on `reasonOf(error)` from lib/errors.ts, never on message text.
import type { ErrorBody } from '@/lib/errors'

/** The error envelope of a failed action: `{ code, message, details?, requestId }`. */
export type ActionError = ErrorBody['error']
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError }
/** A server action as a client component receives it (a prop). */
export type ActionFn<I, T> = (input: I) => Promise<ActionResult<T>>

// Exponential backoff with "equal jitter": half the exponential delay is fixed, half random, so retries of
// many rows failing together spread out but never fire immediately.
import 'server-only'

export function backoffMs({
  attempt,
  baseMs,
  capMs,
  random = Math.random,
}: {
  attempt: number
  baseMs: number
  capMs: number
  random?: () => number
}): number {
  const exp = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1))
  return Math.round(exp / 2 + random() * (exp / 2))
}

// Waiting in tests: poll the condition a fixed sleep would stand for, so a test waits exactly as long as it must
// (and fails with a name when the condition never comes) instead of guessing a duration.

/** Polls `fn` every `everyMs` until it returns something truthy (returned), or throws after `timeoutMs`. */
export async function waitFor<T>(
  fn: () => T | null | undefined | false | Promise<T | null | undefined | false>,
  { timeoutMs = 15_000, everyMs = 100, what = 'condition' } = {},
): Promise<T> {
  const until = Date.now() + timeoutMs
  for (;;) {
    const v = await fn()
    if (v) return v
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, everyMs))
  }
}

/**
 * Waits until the wall clock is past `t` (a stored timestamp, millisecond precision). For tests whose next row
 * must get a LATER `created_at` than the previous one (timestamptz(3): two rows written in the same millisecond
 * tie, and "newest"/"oldest" would then be decided by the random uuid).
 */
export async function waitForClockPast(t: Date | number): Promise<void> {
  const ms = typeof t === 'number' ? t : t.getTime()
  await waitFor(() => Date.now() > ms, { timeoutMs: 1_000, everyMs: 1, what: `the clock to pass ${new Date(ms).toISOString()}` })
}

// Shared by the *-webhook.ts verifiers: one error for every verification failure (400, nothing stored) and
// the 5-minute replay window.
import 'server-only'
import { AppError } from '@/lib/errors'

export const REPLAY_WINDOW_SECONDS = 300

export interface VerifiedEvent {
  eventId: string
  type: string
  payload: unknown
}

export function invalidSignature(problem: string): AppError {
  // The problem goes to logs via details; the message stays generic so probing learns nothing.
  return new AppError('BAD_REQUEST', 'Webhook signature verification failed', { details: { reason: 'BAD_SIGNATURE', problem } })
}

/** Unix seconds (or milliseconds, for providers that send them) within ±5 minutes of now. */
export function assertFreshTimestamp(raw: string | null, now = Date.now()): number {
  if (!raw || !/^\d{9,16}$/.test(raw.trim())) throw invalidSignature('missing or malformed timestamp')
  let ts = Number(raw.trim())
  if (ts > 1e12) ts = Math.floor(ts / 1000)
  if (Math.abs(now / 1000 - ts) > REPLAY_WINDOW_SECONDS) throw invalidSignature('timestamp outside the 5-minute window')
  return ts
}

export function parseJsonBody(rawBody: string): unknown {
  try {
    return JSON.parse(rawBody)
  } catch {
    throw new AppError('BAD_REQUEST', 'Webhook body is not valid JSON')
  }
}

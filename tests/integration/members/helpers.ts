// Test helpers for invitations: the token only exists in the (sandbox) email, like in production.
import { expect } from 'vitest'
import { db } from '@/lib/db'
import type { ActionResult } from '@/lib/actions/define-action'

export async function latestInviteToken(email: string): Promise<string> {
  const msg = await db.emailMessage.findFirst({
    where: { toEmail: email.toLowerCase(), template: 'member-invite' },
    orderBy: { createdAt: 'desc' },
    select: { text: true },
  })
  const m = msg?.text.match(/\/invite\/([A-Za-z0-9_-]+)/)
  if (!m?.[1]) throw new Error(`no invitation email for ${email}`)
  return m[1]
}

export function ok<T>(r: ActionResult<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`)
  return r.data
}

export function expectError<T>(r: ActionResult<T>, code: string, reason?: string) {
  expect(r.ok, JSON.stringify(r)).toBe(false)
  if (r.ok) return
  expect(r.error.code).toBe(code)
  if (reason) expect(r.error.details).toMatchObject({ reason })
  expect(r.error.requestId).toBeTruthy()
}

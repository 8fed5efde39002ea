// Test helpers for invitations: the token only exists in the (sandbox) email, like in production.
import { expect } from 'vitest'
import { db } from '@/lib/db'
import type { ActionResult } from '@/lib/actions/define-action'
import { memberActor, type MemberActor } from '@/lib/auth/actor'
import type { Role } from '@/lib/generated/prisma/enums'

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

/** The actor of `role`'s member in an org from createOrgWithRoles (role read from the DB, like a request does). */
export async function memberActorOf(
  ctx: { org: { id: string }; members: Record<Role, { user: { id: string } }> },
  role: Role,
): Promise<MemberActor> {
  const m = await db.membership.findFirstOrThrow({
    where: { orgId: ctx.org.id, userId: ctx.members[role].user.id },
    select: { id: true, role: true },
  })
  return memberActor({ org: { id: ctx.org.id }, userId: ctx.members[role].user.id, membershipId: m.id, role: m.role })
}

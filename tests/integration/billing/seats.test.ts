// Seat limits (lib/members/seat-limit.ts, plans.ts: Trial 2, Professional 5, Enterprise 50) against real
// PostgreSQL: memberships + pending invitations never exceed the plan; accepting keeps the invitation's seat;
// canceled and expired invitations free theirs; two invitations racing for the last seat → one wins.
import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { toAppError } from '@/lib/errors'
import { memberActor } from '@/lib/auth/actor'
import { inviteMember } from '@/lib/members/invite-member'
import { acceptInvitation } from '@/lib/members/accept-invitation'
import { cancelInvitation } from '@/lib/members/cancel-invitation'
import { resendInvitation } from '@/lib/members/resend-invitation'
import { getEntitlements } from '@/lib/billing/entitlements'
import { inviteMemberAction } from '@/app/[orgSlug]/settings/members/actions'
import { addMember, createOrg, createSession, createUser, uniq } from '@/tests/factories'
import { expectError, latestInviteToken } from '@/tests/integration/members/helpers'

const errOf = async (p: Promise<unknown>) =>
  toAppError(
    await p.then(
      () => null,
      (e: unknown) => e,
    ),
  )
const email = () => `${uniq('seat-')}@example.test`

async function orgWithOwner(plan?: 'TRIAL' | 'PROFESSIONAL' | 'ENTERPRISE') {
  const org = await createOrg({ plan })
  const owner = await createUser()
  const m = await addMember(org.id, owner.id, 'OWNER')
  const actor = memberActor({ org: { id: org.id }, userId: owner.id, membershipId: m.id, role: 'OWNER' })
  return { org, owner, actor }
}

describe('seat limit', () => {
  it('Trial (2 seats): owner + 1 invitation fill it; the next invite → QUOTA_EXCEEDED SEAT_LIMIT with the numbers', async () => {
    const { org, actor } = await orgWithOwner()
    await inviteMember({ actor, email: email(), role: 'REP' })
    const e = await errOf(inviteMember({ actor, email: email(), role: 'REP' }))
    expect(e).toMatchObject({
      code: 'QUOTA_EXCEEDED',
      details: { reason: 'SEAT_LIMIT', limit: 2, members: 1, pendingInvitations: 1, used: 2 },
    })
    expect(e.status).toBe(402)
    expect(e.message).toMatch(/2 seats/)
    expect(await db.invitation.count({ where: { orgId: org.id } })).toBe(1)
    expect((await getEntitlements(org.id)).seats).toEqual({ limit: 2, members: 1, pendingInvitations: 1, used: 2, left: 0 })
  })

  it('through the server action: the same refusal as an error envelope (never a 500)', async () => {
    const { org, owner, actor } = await orgWithOwner()
    await inviteMember({ actor, email: email(), role: 'REP' })
    const s = await createSession(owner.id)
    expectError(
      await inviteMemberAction.as({ sessionId: s.id })({ orgSlug: org.slug, email: email(), role: 'REP' }),
      'QUOTA_EXCEEDED',
      'SEAT_LIMIT',
    )
  })

  it('accepting a pending invitation keeps its seat (not counted twice); a full org then refuses new invites', async () => {
    const { org, actor } = await orgWithOwner()
    const invitee = await createUser({ email: email() })
    await inviteMember({ actor, email: invitee.email, role: 'MANAGER' })
    const token = await latestInviteToken(invitee.email)
    await expect(acceptInvitation({ userId: invitee.id, token })).resolves.toMatchObject({ orgId: org.id })
    expect(await db.membership.count({ where: { orgId: org.id } })).toBe(2)
    expect(await errOf(inviteMember({ actor, email: email(), role: 'REP' }))).toMatchObject({
      details: { reason: 'SEAT_LIMIT', members: 2, pendingInvitations: 0 },
    })
  })

  it('an org over its seats (downgraded) keeps its people but accepts no one new', async () => {
    const { org, actor } = await orgWithOwner('PROFESSIONAL')
    const invitee = await createUser({ email: email() })
    await inviteMember({ actor, email: invitee.email, role: 'REP' })
    for (let i = 0; i < 4; i++) await addMember(org.id, (await createUser()).id, 'VIEWER') // 5 members + 1 pending
    const token = await latestInviteToken(invitee.email)
    expect(await errOf(acceptInvitation({ userId: invitee.id, token }))).toMatchObject({
      code: 'QUOTA_EXCEEDED',
      details: { reason: 'SEAT_LIMIT', limit: 5, members: 5 },
    })
    expect(await db.membership.count({ where: { orgId: org.id } })).toBe(5)
  })

  it('canceled and expired invitations free their seat; resending an expired one needs a free seat', async () => {
    const { org, actor } = await orgWithOwner()
    const first = await inviteMember({ actor, email: email(), role: 'REP' })
    await cancelInvitation({ actor, invitationId: first.id })
    const second = await inviteMember({ actor, email: email(), role: 'REP' })
    await db.invitation.update({
      where: { id: second.id },
      data: { expiresAt: new Date(Date.now() - 1000), createdAt: new Date(Date.now() - 8 * 86_400_000) },
    })
    const third = await inviteMember({ actor, email: email(), role: 'REP' }) // the expired one holds no seat
    expect((await getEntitlements(org.id)).seats).toMatchObject({ used: 2, left: 0 })
    // reviving the expired invitation would take a third seat
    expect(await errOf(resendInvitation({ actor, invitationId: second.id }))).toMatchObject({ details: { reason: 'SEAT_LIMIT' } })
    await cancelInvitation({ actor, invitationId: third.id })
    await expect(resendInvitation({ actor, invitationId: second.id })).resolves.toMatchObject({ id: second.id })
  })

  it('upgrading raises the limit (Professional: 5 seats)', async () => {
    const { org, actor } = await orgWithOwner()
    await db.organization.update({ where: { id: org.id }, data: { plan: 'PROFESSIONAL' } })
    for (let i = 0; i < 4; i++) await inviteMember({ actor, email: email(), role: 'REP' })
    expect(await errOf(inviteMember({ actor, email: email(), role: 'REP' }))).toMatchObject({ details: { reason: 'SEAT_LIMIT', limit: 5 } })
  })

  it('invitations racing for the last seat: exactly one wins', async () => {
    const { org, actor } = await orgWithOwner()
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => inviteMember({ actor, email: email(), role: 'REP' })))
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    for (const r of results.filter((x) => x.status === 'rejected'))
      expect(toAppError((r as PromiseRejectedResult).reason)).toMatchObject({ details: { reason: 'SEAT_LIMIT' } })
    expect(await db.invitation.count({ where: { orgId: org.id } })).toBe(1)
  })
})

import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { sha256Hex } from '@/lib/crypto'
import { getMemberContext } from '@/lib/auth/org-context'
import { isSessionLive } from '@/lib/auth/session'
import {
  cancelInvitationAction,
  inviteMemberAction,
  listInvitationsAction,
  resendInvitationAction,
} from '@/app/[orgSlug]/settings/members/actions'
import { acceptInvitationAction, signUpFromInvitationAction } from '@/app/invite/[token]/actions'
import { getInvitationByToken } from '@/lib/members/get-invitation-by-token'
import { signUpFromInvitation } from '@/lib/members/sign-up-from-invitation'
import { addMember, createOrgWithRoles, createSession, createUser, uniq } from '@/tests/factories'
import { expectError, latestInviteToken, ok } from '@/tests/integration/members/helpers'

const newEmail = () => `${uniq('invitee-')}@example.test`

async function setup() {
  const ctx = await createOrgWithRoles({ plan: 'ENTERPRISE' })
  const invite = (role: string, email = newEmail(), who: keyof typeof ctx.members = 'OWNER') =>
    inviteMemberAction.as({ sessionId: ctx.members[who].sessionId })({ orgSlug: ctx.org.slug, email, role })
  return { ...ctx, invite }
}

describe('invite member', () => {
  it('stores only the token hash, expires in 7 days, emails the accept link, audits', async () => {
    const { org, members, invite } = await setup()
    const email = newEmail()
    const inv = ok(await invite('REP', email.toUpperCase()))
    expect(inv).toMatchObject({ email, role: 'REP', sendCount: 1 })
    const days = (inv.expiresAt.getTime() - Date.now()) / 86_400_000
    expect(days).toBeGreaterThan(6.99)
    expect(days).toBeLessThanOrEqual(7)
    const token = await latestInviteToken(email)
    const row = await db.invitation.findUniqueOrThrow({ where: { id: inv.id } })
    expect(row.tokenHash).toBe(sha256Hex(token))
    expect(row.tokenHash).not.toContain(token)
    expect(row.invitedById).toBe(members.OWNER.user.id)
    const mail = await db.emailMessage.findFirstOrThrow({ where: { toEmail: email, template: 'member-invite' } })
    expect(mail.text).toContain(`/invite/${token}`)
    expect(mail.orgId).toBe(org.id)
    expect(mail.sandbox).toBe(true)
    expect(await db.auditLog.count({ where: { orgId: org.id, action: 'member.invite', targetId: inv.id } })).toBe(1)
    // the action result never carries the token
    expect(JSON.stringify(inv)).not.toContain(token)
  })

  it('refuses an existing member and a second pending invite (CONFLICT telling to resend)', async () => {
    const { members, invite } = await setup()
    expectError(await invite('VIEWER', members.REP.user.email), 'CONFLICT', 'ALREADY_MEMBER')
    const email = newEmail()
    ok(await invite('VIEWER', email))
    const r = await invite('REP', email)
    expectError(r, 'CONFLICT', 'INVITE_PENDING')
    if (!r.ok) expect(r.error.message).toMatch(/resend/i)
  })

  it('replaces an expired, unanswered invite', async () => {
    const { invite } = await setup()
    const email = newEmail()
    const first = ok(await invite('VIEWER', email))
    await db.invitation.update({
      where: { id: first.id },
      data: { expiresAt: new Date(Date.now() - 1000), createdAt: new Date(Date.now() - 8 * 86_400_000) },
    })
    const second = ok(await invite('REP', email))
    expect(second.id).not.toBe(first.id)
    expect((await db.invitation.findUniqueOrThrow({ where: { id: first.id } })).canceledAt).not.toBeNull()
  })

  it('nobody grants a role above their own: MANAGER invites only MANAGER/REP/VIEWER, ADMIN not OWNER', async () => {
    const { invite } = await setup()
    expectError(await invite('OWNER', newEmail(), 'MANAGER'), 'FORBIDDEN')
    expectError(await invite('ADMIN', newEmail(), 'MANAGER'), 'FORBIDDEN')
    for (const role of ['MANAGER', 'REP', 'VIEWER']) ok(await invite(role, newEmail(), 'MANAGER'))
    expectError(await invite('OWNER', newEmail(), 'ADMIN'), 'FORBIDDEN')
    ok(await invite('ADMIN', newEmail(), 'ADMIN'))
    ok(await invite('OWNER', newEmail(), 'OWNER'))
  })
})

describe('resend, cancel, list', () => {
  it('resend issues a new token and expiry; the old link stops working; at most 5 resends', async () => {
    const { org, members, invite } = await setup()
    const email = newEmail()
    const inv = ok(await invite('REP', email))
    const oldToken = await latestInviteToken(email)
    await db.invitation.update({ where: { id: inv.id }, data: { expiresAt: new Date(Date.now() + 3600_000) } })
    const resend = resendInvitationAction.as({ sessionId: members.MANAGER.sessionId })
    const r1 = ok(await resend({ orgSlug: org.slug, invitationId: inv.id }))
    expect(r1.sendCount).toBe(2)
    expect(r1.expiresAt.getTime()).toBeGreaterThan(Date.now() + 6.9 * 86_400_000)
    const newToken = await latestInviteToken(email)
    expect(newToken).not.toBe(oldToken)
    await expect(getInvitationByToken({ token: oldToken })).rejects.toMatchObject({ code: 'NOT_FOUND' })
    expect((await getInvitationByToken({ token: newToken })).state).toBe('pending')
    for (let i = 3; i <= 6; i++) expect(ok(await resend({ orgSlug: org.slug, invitationId: inv.id })).sendCount).toBe(i)
    expectError(await resend({ orgSlug: org.slug, invitationId: inv.id }), 'CONFLICT', 'RESEND_LIMIT')
    expect(await db.emailMessage.count({ where: { toEmail: email, template: 'member-invite' } })).toBe(6)
  })

  it('cancel makes the link unusable; lists show pending only; MANAGER cannot cancel an ADMIN invite', async () => {
    const { org, members, invite } = await setup()
    const email = newEmail()
    const inv = ok(await invite('REP', email))
    const adminInv = ok(await invite('ADMIN', newEmail()))
    const list = ok(await listInvitationsAction.as({ sessionId: members.MANAGER.sessionId })({ orgSlug: org.slug }))
    expect(list.map((i) => i.id).sort()).toEqual([inv.id, adminInv.id].sort())
    expect(list[0]).toMatchObject({ expired: false, invitedBy: 'Test User' })
    expectError(
      await cancelInvitationAction.as({ sessionId: members.MANAGER.sessionId })({ orgSlug: org.slug, invitationId: adminInv.id }),
      'FORBIDDEN',
    )
    ok(await cancelInvitationAction.as({ sessionId: members.MANAGER.sessionId })({ orgSlug: org.slug, invitationId: inv.id }))
    expectError(
      await cancelInvitationAction.as({ sessionId: members.OWNER.sessionId })({ orgSlug: org.slug, invitationId: inv.id }),
      'CONFLICT',
      'INVITE_CANCELED',
    )
    expectError(
      await resendInvitationAction.as({ sessionId: members.OWNER.sessionId })({ orgSlug: org.slug, invitationId: inv.id }),
      'CONFLICT',
      'INVITE_CANCELED',
    )
    const token = await latestInviteToken(email)
    expect((await getInvitationByToken({ token })).state).toBe('canceled')
    const after = ok(await listInvitationsAction.as({ sessionId: members.OWNER.sessionId })({ orgSlug: org.slug }))
    expect(after.map((i) => i.id)).toEqual([adminInv.id])
    expect(await db.auditLog.count({ where: { orgId: org.id, action: 'member.invite.cancel', targetId: inv.id } })).toBe(1)
  })
})

describe('accept invitation', () => {
  it('public lookup shows org, inviter, role and state; unknown token → NOT_FOUND', async () => {
    const { org, invite } = await setup()
    const email = newEmail()
    ok(await invite('MANAGER', email))
    const token = await latestInviteToken(email)
    expect(await getInvitationByToken({ token })).toMatchObject({
      orgName: org.name,
      orgSlug: org.slug,
      inviterName: 'Test User',
      role: 'MANAGER',
      email,
      state: 'pending',
    })
    await expect(getInvitationByToken({ token: 'x'.repeat(43) })).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(getInvitationByToken({ token: 'bad token!' })).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('a signed-in user with the invited email joins with the invited role (once), audited', async () => {
    const { org, invite } = await setup()
    const user = await createUser({ verified: false })
    const s = await createSession(user.id)
    ok(await invite('REP', user.email))
    const token = await latestInviteToken(user.email)
    expect(ok(await acceptInvitationAction.as({ sessionId: s.id })({ token }))).toEqual({ orgSlug: org.slug })
    const ctx = await getMemberContext({ userId: user.id, orgSlug: org.slug })
    expect(ctx.role).toBe('REP')
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).emailVerifiedAt).not.toBeNull()
    expect(await db.auditLog.count({ where: { orgId: org.id, action: 'member.add', actorId: user.id } })).toBe(1)
    expect((await getInvitationByToken({ token })).state).toBe('accepted')
    expectError(await acceptInvitationAction.as({ sessionId: s.id })({ token }), 'CONFLICT', 'INVITE_ACCEPTED')
  })

  it('refuses another email, expired and canceled invitations, and existing members', async () => {
    const { org, members, invite } = await setup()
    const email = newEmail()
    const inv = ok(await invite('REP', email))
    const token = await latestInviteToken(email)
    const other = await createUser()
    const otherSession = await createSession(other.id)
    expectError(await acceptInvitationAction.as({ sessionId: otherSession.id })({ token }), 'FORBIDDEN', 'EMAIL_MISMATCH')

    const invitee = await createUser({ email })
    const s = await createSession(invitee.id)
    await db.invitation.update({
      where: { id: inv.id },
      data: { expiresAt: new Date(Date.now() - 1000), createdAt: new Date(Date.now() - 8 * 86_400_000) },
    })
    expectError(await acceptInvitationAction.as({ sessionId: s.id })({ token }), 'CONFLICT', 'INVITE_EXPIRED')
    expect((await getInvitationByToken({ token })).state).toBe('expired')

    const inv2 = ok(await invite('REP', email))
    const token2 = await latestInviteToken(email)
    ok(await cancelInvitationAction.as({ sessionId: members.OWNER.sessionId })({ orgSlug: org.slug, invitationId: inv2.id }))
    expectError(await acceptInvitationAction.as({ sessionId: s.id })({ token: token2 }), 'CONFLICT', 'INVITE_CANCELED')

    expectError(await acceptInvitationAction.as({})({ token: token2 }), 'UNAUTHENTICATED')
    expect(await db.membership.count({ where: { orgId: org.id, userId: invitee.id } })).toBe(0)

    // a member who somehow holds an invite (added meanwhile) gets ALREADY_MEMBER
    ok(await invite('VIEWER', email))
    const token3 = await latestInviteToken(email)
    await addMember(org.id, invitee.id, 'VIEWER')
    expectError(await acceptInvitationAction.as({ sessionId: s.id })({ token: token3 }), 'CONFLICT', 'ALREADY_MEMBER')
  })

  it('sign-up from an invitation: verified user, no org of their own, membership, session can start', async () => {
    const { org, invite } = await setup()
    const email = newEmail()
    ok(await invite('VIEWER', email))
    const token = await latestInviteToken(email)
    const res = await signUpFromInvitation({ token, name: 'New Person', password: 'shingles-and-gutters-77' })
    expect(res.orgSlug).toBe(org.slug)
    const user = await db.user.findUniqueOrThrow({
      where: { email },
      select: { id: true, name: true, emailVerifiedAt: true, memberships: { select: { orgId: true, role: true } } },
    })
    expect(user).toMatchObject({ id: res.userId, name: 'New Person' })
    expect(user.emailVerifiedAt).not.toBeNull()
    expect(user.memberships).toEqual([{ orgId: org.id, role: 'VIEWER' }])
    expect((await getInvitationByToken({ token })).state).toBe('accepted')
    // used link: cannot sign up again
    await expect(signUpFromInvitation({ token, name: 'Again', password: 'shingles-and-gutters-77' })).rejects.toMatchObject({
      code: 'CONFLICT',
    })
    const { startSession } = await import('@/lib/auth/start-session')
    const { sessionId } = await startSession({ userId: res.userId, rememberMe: false })
    expect(isSessionLive(await db.session.findUniqueOrThrow({ where: { id: sessionId } }))).toBe(true)
  })

  it('sign-up from an invitation refuses an existing account, a weak password, a used/expired link', async () => {
    const { invite } = await setup()
    const existing = await createUser()
    ok(await invite('VIEWER', existing.email))
    const t1 = await latestInviteToken(existing.email)
    expectError(
      await signUpFromInvitationAction.as({})({ token: t1, name: 'Dup', password: 'shingles-and-gutters-77' }),
      'CONFLICT',
      'ACCOUNT_EXISTS',
    )

    const email = newEmail()
    const inv = ok(await invite('VIEWER', email))
    const t2 = await latestInviteToken(email)
    expectError(await signUpFromInvitationAction.as({})({ token: t2, name: 'Weak', password: 'password' }), 'VALIDATION_FAILED')
    expectError(await signUpFromInvitationAction.as({})({ token: t2, name: 'Weak', password: `${email}-long-enough` }), 'VALIDATION_FAILED')
    await db.invitation.update({
      where: { id: inv.id },
      data: { expiresAt: new Date(Date.now() - 1000), createdAt: new Date(Date.now() - 8 * 86_400_000) },
    })
    expectError(
      await signUpFromInvitationAction.as({})({ token: t2, name: 'Late', password: 'shingles-and-gutters-77' }),
      'CONFLICT',
      'INVITE_EXPIRED',
    )
    expect(await db.user.count({ where: { email } })).toBe(0)
  })
})

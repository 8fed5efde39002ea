// PRODUCT §2 relationship rules through the real actions.
import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { loadSession } from '@/lib/auth/session'
import {
  changeMemberRoleAction,
  inviteMemberAction,
  leaveOrgAction,
  listMembersAction,
  removeMemberAction,
} from '@/app/[orgSlug]/settings/members/actions'
import { updateOrgSettingsAction } from '@/app/[orgSlug]/settings/organization/actions'
import { addMember, createOrg, createOrgWithRoles, createSession, createUser, uniq } from '@/tests/factories'
import { expectError, ok } from '@/tests/integration/members/helpers'

const membershipOf = (orgId: string, userId: string) => db.membership.findFirstOrThrow({ where: { orgId, userId } })

describe('role changes', () => {
  it('take effect on the next request, and a downgrade revokes the target’s sessions (audited)', async () => {
    const { org, members } = await createOrgWithRoles({ plan: 'ENTERPRISE' })
    const target = await membershipOf(org.id, members.ADMIN.user.id)
    const secondSession = await createSession(members.ADMIN.user.id)
    ok(
      await updateOrgSettingsAction.as({ sessionId: members.ADMIN.sessionId })({
        orgSlug: org.slug,
        name: 'Still Admin',
        slug: org.slug,
        timeZone: 'UTC',
      }),
    )

    const res = ok(
      await changeMemberRoleAction.as({ sessionId: members.OWNER.sessionId })({
        orgSlug: org.slug,
        membershipId: target.id,
        role: 'VIEWER',
      }),
    )
    expect(res).toMatchObject({ before: 'ADMIN', after: 'VIEWER', sessionsRevoked: 2 })
    expect(await loadSession({ sessionId: members.ADMIN.sessionId })).toBeNull()
    expect(await loadSession({ sessionId: secondSession.id })).toBeNull()
    // on a new sign-in the new role applies
    const fresh = await createSession(members.ADMIN.user.id)
    expectError(
      await updateOrgSettingsAction.as({ sessionId: fresh.id })({ orgSlug: org.slug, name: 'Nope', slug: org.slug, timeZone: 'UTC' }),
      'FORBIDDEN',
    )
    // the old session is dead: the next request is unauthenticated
    expectError(await listMembersAction.as({ sessionId: members.ADMIN.sessionId })({ orgSlug: org.slug }), 'UNAUTHENTICATED')

    const audit = await db.auditLog.findFirstOrThrow({ where: { orgId: org.id, action: 'member.role.change', targetId: target.id } })
    expect(audit.before).toMatchObject({ role: 'ADMIN' })
    expect(audit.after).toMatchObject({ role: 'VIEWER', sessionsRevoked: 2 })
    expect(audit.actorId).toBe(members.OWNER.user.id)
  })

  it('an upgrade keeps sessions and applies on the next request', async () => {
    const { org, members } = await createOrgWithRoles({ plan: 'ENTERPRISE' })
    const target = await membershipOf(org.id, members.VIEWER.user.id)
    expectError(
      await inviteMemberAction.as({ sessionId: members.VIEWER.sessionId })({
        orgSlug: org.slug,
        email: `${uniq('u')}@example.test`,
        role: 'VIEWER',
      }),
      'FORBIDDEN',
    )
    ok(
      await changeMemberRoleAction.as({ sessionId: members.ADMIN.sessionId })({
        orgSlug: org.slug,
        membershipId: target.id,
        role: 'MANAGER',
      }),
    )
    expect(await loadSession({ sessionId: members.VIEWER.sessionId })).not.toBeNull()
    ok(
      await inviteMemberAction.as({ sessionId: members.VIEWER.sessionId })({
        orgSlug: org.slug,
        email: `${uniq('u')}@example.test`,
        role: 'VIEWER',
      }),
    )
  })

  it('removal revokes the removed user’s sessions and they lose access (404)', async () => {
    const { org, members } = await createOrgWithRoles({ plan: 'ENTERPRISE' })
    const other = await createOrg()
    await addMember(other.id, members.REP.user.id, 'OWNER')
    const target = await membershipOf(org.id, members.REP.user.id)
    const res = ok(await removeMemberAction.as({ sessionId: members.ADMIN.sessionId })({ orgSlug: org.slug, membershipId: target.id }))
    expect(res.sessionsRevoked).toBe(1)
    expect(await loadSession({ sessionId: members.REP.sessionId })).toBeNull()
    const fresh = await createSession(members.REP.user.id)
    expectError(await listMembersAction.as({ sessionId: fresh.id })({ orgSlug: org.slug }), 'NOT_FOUND')
    ok(await listMembersAction.as({ sessionId: fresh.id })({ orgSlug: other.slug }))
    const audit = await db.auditLog.findFirstOrThrow({ where: { orgId: org.id, action: 'member.remove', targetId: target.id } })
    expect(audit.before).toMatchObject({ role: 'REP', userId: members.REP.user.id })
  })
})

describe('the org keeps at least one OWNER', () => {
  it('last owner cannot be demoted, removed, or leave (LAST_OWNER); with a second owner it works', async () => {
    const { org, members } = await createOrgWithRoles({ plan: 'ENTERPRISE' })
    const owner = await membershipOf(org.id, members.OWNER.user.id)
    const asOwner = { sessionId: members.OWNER.sessionId }
    expectError(
      await changeMemberRoleAction.as(asOwner)({ orgSlug: org.slug, membershipId: owner.id, role: 'ADMIN' }),
      'CONFLICT',
      'LAST_OWNER',
    )
    expectError(await removeMemberAction.as(asOwner)({ orgSlug: org.slug, membershipId: owner.id }), 'CONFLICT', 'LAST_OWNER')
    const leave = await leaveOrgAction.as(asOwner)({ orgSlug: org.slug })
    expectError(leave, 'CONFLICT', 'LAST_OWNER')
    if (!leave.ok) expect(leave.error.message).toMatch(/at least one owner/)
    expect((await membershipOf(org.id, members.OWNER.user.id)).role).toBe('OWNER')

    // promote a second owner, then the first may leave
    const admin = await membershipOf(org.id, members.ADMIN.user.id)
    ok(await changeMemberRoleAction.as(asOwner)({ orgSlug: org.slug, membershipId: admin.id, role: 'OWNER' }))
    const newOwnerSession = await createSession(members.ADMIN.user.id)
    ok(await leaveOrgAction.as(asOwner)({ orgSlug: org.slug }))
    expect(await db.membership.count({ where: { orgId: org.id, userId: members.OWNER.user.id } })).toBe(0)
    const newOwner = await membershipOf(org.id, members.ADMIN.user.id)
    expectError(await leaveOrgAction.as({ sessionId: newOwnerSession.id })({ orgSlug: org.slug }), 'CONFLICT', 'LAST_OWNER')
    expectError(
      await changeMemberRoleAction.as({ sessionId: newOwnerSession.id })({ orgSlug: org.slug, membershipId: newOwner.id, role: 'VIEWER' }),
      'CONFLICT',
      'LAST_OWNER',
    )
  })

  it('two owners demoting each other at the same time leave one owner', async () => {
    const org = await createOrg()
    const [u1, u2] = [await createUser(), await createUser()]
    const [m1, m2] = [await addMember(org.id, u1.id, 'OWNER'), await addMember(org.id, u2.id, 'OWNER')]
    const [s1, s2] = [await createSession(u1.id), await createSession(u2.id)]
    const results = await Promise.all([
      changeMemberRoleAction.as({ sessionId: s1.id })({ orgSlug: org.slug, membershipId: m2.id, role: 'ADMIN' }),
      changeMemberRoleAction.as({ sessionId: s2.id })({ orgSlug: org.slug, membershipId: m1.id, role: 'ADMIN' }),
    ])
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    const failed = results.find((r) => !r.ok)
    expect(failed && !failed.ok && failed.error.code).toMatch(/CONFLICT|NOT_FOUND|FORBIDDEN|UNAUTHENTICATED/)
    expect(await db.membership.count({ where: { orgId: org.id, role: 'OWNER' } })).toBe(1)
  })

  it('a member can leave (any role), audited', async () => {
    const { org, members } = await createOrgWithRoles({ plan: 'ENTERPRISE' })
    ok(await leaveOrgAction.as({ sessionId: members.VIEWER.sessionId })({ orgSlug: org.slug }))
    expect(await db.auditLog.count({ where: { orgId: org.id, action: 'member.leave', actorId: members.VIEWER.user.id } })).toBe(1)
    expectError(await listMembersAction.as({ sessionId: members.VIEWER.sessionId })({ orgSlug: org.slug }), 'NOT_FOUND')
  })
})

describe('ADMIN cannot touch an OWNER; nobody grants above their own role', () => {
  it('ADMIN cannot demote, promote-to-owner, or remove an OWNER', async () => {
    const { org, members } = await createOrgWithRoles({ plan: 'ENTERPRISE' })
    const second = await createUser()
    const secondOwner = await addMember(org.id, second.id, 'OWNER')
    const asAdmin = changeMemberRoleAction.as({ sessionId: members.ADMIN.sessionId })
    expectError(await asAdmin({ orgSlug: org.slug, membershipId: secondOwner.id, role: 'VIEWER' }), 'FORBIDDEN')
    expectError(
      await removeMemberAction.as({ sessionId: members.ADMIN.sessionId })({ orgSlug: org.slug, membershipId: secondOwner.id }),
      'FORBIDDEN',
    )
    const rep = await membershipOf(org.id, members.REP.user.id)
    expectError(await asAdmin({ orgSlug: org.slug, membershipId: rep.id, role: 'OWNER' }), 'FORBIDDEN')
    ok(await asAdmin({ orgSlug: org.slug, membershipId: rep.id, role: 'ADMIN' }))
    expect((await membershipOf(org.id, second.id)).role).toBe('OWNER')
    // OWNER may manage another OWNER
    ok(
      await changeMemberRoleAction.as({ sessionId: members.OWNER.sessionId })({
        orgSlug: org.slug,
        membershipId: secondOwner.id,
        role: 'ADMIN',
      }),
    )
  })

  it('MANAGER can invite only MANAGER/REP/VIEWER', async () => {
    const { org, members } = await createOrgWithRoles({ plan: 'ENTERPRISE' })
    const asManager = inviteMemberAction.as({ sessionId: members.MANAGER.sessionId })
    for (const role of ['OWNER', 'ADMIN'])
      expectError(await asManager({ orgSlug: org.slug, email: `${uniq('m')}@example.test`, role }), 'FORBIDDEN')
    for (const role of ['MANAGER', 'REP', 'VIEWER']) ok(await asManager({ orgSlug: org.slug, email: `${uniq('m')}@example.test`, role }))
  })
})

// Another tenant's resources answer NOT_FOUND (404), never FORBIDDEN: no existence leak.
import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import type { ActionResult } from '@/lib/actions/define-action'
import {
  cancelInvitationAction,
  changeMemberRoleAction,
  inviteMemberAction,
  leaveOrgAction,
  listInvitationsAction,
  listMembersAction,
  removeMemberAction,
  resendInvitationAction,
} from '@/app/[orgSlug]/settings/members/actions'
import { getOrgSettingsAction, updateOrgSettingsAction } from '@/app/[orgSlug]/settings/organization/actions'
import { createApiKeyAction, listApiKeysAction, revokeApiKeyAction } from '@/app/[orgSlug]/settings/api-keys/actions'
import { createOrgWithRoles, uniq } from '@/tests/factories'

async function twoOrgs() {
  const a = await createOrgWithRoles({ plan: 'ENTERPRISE' })
  const b = await createOrgWithRoles({ plan: 'ENTERPRISE' })
  const bRep = await db.membership.findFirstOrThrow({ where: { orgId: b.org.id, userId: b.members.REP.user.id } })
  const bOwner = await db.membership.findFirstOrThrow({ where: { orgId: b.org.id, userId: b.members.OWNER.user.id } })
  const inv = await inviteMemberAction.as({ sessionId: b.members.OWNER.sessionId })({
    orgSlug: b.org.slug,
    email: `${uniq('x-')}@example.test`,
    role: 'VIEWER',
  })
  if (!inv.ok) throw new Error('setup')
  const key = await createApiKeyAction.as({ sessionId: b.members.OWNER.sessionId })({
    orgSlug: b.org.slug,
    key: { name: 'b key', scope: 'READ' },
  })
  if (!key.ok) throw new Error('setup')
  return { a, b, bRep, bOwner, bInvitationId: inv.data.id, bKeyId: key.data.id }
}

const code = (r: ActionResult<unknown>) => (r.ok ? 'ok' : r.error.code)

describe('cross-org access', () => {
  it("every org-scoped action with another org's slug → NOT_FOUND, for every role (even OWNER)", async () => {
    const { a, b, bRep, bInvitationId, bKeyId } = await twoOrgs()
    for (const role of ['OWNER', 'ADMIN', 'MANAGER', 'REP', 'VIEWER'] as const) {
      const s = { sessionId: a.members[role].sessionId }
      const slug = b.org.slug
      const calls: Array<[string, Promise<ActionResult<unknown>>]> = [
        ['listMembers', listMembersAction.as(s)({ orgSlug: slug })],
        ['listInvitations', listInvitationsAction.as(s)({ orgSlug: slug })],
        ['invite', inviteMemberAction.as(s)({ orgSlug: slug, email: `${uniq('y-')}@example.test`, role: 'VIEWER' })],
        ['resend', resendInvitationAction.as(s)({ orgSlug: slug, invitationId: bInvitationId })],
        ['cancel', cancelInvitationAction.as(s)({ orgSlug: slug, invitationId: bInvitationId })],
        ['changeRole', changeMemberRoleAction.as(s)({ orgSlug: slug, membershipId: bRep.id, role: 'VIEWER' })],
        ['remove', removeMemberAction.as(s)({ orgSlug: slug, membershipId: bRep.id })],
        ['leave', leaveOrgAction.as(s)({ orgSlug: slug })],
        ['getSettings', getOrgSettingsAction.as(s)({ orgSlug: slug })],
        ['updateSettings', updateOrgSettingsAction.as(s)({ orgSlug: slug, name: 'Hijacked', slug, timeZone: 'UTC' })],
        ['createApiKey', createApiKeyAction.as(s)({ orgSlug: slug, key: { name: 'hijack', scope: 'WRITE' } })],
        ['listApiKeys', listApiKeysAction.as(s)({ orgSlug: slug })],
        ['revokeApiKey', revokeApiKeyAction.as(s)({ orgSlug: slug, keyId: bKeyId })],
      ]
      for (const [name, p] of calls) expect(code(await p), `${role} ${name}`).toBe('NOT_FOUND')
    }
    // a slug that does not exist answers exactly the same
    expect(code(await listMembersAction.as({ sessionId: a.members.OWNER.sessionId })({ orgSlug: 'no-such-org-anywhere' }))).toBe(
      'NOT_FOUND',
    )
  })

  it("ids of another org's memberships and invitations, used in my own org → NOT_FOUND, nothing changes", async () => {
    const { a, b, bRep, bOwner, bInvitationId, bKeyId } = await twoOrgs()
    const s = { sessionId: a.members.OWNER.sessionId }
    const slug = a.org.slug
    expect(code(await changeMemberRoleAction.as(s)({ orgSlug: slug, membershipId: bRep.id, role: 'VIEWER' }))).toBe('NOT_FOUND')
    expect(code(await changeMemberRoleAction.as(s)({ orgSlug: slug, membershipId: bOwner.id, role: 'VIEWER' }))).toBe('NOT_FOUND')
    expect(code(await removeMemberAction.as(s)({ orgSlug: slug, membershipId: bRep.id }))).toBe('NOT_FOUND')
    expect(code(await removeMemberAction.as(s)({ orgSlug: slug, membershipId: bOwner.id }))).toBe('NOT_FOUND')
    expect(code(await resendInvitationAction.as(s)({ orgSlug: slug, invitationId: bInvitationId }))).toBe('NOT_FOUND')
    expect(code(await cancelInvitationAction.as(s)({ orgSlug: slug, invitationId: bInvitationId }))).toBe('NOT_FOUND')
    // random well-formed ids behave the same as foreign ones
    expect(code(await removeMemberAction.as(s)({ orgSlug: slug, membershipId: crypto.randomUUID() }))).toBe('NOT_FOUND')
    expect(code(await cancelInvitationAction.as(s)({ orgSlug: slug, invitationId: crypto.randomUUID() }))).toBe('NOT_FOUND')
    expect(code(await revokeApiKeyAction.as(s)({ orgSlug: slug, keyId: bKeyId }))).toBe('NOT_FOUND')
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: bKeyId } })).revokedAt).toBeNull()

    expect((await db.membership.findUniqueOrThrow({ where: { id: bRep.id } })).role).toBe('REP')
    const inv = await db.invitation.findUniqueOrThrow({ where: { id: bInvitationId } })
    expect(inv).toMatchObject({ canceledAt: null, sendCount: 1 })
    expect(await db.auditLog.count({ where: { orgId: b.org.id, actorId: a.members.OWNER.user.id } })).toBe(0)
    // list actions only ever show my own org
    const members = await listMembersAction.as(s)({ orgSlug: slug })
    expect(members.ok && members.data.every((m) => m.userId !== b.members.REP.user.id)).toBe(true)
    const invs = await listInvitationsAction.as(s)({ orgSlug: slug })
    expect(invs.ok && invs.data.every((i) => i.id !== bInvitationId)).toBe(true)
  })
})

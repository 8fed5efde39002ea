// The right is checked inside the domain function, through the actor — so a job, the CLI or a REST caller gets
// the same answer as a server action. (api-keys had no check of their own before the Actor contract.)
import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { apiKeyActor, systemActor, type Actor } from '@/lib/auth/actor'
import { createApiKey } from '@/lib/api-keys/create-api-key'
import { listApiKeys } from '@/lib/api-keys/list-api-keys'
import { revokeApiKey } from '@/lib/api-keys/revoke-api-key'
import { adminCreateApiKey } from '@/lib/admin-cli/create-api-key'
import { inviteMember } from '@/lib/members/invite-member'
import { listMembers } from '@/lib/members/list-members'
import { listInvitations } from '@/lib/members/list-invitations'
import { changeMemberRole } from '@/lib/members/change-member-role'
import { removeMember } from '@/lib/members/remove-member'
import { leaveOrg } from '@/lib/members/leave-org'
import { getOrgSettings } from '@/lib/orgs/get-org-settings'
import { updateOrgSettings } from '@/lib/orgs/update-org-settings'
import { createOrgWithRoles, uniq } from '@/tests/factories'
import { latestInviteToken, memberActorOf } from '@/tests/integration/members/helpers'

type Org = Awaited<ReturnType<typeof createOrgWithRoles>>
const importJob = (org: Org) => systemActor({ process: 'leads.import', orgId: org.org.id })
const operator = (org: Org) => systemActor({ process: 'operator', orgId: org.org.id })
const writeKey = (org: Org) => apiKeyActor({ id: crypto.randomUUID(), orgId: org.org.id, scope: 'WRITE' })

async function refusedWithoutChange(org: Org, call: () => Promise<unknown>, code = 'FORBIDDEN') {
  const [audits, keys] = await Promise.all([
    db.auditLog.count({ where: { orgId: org.org.id } }),
    db.apiKey.count({ where: { orgId: org.org.id, revokedAt: null } }),
  ])
  await expect(call()).rejects.toMatchObject({ code })
  expect(await db.auditLog.count({ where: { orgId: org.org.id } })).toBe(audits)
  expect(await db.apiKey.count({ where: { orgId: org.org.id, revokedAt: null } })).toBe(keys)
}

describe('api keys (api_keys.manage)', () => {
  it('a job without the right, REP/VIEWER/MANAGER members and API keys → FORBIDDEN, nothing written', async () => {
    const org = await createOrgWithRoles({ plan: 'ENTERPRISE' })
    const existing = await createApiKey({ actor: await memberActorOf(org, 'OWNER'), name: 'existing', scope: 'READ' })
    const refused: Array<[string, Actor]> = [
      ['leads.import job', importJob(org)],
      ['REP', await memberActorOf(org, 'REP')],
      ['VIEWER', await memberActorOf(org, 'VIEWER')],
      ['MANAGER', await memberActorOf(org, 'MANAGER')],
      ['WRITE API key', writeKey(org)],
    ]
    for (const [who, actor] of refused) {
      await refusedWithoutChange(org, () => createApiKey({ actor, name: `by ${who}`, scope: 'WRITE' }))
      await refusedWithoutChange(org, () => revokeApiKey({ actor, keyId: existing.id }))
      await refusedWithoutChange(org, () => listApiKeys({ actor }))
    }
    const err = await createApiKey({ actor: importJob(org), name: 'x', scope: 'READ' }).catch((e) => e)
    expect(err.details).toMatchObject({ permission: 'api_keys.manage' })
    expect(await db.apiKey.count({ where: { orgId: org.org.id } })).toBe(1)
  })

  it('the operator system actor (fm CLI) creates, lists and revokes; the key has no creator and the audit says SYSTEM', async () => {
    const org = await createOrgWithRoles()
    const key = await createApiKey({ actor: operator(org), name: 'ops', scope: 'WRITE' })
    expect(key.secret).toMatch(/^fm_live_/)
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).createdById).toBeNull()
    expect(await db.auditLog.findFirstOrThrow({ where: { action: 'api_key.create', targetId: key.id } })).toMatchObject({
      orgId: org.org.id,
      actorType: 'SYSTEM',
      actorId: null,
    })
    expect((await listApiKeys({ actor: operator(org) })).map((k) => k.id)).toEqual([key.id])
    expect((await revokeApiKey({ actor: operator(org), keyId: key.id })).revokedAt).toBeInstanceOf(Date)
    expect(await db.auditLog.count({ where: { action: 'api_key.revoke', targetId: key.id, actorType: 'SYSTEM' } })).toBe(1)

    const cli = await adminCreateApiKey({ orgSlug: org.org.slug, name: 'CLI key', scope: 'READ' })
    expect(cli).toMatchObject({ scope: 'READ', name: 'CLI key', orgPlan: 'TRIAL' })
    await expect(adminCreateApiKey({ orgSlug: uniq('no-such-'), name: 'x', scope: 'READ' })).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('an OWNER creates (recorded as creator); ADMIN revokes; a member of org A revoking org B’s key → NOT_FOUND', async () => {
    const a = await createOrgWithRoles({ plan: 'ENTERPRISE' })
    const b = await createOrgWithRoles({ plan: 'ENTERPRISE' })
    const owner = await memberActorOf(b, 'OWNER')
    const bKey = await createApiKey({ actor: owner, name: 'b key', scope: 'READ' })
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: bKey.id } })).createdById).toBe(b.members.OWNER.user.id)
    expect(await db.auditLog.findFirstOrThrow({ where: { action: 'api_key.create', targetId: bKey.id } })).toMatchObject({
      actorType: 'USER',
      actorId: b.members.OWNER.user.id,
    })

    for (const role of ['OWNER', 'ADMIN'] as const) {
      await refusedWithoutChange(b, () => revokeApiKey({ actor: operator(a), keyId: bKey.id }), 'NOT_FOUND')
      await expect(
        revokeApiKey({ actor: apiKeyActor({ id: crypto.randomUUID(), orgId: a.org.id, scope: 'WRITE' }), keyId: bKey.id }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' })
      await expect(revokeApiKey({ actor: await memberActorOf(a, role), keyId: bKey.id })).rejects.toMatchObject({ code: 'NOT_FOUND' })
      expect((await listApiKeys({ actor: await memberActorOf(a, role) })).map((k) => k.id)).not.toContain(bKey.id)
    }
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: bKey.id } })).revokedAt).toBeNull()
    await expect(revokeApiKey({ actor: owner, keyId: 'not-a-uuid' })).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await revokeApiKey({ actor: await memberActorOf(b, 'ADMIN'), keyId: bKey.id })
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: bKey.id } })).revokedAt).not.toBeNull()
  })
})

describe('members and org settings called outside an action', () => {
  it('a job without the rights and API keys are refused; leaving needs a member', async () => {
    const org = await createOrgWithRoles({ plan: 'ENTERPRISE' })
    const rep = await db.membership.findFirstOrThrow({ where: { orgId: org.org.id, userId: org.members.REP.user.id } })
    for (const actor of [importJob(org), writeKey(org)]) {
      await refusedWithoutChange(org, () => inviteMember({ actor, email: `${uniq('j-')}@example.test`, role: 'VIEWER' }))
      await refusedWithoutChange(org, () => changeMemberRole({ actor, membershipId: rep.id, role: 'VIEWER' }))
      await refusedWithoutChange(org, () => removeMember({ actor, membershipId: rep.id }))
      await refusedWithoutChange(org, () => updateOrgSettings({ actor, name: 'Hijacked', slug: org.org.slug, timeZone: 'UTC' }))
      await refusedWithoutChange(org, () => listMembers({ actor }))
      await refusedWithoutChange(org, () => listInvitations({ actor }))
      await refusedWithoutChange(org, () => getOrgSettings({ actor }))
    }
    await refusedWithoutChange(org, () => leaveOrg({ actor: operator(org) }))
    // a system actor outside any org has no org to act in
    await expect(listMembers({ actor: systemActor({ process: 'operator' }) })).rejects.toMatchObject({ code: 'FORBIDDEN' })
    expect((await db.membership.findUniqueOrThrow({ where: { id: rep.id } })).role).toBe('REP')
  })

  it('the operator invites (email from "Your team", no inviter) and changes roles without a rank of its own', async () => {
    const org = await createOrgWithRoles({ plan: 'ENTERPRISE' })
    const email = `${uniq('op-')}@example.test`
    const inv = await inviteMember({ actor: operator(org), email, role: 'OWNER' })
    expect((await db.invitation.findUniqueOrThrow({ where: { id: inv.id } })).invitedById).toBeNull()
    await latestInviteToken(email)
    const mail = await db.emailMessage.findFirstOrThrow({ where: { toEmail: email, template: 'member-invite' } })
    expect(mail.subject).toBe(`Your team invited you to ${org.org.name} on Fish Mouth`)
    const rep = await db.membership.findFirstOrThrow({ where: { orgId: org.org.id, userId: org.members.REP.user.id } })
    expect(await changeMemberRole({ actor: operator(org), membershipId: rep.id, role: 'OWNER' })).toMatchObject({
      before: 'REP',
      after: 'OWNER',
    })
    expect(await db.auditLog.findFirstOrThrow({ where: { action: 'member.role.change', targetId: rep.id } })).toMatchObject({
      actorType: 'SYSTEM',
    })
    // members stay bound to their own rank
    await expect(
      changeMemberRole({ actor: await memberActorOf(org, 'ADMIN'), membershipId: rep.id, role: 'VIEWER' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' })
  })
})

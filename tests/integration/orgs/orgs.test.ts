import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { createOrgAction } from '@/app/orgs/new/actions'
import { getOrgSettingsAction, updateOrgSettingsAction } from '@/app/[orgSlug]/settings/organization/actions'
import { createOrg as createOrgUseCase } from '@/lib/orgs/create-org'
import { createOrgWithRoles, createSession, createUser, uniq } from '@/tests/factories'
import { expectError, ok } from '@/tests/integration/members/helpers'

describe('create organization', () => {
  it('makes the creator OWNER, with audit rows', async () => {
    const user = await createUser()
    const s = await createSession(user.id)
    const slug = uniq('acme-')
    const data = ok(
      await createOrgAction.as({ sessionId: s.id })({ name: '  Acme Roofing ', slug: slug.toUpperCase(), timeZone: 'America/Denver' }),
    )
    expect(data).toEqual({ slug, name: 'Acme Roofing' })
    const org = await db.organization.findUniqueOrThrow({
      where: { slug },
      select: { id: true, timeZone: true, memberships: { select: { userId: true, role: true } } },
    })
    expect(org.timeZone).toBe('America/Denver')
    expect(org.memberships).toEqual([{ userId: user.id, role: 'OWNER' }])
    const audits = await db.auditLog.findMany({ where: { orgId: org.id }, select: { action: true, actorId: true } })
    expect(audits.map((a) => a.action).sort()).toEqual(['member.add', 'org.create'])
    expect(audits.every((a) => a.actorId === user.id)).toBe(true)
  })

  it('refuses a taken slug (CONFLICT SLUG_TAKEN), a reserved slug and a bad time zone', async () => {
    const user = await createUser()
    const s = await createSession(user.id)
    const slug = uniq('taken-')
    ok(await createOrgAction.as({ sessionId: s.id })({ name: 'First', slug }))
    expectError(await createOrgAction.as({ sessionId: s.id })({ name: 'Second', slug }), 'CONFLICT', 'SLUG_TAKEN')
    expectError(await createOrgAction.as({ sessionId: s.id })({ name: 'Admin Co', slug: 'admin' }), 'VALIDATION_FAILED')
    expectError(
      await createOrgAction.as({ sessionId: s.id })({ name: 'Tz Co', slug: uniq('tz-'), timeZone: 'Mars/Olympus' }),
      'VALIDATION_FAILED',
    )
    expect(
      await db.organization.count({ where: { name: { in: ['Second', 'Admin Co', 'Tz Co'] }, memberships: { some: { userId: user.id } } } }),
    ).toBe(0)
  })

  it('needs a session', async () => {
    expectError(await createOrgAction.as({})({ name: 'Anon', slug: uniq('anon-') }), 'UNAUTHENTICATED')
  })

  it('can run inside a larger transaction (sign-up) and rolls back with it', async () => {
    const user = await createUser()
    const slug = uniq('tx-')
    await expect(
      db.$transaction(async (tx) => {
        await createOrgUseCase({ userId: user.id, name: 'In Tx', slug, tx })
        throw new Error('boom')
      }),
    ).rejects.toThrow('boom')
    expect(await db.organization.count({ where: { slug } })).toBe(0)
  })
})

describe('organization settings', () => {
  it('updates name, slug and time zone with an audit row holding before/after', async () => {
    const { org, members } = await createOrgWithRoles()
    const newSlug = uniq('renamed-')
    const data = ok(
      await updateOrgSettingsAction.as({ sessionId: members.ADMIN.sessionId })({
        orgSlug: org.slug,
        name: 'Renamed Roofing',
        slug: newSlug,
        timeZone: 'America/Chicago',
      }),
    )
    expect(data).toMatchObject({ id: org.id, slug: newSlug, name: 'Renamed Roofing', timeZone: 'America/Chicago' })
    const audit = await db.auditLog.findFirstOrThrow({ where: { orgId: org.id, action: 'org.settings.update' } })
    expect(audit.before).toEqual({ name: org.name, slug: org.slug, timeZone: 'America/New_York' })
    expect(audit.after).toEqual({ name: 'Renamed Roofing', slug: newSlug, timeZone: 'America/Chicago' })
    expect(audit.actorId).toBe(members.ADMIN.user.id)
    // the old slug no longer resolves; the new one does
    expectError(await getOrgSettingsAction.as({ sessionId: members.MANAGER.sessionId })({ orgSlug: org.slug }), 'NOT_FOUND')
    expect(ok(await getOrgSettingsAction.as({ sessionId: members.MANAGER.sessionId })({ orgSlug: newSlug })).name).toBe('Renamed Roofing')
  })

  it('refuses a slug of another org, reserved slugs and unknown time zones', async () => {
    const a = await createOrgWithRoles()
    const b = await createOrgWithRoles()
    const as = updateOrgSettingsAction.as({ sessionId: a.members.OWNER.sessionId })
    expectError(await as({ orgSlug: a.org.slug, name: 'X Co', slug: b.org.slug, timeZone: 'UTC' }), 'CONFLICT', 'SLUG_TAKEN')
    expectError(await as({ orgSlug: a.org.slug, name: 'X Co', slug: 'settings', timeZone: 'UTC' }), 'VALIDATION_FAILED')
    expectError(await as({ orgSlug: a.org.slug, name: 'X Co', slug: a.org.slug, timeZone: 'Europe/Atlantis' }), 'VALIDATION_FAILED')
    const after = await db.organization.findUniqueOrThrow({ where: { id: a.org.id } })
    expect(after.name).toBe(a.org.name)
  })
})

describe('billing account', () => {
  it('is made with every organization (a 14-day trial), belongs to an existing one (foreign key) and goes with it', async () => {
    await expect(db.billingAccount.create({ data: { orgId: randomUUID(), stripeCustomerId: uniq('cus_') } })).rejects.toThrow()
    const { org } = await createOrgWithRoles()
    const account = await db.billingAccount.findUniqueOrThrow({ where: { orgId: org.id } })
    expect(account.state).toBe('TRIALING')
    expect(account.trialEndsAt!.getTime() - org.createdAt.getTime()).toBe(14 * 86_400_000)
    await expect(db.billingAccount.create({ data: { orgId: org.id, stripeCustomerId: uniq('cus_') } })).rejects.toThrow()
    const rows = await db.$queryRaw<Array<{ n: number }>>`
      SELECT count(*)::int AS n FROM pg_constraint WHERE conname = 'billing_accounts_org_id_fkey' AND confdeltype = 'c'`
    expect(rows[0]!.n).toBe(1)
  })
})

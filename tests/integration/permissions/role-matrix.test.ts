// Every role × every permission of lib/auth/permissions.ts. A permission is either driven through the real
// actions that exist today (allowed roles succeed, the others get FORBIDDEN), or listed in
// PERMISSIONS_WITHOUT_ACTIONS_YET and checked with can() against the independent table below. Adding a
// permission to the matrix without doing one of the two fails this test.
import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { can, PERMISSIONS, ROLES, type Permission } from '@/lib/auth/permissions'
import type { Role } from '@/lib/generated/prisma/enums'
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
import { addMember, createOrgWithRoles, createUser, uniq } from '@/tests/factories'
import {
  addNoteAction,
  assignLeadsAction,
  deleteLeadsAction,
  getLeadAction,
  listLeadsAction,
  validateExportFilterAction,
} from '@/app/[orgSlug]/leads/actions'
import { createApiKeyAction, listApiKeysAction } from '@/app/[orgSlug]/settings/api-keys/actions'
import { listScansAction, previewScanAction } from '@/app/[orgSlug]/scans/actions'

/** A lead assigned to `role`'s membership, so a REP's row scope allows it (lead CRM drivers). */
async function leadFor(org: Org, role: Role) {
  const m = await db.membership.findFirstOrThrow({ where: { orgId: org.org.id, userId: org.members[role].user.id }, select: { id: true } })
  return db.lead.create({
    data: {
      orgId: org.org.id,
      normalizedAddress: `${uniq('1 MAIN ST ').toUpperCase()}, DALLAS, TX 75201`,
      addressLine1: '1 Main St',
      city: 'Dallas',
      state: 'TX',
      zip: '75201',
      assigneeId: m.id,
    },
    select: { id: true },
  })
}

/** PRODUCT.md §2, written out by hand (not derived from MATRIX). */
const O = 'OWNER',
  A = 'ADMIN',
  M = 'MANAGER',
  R = 'REP',
  V = 'VIEWER'
const EXPECTED: Record<string, Role[]> = {
  'org.delete': [O],
  'billing.manage': [O],
  'data.export': [O],
  'org.settings.update': [O, A],
  'member.remove': [O, A],
  'member.role.change': [O, A],
  'api_keys.manage': [O, A],
  'integrations.manage': [O, A],
  'phone_numbers.manage': [O, A],
  'ai_config.update': [O, A],
  'sequence.manage': [O, A],
  'audit.read': [O, A],
  'billing.read': [O, A],
  'member.invite': [O, A, M],
  'lead.assign': [O, A, M],
  'lead.export': [O, A, M],
  'scan.run': [O, A, M],
  'scan.read': [O, A, M], // not a row of PRODUCT §2: who runs scans sees them
  'sequence.enroll': [O, A, M],
  'ai.test': [O, A, M],
  'org.settings.read': [O, A, M],
  'member.read': [O, A, M, R, V], // not a row of PRODUCT §2: every member sees the team
  'lead.read': [O, A, M, R, V],
  'lead.write': [O, A, M, R],
  'outreach.send': [O, A, M, R],
  'analytics.read': [O, A, M, V],
  'lead.delete': [O, A],
  'notification.send': [], // system only (the HOT-lead alert job)
}

/** Later issues: move a permission from here to ACTION_DRIVERS when its first action lands. */
export const PERMISSIONS_WITHOUT_ACTIONS_YET: Permission[] = [
  'org.delete',
  'billing.manage',
  'data.export',
  'integrations.manage',
  'phone_numbers.manage',
  'ai_config.update',
  'sequence.manage',
  'audit.read',
  'billing.read',
  'sequence.enroll',
  'notification.send', // system only: never an action
  'ai.test',
  'outreach.send',
  'analytics.read',
]

type Org = Awaited<ReturnType<typeof createOrgWithRoles>>
/** Each driver calls one real action as `role`, setting up whatever target row a success needs. */
type Driver = { name: string; run: (org: Org, role: Role) => Promise<ActionResult<unknown>> }

const as = (org: Org, role: Role) => ({ sessionId: org.members[role].sessionId })
const email = () => `${uniq('rm-')}@example.test`
async function viewerMembership(org: Org) {
  return addMember(org.org.id, (await createUser()).id, 'VIEWER')
}
async function viewerInvite(org: Org) {
  const r = await inviteMemberAction.as(as(org, 'OWNER'))({ orgSlug: org.org.slug, email: email(), role: 'VIEWER' })
  if (!r.ok) throw new Error(JSON.stringify(r.error))
  return r.data.id
}

const ACTION_DRIVERS: Partial<Record<Permission, Driver[]>> = {
  'scan.run': [
    {
      name: 'previewScanAction',
      run: (o, r) => previewScanAction.as(as(o, r))({ orgSlug: o.org.slug, area: { kind: 'zip', zip: '75201' }, propertyCap: 10 }),
    },
  ],
  'scan.read': [{ name: 'listScansAction', run: (o, r) => listScansAction.as(as(o, r))({ orgSlug: o.org.slug }) }],
  'lead.read': [
    { name: 'listLeadsAction', run: (o, r) => listLeadsAction.as(as(o, r))({ orgSlug: o.org.slug }) },
    { name: 'getLeadAction', run: async (o, r) => getLeadAction.as(as(o, r))({ orgSlug: o.org.slug, leadId: (await leadFor(o, r)).id }) },
  ],
  'lead.write': [
    {
      name: 'addNoteAction',
      run: async (o, r) => addNoteAction.as(as(o, r))({ orgSlug: o.org.slug, leadId: (await leadFor(o, r)).id, body: `note by ${r}` }),
    },
  ],
  'lead.assign': [
    {
      name: 'assignLeadsAction',
      run: async (o, r) =>
        assignLeadsAction.as(as(o, r))({ orgSlug: o.org.slug, target: { ids: [(await leadFor(o, r)).id] }, assigneeId: null }),
    },
  ],
  'lead.export': [
    { name: 'validateExportFilterAction', run: (o, r) => validateExportFilterAction.as(as(o, r))({ orgSlug: o.org.slug, filter: {} }) },
  ],
  'lead.delete': [
    {
      name: 'deleteLeadsAction',
      run: async (o, r) => deleteLeadsAction.as(as(o, r))({ orgSlug: o.org.slug, target: { ids: [(await leadFor(o, r)).id] } }),
    },
  ],
  'api_keys.manage': [
    {
      name: 'createApiKeyAction',
      run: (o, r) => createApiKeyAction.as(as(o, r))({ orgSlug: o.org.slug, key: { name: `key by ${r}`, scope: 'READ' } }),
    },
    { name: 'listApiKeysAction', run: (o, r) => listApiKeysAction.as(as(o, r))({ orgSlug: o.org.slug }) },
  ],
  'org.settings.read': [{ name: 'getOrgSettingsAction', run: (o, r) => getOrgSettingsAction.as(as(o, r))({ orgSlug: o.org.slug }) }],
  'org.settings.update': [
    {
      name: 'updateOrgSettingsAction',
      run: (o, r) =>
        updateOrgSettingsAction.as(as(o, r))({
          orgSlug: o.org.slug,
          name: `Renamed by ${r}`,
          slug: o.org.slug,
          timeZone: 'America/Chicago',
        }),
    },
  ],
  'member.invite': [
    { name: 'inviteMemberAction', run: (o, r) => inviteMemberAction.as(as(o, r))({ orgSlug: o.org.slug, email: email(), role: 'VIEWER' }) },
    { name: 'listInvitationsAction', run: (o, r) => listInvitationsAction.as(as(o, r))({ orgSlug: o.org.slug }) },
    {
      name: 'resendInvitationAction',
      run: async (o, r) => resendInvitationAction.as(as(o, r))({ orgSlug: o.org.slug, invitationId: await viewerInvite(o) }),
    },
    {
      name: 'cancelInvitationAction',
      run: async (o, r) => cancelInvitationAction.as(as(o, r))({ orgSlug: o.org.slug, invitationId: await viewerInvite(o) }),
    },
  ],
  'member.read': [{ name: 'listMembersAction', run: (o, r) => listMembersAction.as(as(o, r))({ orgSlug: o.org.slug }) }],
  'member.role.change': [
    {
      name: 'changeMemberRoleAction',
      run: async (o, r) =>
        changeMemberRoleAction.as(as(o, r))({ orgSlug: o.org.slug, membershipId: (await viewerMembership(o)).id, role: 'REP' }),
    },
  ],
  'member.remove': [
    {
      name: 'removeMemberAction',
      run: async (o, r) => removeMemberAction.as(as(o, r))({ orgSlug: o.org.slug, membershipId: (await viewerMembership(o)).id }),
    },
  ],
}

/** Actions any member may call (permission: null). */
const ANY_MEMBER_DRIVERS: Driver[] = [
  { name: 'listMembersAction', run: (o, r) => listMembersAction.as(as(o, r))({ orgSlug: o.org.slug }) },
  { name: 'leaveOrgAction', run: (o, r) => leaveOrgAction.as(as(o, r))({ orgSlug: o.org.slug }) },
]

describe('permission matrix coverage', () => {
  it('the hand-written table equals PRODUCT §2 as encoded in the matrix (every role × every permission)', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...PERMISSIONS].sort())
    for (const p of PERMISSIONS) for (const role of ROLES) expect(can(role, p), `${role} ${p}`).toBe(EXPECTED[p]!.includes(role))
  })

  it('every permission is either driven by an action or listed as having no action yet (never both)', () => {
    for (const p of PERMISSIONS) {
      const driven = (ACTION_DRIVERS[p]?.length ?? 0) > 0
      const listed = PERMISSIONS_WITHOUT_ACTIONS_YET.includes(p)
      expect(driven !== listed, `${p}: driven=${driven} listed=${listed}`).toBe(true)
    }
    for (const p of PERMISSIONS_WITHOUT_ACTIONS_YET) expect(PERMISSIONS).toContain(p)
  })
})

describe.each(Object.entries(ACTION_DRIVERS) as [Permission, Driver[]][])('%s through real actions', (permission, drivers) => {
  for (const driver of drivers) {
    it(`${driver.name}: ${EXPECTED[permission]!.join('/')} succeed, others FORBIDDEN`, async () => {
      const org = await createOrgWithRoles({ plan: 'ENTERPRISE' })
      for (const role of ROLES) {
        const before = await db.auditLog.count({ where: { orgId: org.org.id } })
        const r = await driver.run(org, role)
        if (EXPECTED[permission]!.includes(role)) {
          expect(r.ok, `${role} → ${JSON.stringify(r)}`).toBe(true)
        } else {
          expect(r.ok ? 'ok' : r.error.code, role).toBe('FORBIDDEN')
          if (!r.ok) expect(r.error.details).toMatchObject({ permission, role })
          // a refused call changes nothing (setup rows written by OWNER are audited before we count)
          if (!['resendInvitationAction', 'cancelInvitationAction'].includes(driver.name))
            expect(await db.auditLog.count({ where: { orgId: org.org.id } }), role).toBe(before)
        }
      }
    })
  }
})

describe('actions open to any member', () => {
  for (const driver of ANY_MEMBER_DRIVERS) {
    it(`${driver.name}: every role succeeds; a signed-in non-member gets NOT_FOUND`, async () => {
      for (const role of ROLES) {
        const org = await createOrgWithRoles({ plan: 'ENTERPRISE' })
        if (role === 'OWNER') await addMember(org.org.id, (await createUser()).id, 'OWNER') // so the owner may leave
        const r = await driver.run(org, role)
        expect(r.ok, `${role} → ${JSON.stringify(r)}`).toBe(true)
      }
      const org = await createOrgWithRoles({ plan: 'ENTERPRISE' })
      const outsider = await createOrgWithRoles({ plan: 'ENTERPRISE' })
      const r = await driver.run({ ...org, members: outsider.members }, 'OWNER')
      expect(r.ok ? 'ok' : r.error.code).toBe('NOT_FOUND')
    })
  }
})

// Every action receives malformed, oversized (> 256 KB) and wrongly typed input → a 4xx envelope, never INTERNAL.
import { describe, expect, it } from 'vitest'
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
import { createOrgAction } from '@/app/orgs/new/actions'
import { acceptInvitationAction, signUpFromInvitationAction } from '@/app/invite/[token]/actions'
import { createOrgWithRoles } from '@/tests/factories'

type AnyAction = { as: (a: { sessionId?: string }) => (input: unknown) => Promise<ActionResult<unknown>> }

const ORG_ACTIONS: Record<string, { action: AnyAction; valid: Record<string, unknown> }> = {
  listMembersAction: { action: listMembersAction, valid: {} },
  listInvitationsAction: { action: listInvitationsAction, valid: {} },
  inviteMemberAction: { action: inviteMemberAction, valid: { email: 'a@example.test', role: 'VIEWER' } },
  resendInvitationAction: { action: resendInvitationAction, valid: { invitationId: crypto.randomUUID() } },
  cancelInvitationAction: { action: cancelInvitationAction, valid: { invitationId: crypto.randomUUID() } },
  changeMemberRoleAction: { action: changeMemberRoleAction, valid: { membershipId: crypto.randomUUID(), role: 'REP' } },
  removeMemberAction: { action: removeMemberAction, valid: { membershipId: crypto.randomUUID() } },
  leaveOrgAction: { action: leaveOrgAction, valid: {} },
  getOrgSettingsAction: { action: getOrgSettingsAction, valid: {} },
  updateOrgSettingsAction: { action: updateOrgSettingsAction, valid: { name: 'Valid Co', slug: 'valid-co', timeZone: 'UTC' } },
}
const USER_ACTIONS: Record<string, AnyAction> = {
  createOrgAction,
  acceptInvitationAction,
  signUpFromInvitationAction,
}

const BIG = 'x'.repeat(300 * 1024)
const ALLOWED = ['VALIDATION_FAILED', 'PAYLOAD_TOO_LARGE', 'NOT_FOUND', 'BAD_REQUEST']

function malformed(slug: string, valid: Record<string, unknown>): Array<[string, unknown]> {
  const wrongTyped = Object.fromEntries(Object.keys(valid).map((k) => [k, { nested: [1, 2, 3] }]))
  const numbers = Object.fromEntries(Object.keys(valid).map((k) => [k, 12345]))
  return [
    ['undefined', undefined],
    ['null', null],
    ['string', 'hello'],
    ['number', 42],
    ['array', [slug]],
    ['boolean', true],
    ['slug as number', { ...valid, orgSlug: 42 }],
    ['slug as object', { ...valid, orgSlug: { $ne: '' } }],
    ['slug oversized', { ...valid, orgSlug: BIG }],
    ['oversized field', { ...valid, orgSlug: slug, junk: BIG }],
    ...(Object.keys(valid).length
      ? ([
          ['wrong types', { orgSlug: slug, ...wrongTyped }],
          ['numbers', { orgSlug: slug, ...numbers }],
          ['missing fields', { orgSlug: slug }],
          ['oversized values', { orgSlug: slug, ...Object.fromEntries(Object.keys(valid).map((k) => [k, BIG])) }],
          [
            'not-a-uuid / bad enum',
            { orgSlug: slug, ...Object.fromEntries(Object.keys(valid).map((k) => [k, "'; DROP TABLE users; --"])) },
          ],
        ] as Array<[string, unknown]>)
      : []),
  ]
}

describe('bad input never becomes INTERNAL', () => {
  it('org actions: malformed, oversized and wrongly typed input → 4xx envelope', async () => {
    const { org, members } = await createOrgWithRoles({ plan: 'ENTERPRISE' })
    for (const [name, { action, valid }] of Object.entries(ORG_ACTIONS)) {
      for (const [label, input] of malformed(org.slug, valid)) {
        const r = await action.as({ sessionId: members.OWNER.sessionId })(input)
        const where = `${name} / ${label}`
        if (r.ok) throw new Error(`${where} unexpectedly succeeded`)
        expect(ALLOWED, `${where}: ${r.error.code} ${r.error.message}`).toContain(r.error.code)
        expect(r.error.requestId, where).toBeTruthy()
        if (label.startsWith('oversized')) expect(r.error.code, where).toBe('PAYLOAD_TOO_LARGE')
      }
    }
  })

  it('user and public actions: malformed, oversized and wrongly typed input → 4xx envelope', async () => {
    const { members } = await createOrgWithRoles({ plan: 'ENTERPRISE' })
    const valid = { name: 'Valid Co', slug: 'valid-co', token: 'a'.repeat(43), password: 'long-enough-password-1' }
    for (const [name, action] of Object.entries(USER_ACTIONS)) {
      const inputs: Array<[string, unknown]> = [
        ['undefined', undefined],
        ['null', null],
        ['string', 'x'],
        ['array', []],
        ['number', 1],
        ['wrong types', { name: 1, slug: [], token: {}, password: false, timeZone: 7 }],
        ['oversized', { ...valid, token: BIG }],
        ['bad token and slug', { ...valid, slug: '../etc', token: '../../etc/passwd' }],
      ]
      for (const [label, input] of inputs) {
        const r = await action.as({ sessionId: members.VIEWER.sessionId })(input)
        const where = `${name} / ${label}`
        expect(r.ok, where).toBe(false)
        if (!r.ok) {
          expect(ALLOWED, `${where}: ${r.error.code}`).toContain(r.error.code)
          if (label === 'oversized') expect(r.error.code, where).toBe('PAYLOAD_TOO_LARGE')
        }
      }
    }
  })
})

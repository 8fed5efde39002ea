// The actor's rights come only from the matrix: members by role (REP row-scoped), API keys by scope, system
// processes by their grants, staff by staff role. Pure: no database.
import { describe, expect, it } from 'vitest'
import {
  apiKeyActor,
  assertCan,
  assertStaffCan,
  auditActorOf,
  memberActor,
  orgIdOf,
  requireScope,
  scopeFor,
  staffActor,
  systemActor,
} from '@/lib/auth/actor'
import { API_KEY_SCOPES, PERMISSIONS, SYSTEM_GRANTS, can, scopeOf } from '@/lib/auth/permissions'
import { AppError } from '@/lib/errors'

const ORG = '11111111-1111-4111-8111-111111111111'
const thrown = (fn: () => unknown) => {
  try {
    fn()
  } catch (e) {
    return e as AppError
  }
  throw new Error('expected a throw')
}

describe('actor rights', () => {
  it('a member has exactly the rights of their role, with the REP row scope', () => {
    for (const role of ['OWNER', 'ADMIN', 'MANAGER', 'REP', 'VIEWER'] as const) {
      const actor = memberActor({ org: { id: ORG }, userId: 'u', membershipId: 'm', role })
      for (const p of PERMISSIONS) {
        expect(scopeFor(actor, p)).toBe(scopeOf(role, p))
        if (!can(role, p)) expect(thrown(() => assertCan(actor, p))).toMatchObject({ code: 'FORBIDDEN', details: { permission: p, role } })
        else expect(assertCan(actor, p)).toBe(ORG)
      }
    }
    expect(requireScope(memberActor({ org: { id: ORG }, userId: 'u', membershipId: 'm', role: 'REP' }), 'lead.write')).toBe('assigned')
  })

  it('an API key has the rights of its scope only; a refused write says which scope it needs', () => {
    const read = apiKeyActor({ id: 'k', orgId: ORG, scope: 'READ' })
    const write = apiKeyActor({ id: 'k', orgId: ORG, scope: 'WRITE' })
    for (const p of PERMISSIONS) {
      expect(scopeFor(read, p)).toBe((API_KEY_SCOPES.READ as readonly string[]).includes(p) ? 'all' : 'none')
      expect(scopeFor(write, p)).toBe((API_KEY_SCOPES.WRITE as readonly string[]).includes(p) ? 'all' : 'none')
    }
    expect(thrown(() => assertCan(read, 'lead.write'))).toMatchObject({
      code: 'FORBIDDEN',
      details: { reason: 'SCOPE_REQUIRED', required: 'WRITE' },
    })
    expect(thrown(() => assertCan(write, 'api_keys.manage'))).toMatchObject({
      code: 'FORBIDDEN',
      details: { reason: 'SCOPE_REQUIRED', required: null },
    })
    expect(auditActorOf(write)).toEqual({ type: 'API_KEY', id: 'k' })
  })

  it('a system process gets its grants only, and nothing without an org', () => {
    const importJob = systemActor({ process: 'leads.import', orgId: ORG })
    for (const p of PERMISSIONS)
      expect(scopeFor(importJob, p)).toBe((SYSTEM_GRANTS['leads.import'] as readonly string[]).includes(p) ? 'all' : 'none')
    expect(thrown(() => assertCan(importJob, 'api_keys.manage'))).toMatchObject({ code: 'FORBIDDEN' })
    expect(assertCan(systemActor({ process: 'operator', orgId: ORG }), 'api_keys.manage')).toBe(ORG)
    expect(scopeFor(systemActor({ process: 'operator' }), 'lead.read')).toBe('none')
    expect(auditActorOf(importJob)).toEqual({ type: 'SYSTEM' })
  })

  it('staff act only through staff rights: no org rights; support reads, admins change', () => {
    expect(thrown(() => staffActor({ id: 'u', staffRole: null }))).toMatchObject({ code: 'NOT_FOUND' })
    const support = staffActor({ id: 'u', staffRole: 'STAFF_SUPPORT' })
    const admin = staffActor({ id: 'u', staffRole: 'STAFF_ADMIN' })
    for (const p of PERMISSIONS) expect(scopeFor(admin, p)).toBe('none')
    expect(thrown(() => orgIdOf(admin))).toMatchObject({ code: 'FORBIDDEN' })
    expect(assertStaffCan(support, 'staff.console.read')).toBe(support)
    expect(thrown(() => assertStaffCan(support, 'staff.webhook.replay'))).toMatchObject({ code: 'FORBIDDEN' })
    expect(assertStaffCan(admin, 'staff.webhook.replay')).toBe(admin)
    const member = memberActor({ org: { id: ORG }, userId: 'u', membershipId: 'm', role: 'OWNER' })
    expect(thrown(() => assertStaffCan(member, 'staff.console.read'))).toMatchObject({ code: 'NOT_FOUND' })
    expect(auditActorOf(admin)).toEqual({ type: 'STAFF', id: 'u' })
  })
})

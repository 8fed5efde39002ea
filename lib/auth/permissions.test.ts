import { describe, expect, it } from 'vitest'
import { can, canGrantRole, canManageMember, MATRIX, PERMISSIONS, ROLES, scopeOf } from './permissions'

// The expected table, written out independently from PRODUCT.md §2 so a change to MATRIX must change this too.
const EXPECTED: Record<string, string> = {
  'org.delete': 'O....',
  'billing.manage': 'O....',
  'data.export': 'O....',
  'org.settings.update': 'OA...',
  'member.remove': 'OA...',
  'member.role.change': 'OA...',
  'api_keys.manage': 'OA...',
  'integrations.manage': 'OA...',
  'phone_numbers.manage': 'OA...',
  'ai_config.update': 'OA...',
  'sequence.manage': 'OA...',
  'audit.read': 'OA...',
  'billing.read': 'OA...',
  'member.invite': 'OAM..',
  'lead.assign': 'OAM..',
  'lead.export': 'OAM..',
  'scan.run': 'OAM..',
  'scan.read': 'OAM..',
  'sequence.enroll': 'OAM..',
  'ai.test': 'OAM..',
  'org.settings.read': 'OAM..',
  'lead.read': 'OAMRV',
  'lead.write': 'OAMR.',
  'outreach.send': 'OAMR.',
  'member.read': 'OAMRV',
  'notification.send': '.....',
  'analytics.read': 'OAM.V',
  'lead.delete': 'OA...',
}

describe('permission matrix', () => {
  it('covers exactly the permissions of the spec', () => {
    expect(new Set(PERMISSIONS)).toEqual(new Set(Object.keys(EXPECTED)))
  })
  for (const p of Object.keys(MATRIX) as (keyof typeof MATRIX)[]) {
    ROLES.forEach((role, i) => {
      const allowed = EXPECTED[p][i] !== '.'
      it(`${role} ${allowed ? 'can' : 'cannot'} ${p}`, () => expect(can(role, p)).toBe(allowed))
    })
  }
  it('scopes REP to assigned leads only', () => {
    expect(scopeOf('REP', 'lead.read')).toBe('assigned')
    expect(scopeOf('REP', 'outreach.send')).toBe('assigned')
    expect(scopeOf('VIEWER', 'lead.read')).toBe('all')
    expect(scopeOf('VIEWER', 'lead.write')).toBe('none')
    expect(scopeOf('MANAGER', 'lead.write')).toBe('all')
  })
  it('never lets a role grant above itself, and ADMIN never manages an OWNER', () => {
    expect(canGrantRole('ADMIN', 'OWNER')).toBe(false)
    expect(canGrantRole('ADMIN', 'ADMIN')).toBe(true)
    expect(canGrantRole('MANAGER', 'ADMIN')).toBe(false)
    expect(canGrantRole('OWNER', 'OWNER')).toBe(true)
    expect(canManageMember('ADMIN', 'OWNER')).toBe(false)
    expect(canManageMember('OWNER', 'OWNER')).toBe(true)
    expect(canManageMember('ADMIN', 'MANAGER')).toBe(true)
  })
})

// THE permission matrix (PRODUCT.md §2). The only place that says which role may do what.
// Roles always come from the database (lib/auth/org-context.ts), never from request input.
import type { Role } from '@/lib/generated/prisma/enums'
import { AppError } from '@/lib/errors'

export const ROLES = ['OWNER', 'ADMIN', 'MANAGER', 'REP', 'VIEWER'] as const satisfies readonly Role[]

/** Higher grants more. "Nobody grants a role higher than their own." */
export const ROLE_RANK: Record<Role, number> = { OWNER: 5, ADMIN: 4, MANAGER: 3, REP: 2, VIEWER: 1 }

const O: Role = 'OWNER', A: Role = 'ADMIN', M: Role = 'MANAGER', R: Role = 'REP', V: Role = 'VIEWER'

export const MATRIX = {
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
  'sequence.enroll': [O, A, M],
  'ai.test': [O, A, M],
  'org.settings.read': [O, A, M],

  'lead.read': [O, A, M, R, V],
  'lead.write': [O, A, M, R],
  'outreach.send': [O, A, M, R],

  'analytics.read': [O, A, M, V],

  'lead.delete': [O, A],
} as const satisfies Record<string, readonly Role[]>

export type Permission = keyof typeof MATRIX
export const PERMISSIONS = Object.keys(MATRIX) as Permission[]

/**
 * Row scope of a granted permission. REP works only on leads assigned to them (lead.read, lead.write,
 * outreach.send); everyone else who holds the permission works on the whole org.
 */
const ASSIGNED_ONLY: Partial<Record<Permission, readonly Role[]>> = {
  'lead.read': [R],
  'lead.write': [R],
  'outreach.send': [R],
}

export type Scope = 'all' | 'assigned' | 'none'

export function can(role: Role, permission: Permission): boolean {
  return (MATRIX[permission] as readonly Role[]).includes(role)
}

export function scopeOf(role: Role, permission: Permission): Scope {
  if (!can(role, permission)) return 'none'
  return ASSIGNED_ONLY[permission]?.includes(role) ? 'assigned' : 'all'
}

export function assertCan(role: Role, permission: Permission): void {
  if (!can(role, permission)) {
    throw new AppError('FORBIDDEN', 'Your role does not allow this', { details: { permission, role } })
  }
}

export function permissionsOf(role: Role): Permission[] {
  return PERMISSIONS.filter((p) => can(role, p))
}

/** May `actor` give `target` role to someone, or act on a member who currently holds `current`? */
export function canGrantRole(actor: Role, target: Role): boolean {
  return ROLE_RANK[target] <= ROLE_RANK[actor]
}
export function canManageMember(actor: Role, current: Role): boolean {
  // ADMIN cannot change or remove an OWNER; an OWNER can manage anyone.
  return actor === 'OWNER' || ROLE_RANK[current] < ROLE_RANK.OWNER
}

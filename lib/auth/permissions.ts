// THE permission matrix (PRODUCT.md §2). The only place that says who may do what: member roles, API-key
// scopes, platform staff roles, system processes (jobs, CLI) and the names of the plan gates. Domain functions
// check rights through an Actor (lib/auth/actor.ts), which reads only this file.
// Roles always come from the database (lib/auth/org-context.ts), never from request input.
import type { Role } from '@/lib/generated/prisma/enums'

export const ROLES = ['OWNER', 'ADMIN', 'MANAGER', 'REP', 'VIEWER'] as const satisfies readonly Role[]

/** Higher grants more. "Nobody grants a role higher than their own." */
export const ROLE_RANK: Record<Role, number> = { OWNER: 5, ADMIN: 4, MANAGER: 3, REP: 2, VIEWER: 1 }

const O: Role = 'OWNER',
  A: Role = 'ADMIN',
  M: Role = 'MANAGER',
  R: Role = 'REP',
  V: Role = 'VIEWER'

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
  /** scans list and progress, the review queue (PRODUCT §5.1: running scans is a manager's job) */
  'scan.read': [O, A, M],
  'sequence.enroll': [O, A, M],
  'ai.test': [O, A, M],
  'org.settings.read': [O, A, M],

  // not a row of PRODUCT §2's table: every member sees who else is on the team (settings, assignee names)
  'member.read': [O, A, M, R, V],
  'lead.read': [O, A, M, R, V],
  'lead.write': [O, A, M, R],
  'outreach.send': [O, A, M, R],

  'analytics.read': [O, A, M, V],

  'lead.delete': [O, A],

  /** system events only (no role): the HOT-lead alert job sends notifications to the org's managers */
  'notification.send': [],
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

/** REST API keys act org-wide, limited by their scope (PRODUCT.md §7: READ reads, WRITE also changes leads and runs scans). */
export type ApiKeyScope = 'READ' | 'WRITE'
export const API_KEY_SCOPES = {
  READ: ['lead.read', 'scan.read'],
  WRITE: ['lead.read', 'lead.write', 'lead.assign', 'lead.delete', 'scan.read', 'scan.run'],
} as const satisfies Record<ApiKeyScope, readonly Permission[]>

/** Platform staff (users.staff_role). STAFF_SUPPORT reads the console; changes need STAFF_ADMIN. */
export type StaffRole = 'STAFF_SUPPORT' | 'STAFF_ADMIN'
export const STAFF_MATRIX = {
  'staff.console.read': ['STAFF_SUPPORT', 'STAFF_ADMIN'],
  'staff.webhook.replay': ['STAFF_ADMIN'],
  'staff.outbox.retry': ['STAFF_ADMIN'],
  'staff.job.retry': ['STAFF_ADMIN'],
  /** credits, refunds, lifting a dispute freeze, deciding lead-dispute reviews (lib/billing) */
  'staff.billing.adjust': ['STAFF_ADMIN'],
} as const satisfies Record<string, readonly StaffRole[]>
export type StaffPermission = keyof typeof STAFF_MATRIX

export function staffCan(role: StaffRole | null | undefined, permission: StaffPermission): boolean {
  return !!role && (STAFF_MATRIX[permission] as readonly StaffRole[]).includes(role)
}

/**
 * Processes that act without a person: each gets only the rights it needs, so a job that reaches a use case it
 * was not written for is refused like anyone else. `operator` is the admin CLI (`npm run fm`), run by someone
 * with shell access to production; `seed` builds demo data.
 */
export const SYSTEM_GRANTS = {
  'leads.import': ['lead.write'],
  /** the scan pipeline (lib/scans): runs the scans it is handed, creates and re-scores their leads */
  'scans.pipeline': ['scan.run', 'scan.read', 'lead.read', 'lead.write'],
  /** HOT-lead alerts (lib/notifications): reads the lead and who the org's managers are, to notify them */
  notifications: ['lead.read', 'member.read', 'notification.send'],
  /** billing jobs (lib/billing): Stripe sync, dunning clock, trial expiry, reconciliation, spend-cap warnings */
  billing: ['billing.read', 'member.read', 'notification.send'],
  operator: PERMISSIONS,
  seed: PERMISSIONS,
} as const satisfies Record<string, readonly Permission[]>
export type SystemProcess = keyof typeof SYSTEM_GRANTS

/** Plan gates: features an organization's plan must include (lib/billing/plans.ts says which plan has which). */
export const PLAN_GATES = ['api.access', 'ai.ad_generation', 'report.white_label'] as const
export type PlanGate = (typeof PLAN_GATES)[number]

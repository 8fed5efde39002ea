// Who is acting. Every domain function takes `{ actor, ...input }` and checks its right through this module,
// so an action, a REST call, a job and the CLI get the same check. Rights come only from the matrix
// (lib/auth/permissions.ts); the actor's role, key scope or staff role always come from the database.
import type { Role } from '@/lib/generated/prisma/enums'
import type { AuditActor } from '@/lib/audit/write-audit'
import {
  API_KEY_SCOPES,
  SYSTEM_GRANTS,
  scopeOf,
  staffCan,
  type ApiKeyScope,
  type Permission,
  type Scope,
  type StaffPermission,
  type StaffRole,
  type SystemProcess,
} from '@/lib/auth/permissions'
import { AppError } from '@/lib/errors'

export type Actor =
  /** a signed-in member of an org (role read from the DB on this request) */
  | { kind: 'member'; orgId: string; userId: string; membershipId: string; role: Role }
  /** a REST API key (org-wide, limited by its scope) */
  | { kind: 'apiKey'; orgId: string; keyId: string; scope: ApiKeyScope }
  /** platform staff in the staff console: no org of their own, rights from STAFF_MATRIX */
  | { kind: 'staff'; userId: string; staffRole: StaffRole }
  /** a job, the CLI or the seed: rights from SYSTEM_GRANTS; orgId null = not acting in one org */
  | { kind: 'system'; orgId: string | null; process: SystemProcess }

export type MemberActor = Extract<Actor, { kind: 'member' }>
export type StaffActor = Extract<Actor, { kind: 'staff' }>

export function memberActor(m: { org: { id: string }; userId: string; membershipId: string; role: Role }): MemberActor {
  return { kind: 'member', orgId: m.org.id, userId: m.userId, membershipId: m.membershipId, role: m.role }
}

export function apiKeyActor(k: { id: string; orgId: string; scope: ApiKeyScope }): Actor {
  return { kind: 'apiKey', orgId: k.orgId, keyId: k.id, scope: k.scope }
}

export function staffActor(u: { id: string; staffRole: StaffRole | null }): StaffActor {
  // non-staff never get a staff actor: the console does not reveal that it exists
  if (!u.staffRole) throw new AppError('NOT_FOUND', 'Not found')
  return { kind: 'staff', userId: u.id, staffRole: u.staffRole }
}

export function systemActor({ process, orgId = null }: { process: SystemProcess; orgId?: string | null }): Actor {
  return { kind: 'system', orgId, process }
}

/** Row scope of `permission` for this actor: 'assigned' = only leads assigned to this member (REP). */
export function scopeFor(actor: Actor, permission: Permission): Scope {
  switch (actor.kind) {
    case 'member':
      return scopeOf(actor.role, permission)
    case 'apiKey':
      return (API_KEY_SCOPES[actor.scope] as readonly Permission[]).includes(permission) ? 'all' : 'none'
    case 'system':
      return actor.orgId && (SYSTEM_GRANTS[actor.process] as readonly Permission[]).includes(permission) ? 'all' : 'none'
    case 'staff':
      return 'none'
  }
}

/** Asserts an org right and returns its row scope; FORBIDDEN otherwise. */
export function requireScope(actor: Actor, permission: Permission): 'all' | 'assigned' {
  const s = scopeFor(actor, permission)
  if (s === 'none') {
    if (actor.kind === 'apiKey') {
      const required = (Object.keys(API_KEY_SCOPES) as ApiKeyScope[]).find((k) =>
        (API_KEY_SCOPES[k] as readonly Permission[]).includes(permission),
      )
      const message = required ? `This API key is read-only; use a key with ${required} scope` : 'API keys cannot do this'
      throw new AppError('FORBIDDEN', message, { details: { permission, reason: 'SCOPE_REQUIRED', required: required ?? null } })
    }
    const details = { permission, ...(actor.kind === 'member' ? { role: actor.role } : { actor: actor.kind }) }
    throw new AppError('FORBIDDEN', 'Your role does not allow this', { details })
  }
  return s
}

/** Asserts an org right for the actor's org; returns that org's id. The usual first line of a use case. */
export function assertCan(actor: Actor, permission: Permission): string {
  requireScope(actor, permission)
  return orgIdOf(actor)
}

/** Asserts a staff right: non-staff get NOT_FOUND (no existence leak), support staff FORBIDDEN on writes. */
export function assertStaffCan(actor: Actor, permission: StaffPermission): StaffActor {
  if (actor.kind !== 'staff') throw new AppError('NOT_FOUND', 'Not found')
  if (!staffCan(actor.staffRole, permission)) throw new AppError('FORBIDDEN', 'Only staff admins can do this', { details: { permission } })
  return actor
}

/** The org the actor acts in; staff and org-less system actors have none. */
export function orgIdOf(actor: Actor): string {
  if (actor.kind === 'staff' || !actor.orgId)
    throw new AppError('FORBIDDEN', 'This needs an organization', { details: { actor: actor.kind } })
  return actor.orgId
}

/** The membership id behind the actor, or null (API keys and system processes are no member). */
export function membershipIdOf(actor: Actor): string | null {
  return actor.kind === 'member' ? actor.membershipId : null
}

/** The user behind the actor, or null. */
export function userIdOf(actor: Actor): string | null {
  return actor.kind === 'member' || actor.kind === 'staff' ? actor.userId : null
}

/** How the actor appears in the audit log and on lead timelines. */
export function auditActorOf(actor: Actor): AuditActor {
  switch (actor.kind) {
    case 'member':
      return { type: 'USER', id: actor.userId }
    case 'apiKey':
      return { type: 'API_KEY', id: actor.keyId }
    case 'staff':
      return { type: 'STAFF', id: actor.userId }
    case 'system':
      return { type: 'SYSTEM' }
  }
}

// Who acts on leads: a member (role from the DB) or an API key (org-wide, limited by its scope).
// Every lead query goes through scopeFor(): REP only sees/touches leads assigned to them.
import type { Role } from '@/lib/generated/prisma/enums'
import type { MemberContext } from '@/lib/auth/org-context'
import { scopeOf, type Permission } from '@/lib/auth/permissions'
import type { AuditActor } from '@/lib/audit/write-audit'
import { AppError } from '@/lib/errors'

export interface LeadActor {
  orgId: string
  role: Role | null
  membershipId: string | null
  userId: string | null
  apiKey: { id: string; scope: 'READ' | 'WRITE' } | null
}

export function memberActor(m: Pick<MemberContext, 'org' | 'role' | 'membershipId' | 'userId'>): LeadActor {
  return { orgId: m.org.id, role: m.role, membershipId: m.membershipId, userId: m.userId, apiKey: null }
}

export function apiKeyActor(k: { id: string; orgId: string; scope: 'READ' | 'WRITE' }): LeadActor {
  return { orgId: k.orgId, role: null, membershipId: null, userId: null, apiKey: { id: k.id, scope: k.scope } }
}

const API_WRITE: Permission[] = ['lead.read', 'lead.write', 'lead.assign', 'lead.delete']

export function scopeFor(actor: LeadActor, permission: Permission): 'all' | 'assigned' | 'none' {
  if (actor.apiKey) {
    if (permission === 'lead.read') return 'all'
    return actor.apiKey.scope === 'WRITE' && API_WRITE.includes(permission) ? 'all' : 'none'
  }
  return actor.role ? scopeOf(actor.role, permission) : 'none'
}

export function requireScope(actor: LeadActor, permission: Permission): 'all' | 'assigned' {
  const s = scopeFor(actor, permission)
  if (s === 'none') throw new AppError('FORBIDDEN', 'Your role does not allow this', { details: { permission } })
  return s
}

export function auditActor(actor: LeadActor): AuditActor {
  return actor.apiKey ? { type: 'API_KEY', id: actor.apiKey.id } : { type: 'USER', id: actor.userId }
}

/** Prisma `where` for live leads this actor may act on with `permission`. */
export function leadWhere(actor: LeadActor, permission: Permission) {
  const scope = requireScope(actor, permission)
  return { orgId: actor.orgId, deletedAt: null, ...(scope === 'assigned' ? { assigneeId: actor.membershipId ?? '00000000-0000-0000-0000-000000000000' } : {}) }
}

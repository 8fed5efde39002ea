// The role-rank rules of PRODUCT §2 applied to an actor. A member is held to their own role ("nobody grants a
// role higher than their own", "ADMIN cannot manage an OWNER"); an actor without a role (the operator CLI, the
// seed) only gets here after its permission check passed, and is not ranked.
import 'server-only'
import type { Actor } from '@/lib/auth/actor'
import { canGrantRole, canManageMember } from '@/lib/auth/permissions'
import type { Role } from '@/lib/generated/prisma/enums'

export function mayGrantRole(actor: Actor, role: Role): boolean {
  return actor.kind !== 'member' || canGrantRole(actor.role, role)
}

export function mayManageMember(actor: Actor, current: Role): boolean {
  return actor.kind !== 'member' || canManageMember(actor.role, current)
}

// Row scope of lead queries. Every lead query goes through leadWhere() or leadFilterSql(): they assert the
// actor's right (lib/auth/actor.ts) and add "assigned to me" for a REP.
import 'server-only'
import { membershipIdOf, orgIdOf, requireScope, type Actor } from '@/lib/auth/actor'
import type { Permission } from '@/lib/auth/permissions'

/** matches no lead: an 'assigned' scope without a membership sees nothing */
export const NO_MEMBER = '00000000-0000-0000-0000-000000000000'

/** Prisma `where` for live leads this actor may act on with `permission` (FORBIDDEN without the right). */
export function leadWhere(actor: Actor, permission: Permission) {
  const scope = requireScope(actor, permission)
  return { orgId: orgIdOf(actor), deletedAt: null, ...(scope === 'assigned' ? { assigneeId: membershipIdOf(actor) ?? NO_MEMBER } : {}) }
}

// Notifications belong to one person in one org: only a signed-in member reads or marks their own. API keys,
// staff and system processes have no inbox (FORBIDDEN); another user's notification is NOT_FOUND, never theirs.
import 'server-only'
import { AppError } from '@/lib/errors'
import type { Actor } from '@/lib/auth/actor'

export function assertInboxOwner(actor: Actor): { orgId: string; userId: string } {
  if (actor.kind !== 'member') throw new AppError('FORBIDDEN', 'Only members have notifications', { details: { actor: actor.kind } })
  return { orgId: actor.orgId, userId: actor.userId }
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
export const isUuid = (s: string) => UUID_RE.test(s)

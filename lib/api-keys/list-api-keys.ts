import 'server-only'
import { db } from '@/lib/db'
import { assertCan, type Actor } from '@/lib/auth/actor'

/** The org's keys (api_keys.manage), live ones first. Never the secret: only its hash is stored. */
export async function listApiKeys({ actor }: { actor: Actor }) {
  const orgId = assertCan(actor, 'api_keys.manage')
  return db.apiKey.findMany({
    where: { orgId },
    orderBy: [{ revokedAt: { sort: 'desc', nulls: 'first' } }, { createdAt: 'desc' }],
    select: {
      id: true,
      name: true,
      prefix: true,
      scope: true,
      lastUsedAt: true,
      revokedAt: true,
      createdAt: true,
      createdBy: { select: { name: true, email: true } },
    },
  })
}

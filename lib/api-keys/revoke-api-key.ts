// Revocation (api_keys.manage) takes effect on the next request (every request re-reads the key row).
import 'server-only'
import { db } from '@/lib/db'
import { notFound } from '@/lib/errors'
import { writeAudit } from '@/lib/audit/write-audit'
import { assertCan, auditActorOf, type Actor } from '@/lib/auth/actor'
import { z } from 'zod'

export async function revokeApiKey({ actor, keyId }: { actor: Actor; keyId: string }) {
  const orgId = assertCan(actor, 'api_keys.manage')
  if (!z.uuid().safeParse(keyId).success) throw notFound('API key')
  return db.$transaction(async (tx) => {
    const key = await tx.apiKey.findFirst({ where: { id: keyId, orgId }, select: { id: true, revokedAt: true, name: true } })
    if (!key) throw notFound('API key')
    if (key.revokedAt) return { id: key.id, revokedAt: key.revokedAt }
    const r = await tx.apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() }, select: { id: true, revokedAt: true } })
    await writeAudit(tx, {
      orgId,
      actor: auditActorOf(actor),
      action: 'api_key.revoke',
      targetType: 'api_key',
      targetId: key.id,
      before: { name: key.name },
    })
    return r
  })
}

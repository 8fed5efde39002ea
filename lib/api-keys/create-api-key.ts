// Creates a REST API key (api_keys.manage). The full key is returned ONCE; only its sha256 is stored (plus a
// short prefix so people can recognise it in the list).
import 'server-only'
import { db } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { randomToken, sha256Hex } from '@/lib/crypto'
import { writeAudit } from '@/lib/audit/write-audit'
import { assertCan, auditActorOf, userIdOf, type Actor } from '@/lib/auth/actor'
import type { CreateApiKeyValues } from '@/lib/api-keys/schemas'

export const API_KEY_PREFIX = 'fm_live_'
export const MAX_KEYS_PER_ORG = 50

export async function createApiKey({ actor, name, scope }: { actor: Actor } & CreateApiKeyValues) {
  const orgId = assertCan(actor, 'api_keys.manage')
  const secret = `${API_KEY_PREFIX}${randomToken(30)}`
  return db.$transaction(async (tx) => {
    const live = await tx.apiKey.count({ where: { orgId, revokedAt: null } })
    if (live >= MAX_KEYS_PER_ORG) {
      throw new AppError('VALIDATION_FAILED', `At most ${MAX_KEYS_PER_ORG} active API keys per organization; revoke one first`)
    }
    const key = await tx.apiKey.create({
      data: {
        orgId,
        name,
        scope,
        prefix: secret.slice(0, API_KEY_PREFIX.length + 8),
        keyHash: sha256Hex(secret),
        createdById: userIdOf(actor),
      },
      select: { id: true, name: true, prefix: true, scope: true, createdAt: true },
    })
    await writeAudit(tx, {
      orgId,
      actor: auditActorOf(actor),
      action: 'api_key.create',
      targetType: 'api_key',
      targetId: key.id,
      after: key,
    })
    return { ...key, secret }
  })
}

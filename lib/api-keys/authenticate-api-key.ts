// Bearer API key → key row + org plan in ONE query (it runs on every API request). Unknown, malformed or
// revoked keys and deleted orgs are all plain 401s. last_used_at is touched at most once a minute.
import 'server-only'
import { Prisma } from '@/lib/generated/prisma/client'
import { db, sqlRows } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { sha256Hex } from '@/lib/crypto'
import { API_KEY_PREFIX } from '@/lib/api-keys/create-api-key'

const KEY_RE = new RegExp(`^${API_KEY_PREFIX}[A-Za-z0-9_-]{20,80}$`)
const TOUCH_EVERY_MS = 60_000

export interface AuthenticatedKey {
  id: string
  orgId: string
  scope: 'READ' | 'WRITE'
  plan: 'TRIAL' | 'PROFESSIONAL' | 'ENTERPRISE'
}

export function bearerFrom(header: string | null): string | null {
  const m = header?.match(/^Bearer\s+(\S+)\s*$/i)
  return m ? m[1]! : null
}

export async function authenticateApiKey({ secret }: { secret: string | null }): Promise<AuthenticatedKey> {
  const invalid = () => new AppError('UNAUTHENTICATED', 'Missing or invalid API key (Authorization: Bearer fm_live_…)')
  if (!secret || !KEY_RE.test(secret)) throw invalid()
  const rows = await sqlRows<AuthenticatedKey & { lastUsedAt: Date | null }>(Prisma.sql`
    SELECT k.id, k.org_id AS "orgId", k.scope::text AS scope, o.plan::text AS plan, k.last_used_at AS "lastUsedAt"
      FROM api_keys k JOIN organizations o ON o.id = k.org_id
     WHERE k.key_hash = ${sha256Hex(secret)} AND k.revoked_at IS NULL AND o.deleted_at IS NULL`)
  const key = rows[0]
  if (!key) throw invalid()
  if (!key.lastUsedAt || Date.now() - key.lastUsedAt.getTime() > TOUCH_EVERY_MS) {
    // conditional so concurrent requests touch it once; not awaited on the hot path's critical section
    await db.$executeRaw`UPDATE api_keys SET last_used_at = now() WHERE id = ${key.id}::uuid AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`
  }
  return { id: key.id, orgId: key.orgId, scope: key.scope, plan: key.plan }
}

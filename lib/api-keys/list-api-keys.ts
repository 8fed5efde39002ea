import { db } from '@/lib/db'

export async function listApiKeys({ orgId }: { orgId: string }) {
  return db.apiKey.findMany({
    where: { orgId },
    orderBy: [{ revokedAt: { sort: 'desc', nulls: 'first' } }, { createdAt: 'desc' }],
    select: { id: true, name: true, prefix: true, scope: true, lastUsedAt: true, revokedAt: true, createdAt: true, createdBy: { select: { name: true, email: true } } },
  })
}
